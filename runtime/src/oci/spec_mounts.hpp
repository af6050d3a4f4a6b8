#pragma once

// The mounts of a container's OCI spec: containerd's defaults (/proc, /dev,
// ...), the pod's volumes and the /etc files, merged as containerd's CRI
// plugin merges them (customopts.WithMounts). Pure.

#include <string>
#include <vector>

#include "herd/base/result.hpp"
#include "herd/runtime/oci_spec.hpp"

namespace herd::runtime::oci {

/// One entry of the spec's "mounts".
struct SpecMount {
  std::string destination;
  std::string type;
  std::string source;
  std::vector<std::string> options;
  bool operator==(const SpecMount&) const = default;
};

struct SpecMounts {
  std::vector<SpecMount> mounts;
  /// linux.rootfsPropagation: "" (runc's default, rprivate), "rslave" or
  /// "rshared", as the bind mounts' propagation needs.
  std::string rootfs_propagation;
};

/// The mounts, in mount order:
///  1. the defaults: /proc, /dev, /dev/pts, /dev/shm, /dev/mqueue, /sys and
///     /sys/fs/cgroup (those two read-only unless `privileged`), except
///     those a bind mount replaces (same destination; anything under /dev
///     when a bind mount is /dev);
///  2. `input.mounts` plus /etc/hosts, /etc/resolv.conf and /etc/hostname
///     (when given and no volume is mounted there; read-only when
///     `read_only_root`), sorted stably by path depth so parents come first,
///     each "bind" with options rbind, rprivate|rslave|rshared, ro|rw.
/// Returns kInvalidArgument when a destination or source is not absolute.
Result<SpecMounts> spec_mounts(const OciSpecInput& input, bool privileged, bool read_only_root);

}  // namespace herd::runtime::oci
