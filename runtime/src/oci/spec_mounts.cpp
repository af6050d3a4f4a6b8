#include "oci/spec_mounts.hpp"

#include <algorithm>
#include <set>

namespace herd::runtime::oci {
namespace {

// filepath.Clean for absolute paths: no empty or "." segments, ".." applied,
// no trailing slash.
std::string clean_path(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    const std::string_view part = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    if (part == "..") {
      if (!parts.empty()) {
        parts.pop_back();
      }
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
  }
  std::string out;
  for (std::string_view part : parts) {
    out += '/';
    out += part;
  }
  return out.empty() ? "/" : out;
}

std::size_t depth(const std::string& clean) {
  return clean == "/" ? 0 : std::count(clean.begin(), clean.end(), '/');
}

std::vector<SpecMount> default_mounts(bool privileged) {
  const std::string sys_mode = privileged ? "rw" : "ro";
  return {
      {"/proc", "proc", "proc", {"nosuid", "noexec", "nodev"}},
      {"/dev", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", "size=65536k"}},
      {"/dev/pts",
       "devpts",
       "devpts",
       {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"}},
      {"/dev/shm", "tmpfs", "shm", {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"}},
      {"/dev/mqueue", "mqueue", "mqueue", {"nosuid", "noexec", "nodev"}},
      {"/sys", "sysfs", "sysfs", {"nosuid", "noexec", "nodev", sys_mode}},
      {"/sys/fs/cgroup", "cgroup", "cgroup", {"nosuid", "noexec", "nodev", "relatime", sys_mode}},
  };
}

const char* propagation_option(MountPropagation propagation) {
  switch (propagation) {
    case MountPropagation::kHostToContainer:
      return "rslave";
    case MountPropagation::kBidirectional:
      return "rshared";
    case MountPropagation::kPrivate:
      break;
  }
  return "rprivate";
}

}  // namespace

Result<SpecMounts> spec_mounts(const OciSpecInput& input, bool privileged, bool read_only_root) {
  std::vector<BindMount> binds = input.mounts;
  std::set<std::string> bound;
  for (const BindMount& bind : binds) {
    if (!bind.destination.starts_with('/') || !bind.source.starts_with('/')) {
      return Status::invalid_argument("mount " + bind.source + " at " + bind.destination +
                                      ": paths must be absolute");
    }
    bound.insert(clean_path(bind.destination));
  }
  const std::pair<const std::string*, const char*> etc_files[] = {
      {&input.etc_hosts, "/etc/hosts"},
      {&input.resolv_conf, "/etc/resolv.conf"},
      {&input.etc_hostname, "/etc/hostname"}};
  for (const auto& [source, destination] : etc_files) {
    if (!source->empty() && !bound.contains(destination)) {
      if (!source->starts_with('/')) {
        return Status::invalid_argument(std::string(destination) + " source " + *source +
                                        ": paths must be absolute");
      }
      binds.push_back({destination, *source, read_only_root, MountPropagation::kPrivate});
    }
  }

  SpecMounts out;
  const bool dev_bound = bound.contains("/dev");
  for (SpecMount& mount : default_mounts(privileged)) {
    if (!bound.contains(mount.destination) &&
        !(dev_bound && mount.destination.starts_with("/dev/"))) {
      out.mounts.push_back(std::move(mount));
    }
  }
  std::stable_sort(binds.begin(), binds.end(), [](const BindMount& a, const BindMount& b) {
    return depth(clean_path(a.destination)) < depth(clean_path(b.destination));
  });
  for (const BindMount& bind : binds) {
    out.mounts.push_back(
        {bind.destination,
         "bind",
         bind.source,
         {"rbind", propagation_option(bind.propagation), bind.read_only ? "ro" : "rw"}});
    if (bind.propagation == MountPropagation::kBidirectional) {
      out.rootfs_propagation = "rshared";
    } else if (bind.propagation == MountPropagation::kHostToContainer &&
               out.rootfs_propagation != "rshared") {
      out.rootfs_propagation = "rslave";
    }
  }
  return out;
}

}  // namespace herd::runtime::oci
