#pragma once

// The mounts the volume code makes (tmpfs for secret and Memory emptyDir
// volumes) and how it finds them again: /proc/self/mountinfo, so a restarted
// node sees what an earlier process mounted. mount(2) and umount(2) need
// CAP_SYS_ADMIN; reading mountinfo does not.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/base/result.hpp"

namespace herd::runtime::volume {

/// One line of /proc/<pid>/mountinfo (proc(5)), the fields herd needs.
struct MountInfo {
  std::string mount_point;    ///< Absolute, octal escapes ("\040") decoded.
  std::string fs_type;        ///< e.g. "tmpfs".
  std::string source;         ///< e.g. "tmpfs", "/dev/sda1".
  std::string super_options;  ///< The file system's options, e.g. "rw,size=1024k,mode=755".
  bool operator==(const MountInfo&) const = default;
};

/// Parses mountinfo text, one mount per line. kCorrupt naming the line when
/// one lacks fields or the " - " separator.
Result<std::vector<MountInfo>> parse_mountinfo(std::string_view text);

/// The calling process's mounts (/proc/self/mountinfo).
Result<std::vector<MountInfo>> read_mountinfo();

/// The mount points at `dir` or below it, deepest (longest) first, each once
/// (a point mounted over twice appears once). `dir` is absolute, without
/// symlinks and without a trailing '/'.
Result<std::vector<std::string>> mount_points_under(const std::string& dir);

/// Whether something is mounted at exactly `path` (absolute, no symlinks).
Result<bool> is_mount_point(const std::string& path);

/// Mounts a tmpfs (nodev, nosuid) on the directory `dir` with the tmpfs
/// options `options` (e.g. "mode=0755,size=1048576"), unless one is mounted
/// there already. kUnavailable naming `dir` when mount(2) fails.
Status mount_tmpfs(const std::string& dir, const std::string& options);

/// Unmounts `path`; when it is busy, detaches it lazily (it disappears from
/// the tree now and is freed when its last user goes). OK when nothing is
/// mounted there. kUnavailable otherwise.
Status unmount(const std::string& path);

}  // namespace herd::runtime::volume
