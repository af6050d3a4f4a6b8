#pragma once

// Test-only helpers (herd_runtime_containerd_test): a busybox root file
// system built from the machine's own /bin/busybox (Debian's busybox-static),
// so the containerd tests need no registry, and the OCI specs to run it.

#include <string>
#include <vector>

namespace herd::runtime::containerd::testing {

/// Where the statically linked busybox comes from.
inline constexpr const char* kBusyboxPath = "/bin/busybox";

/// One entry of a tar layer.
struct TarEntry {
  enum class Type { kFile, kDirectory, kSymlink };
  Type type = Type::kFile;
  std::string path;  ///< relative, e.g. "bin/busybox" ("bin/" style for directories is fine too)
  std::string contents;  ///< kFile: the bytes; kSymlink: the target
  unsigned mode = 0644;
};

/// An uncompressed POSIX ustar archive of `entries` (owner root, mtime 0),
/// as an OCI layer ("application/vnd.oci.image.layer.v1.tar") carries it.
std::string make_tar(const std::vector<TarEntry>& entries);

/// bin/, bin/busybox (0755) and bin/sh -> busybox; "" when /bin/busybox cannot be read.
std::string busybox_layer();

/// A minimal OCI runtime spec running `args` as root in "rootfs" with its own
/// pid, ipc, uts, mount and network namespaces, the usual /proc /dev /sys
/// mounts, and the cgroup "/<ns>/<id>".
std::string oci_spec_json(const std::vector<std::string>& args, const std::string& ns,
                          const std::string& id);

/// An OCI "process" object running `args` (for exec).
std::string process_spec_json(const std::vector<std::string>& args);

/// `path`'s contents, or "" when it cannot be read.
std::string read_file(const std::string& path);

/// 16 random hex digits, for names no other test run uses.
std::string random_hex();

/// The environment variable `name`, or `fallback` when it is not set.
std::string env_or(const char* name, const char* fallback = "");

}  // namespace herd::runtime::containerd::testing
