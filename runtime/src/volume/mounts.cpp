#include "volume/mounts.hpp"

#include <sys/mount.h>

#include <algorithm>
#include <cerrno>

#include "herd/base/logging.hpp"
#include "volume/file_ops.hpp"
#include "volume/volume_path.hpp"

namespace herd::runtime::volume {
namespace {

// mountinfo escapes space, tab, newline and backslash as \ooo (octal).
std::string unescape(std::string_view field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const bool octal = field[i] == '\\' && i + 3 < field.size() &&
                       std::all_of(field.begin() + i + 1, field.begin() + i + 4,
                                   [](char c) { return c >= '0' && c <= '7'; });
    if (octal) {
      out.push_back(static_cast<char>((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 +
                                      (field[i + 3] - '0')));
      i += 3;
    } else {
      out.push_back(field[i]);
    }
  }
  return out;
}

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (start < line.size()) {
    const std::size_t space = line.find(' ', start);
    const std::size_t end = space == std::string_view::npos ? line.size() : space;
    if (end > start) fields.push_back(line.substr(start, end - start));
    start = end + 1;
  }
  return fields;
}

}  // namespace

Result<std::vector<MountInfo>> parse_mountinfo(std::string_view text) {
  std::vector<MountInfo> mounts;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++line_number;
    if (line.empty()) continue;
    // id parent major:minor root mount_point options [optional...] - fstype source superoptions
    const std::vector<std::string_view> fields = split_fields(line);
    const auto dash = std::find(fields.begin(), fields.end(), "-");
    if (fields.size() < 6 || dash == fields.end() || dash - fields.begin() < 6 ||
        fields.end() - dash < 4) {
      return Status::corrupt("mountinfo line " + std::to_string(line_number) + ": \"" +
                             std::string(line) + "\" lacks fields");
    }
    mounts.push_back(
        {unescape(fields[4]), unescape(*(dash + 1)), unescape(*(dash + 2)), unescape(*(dash + 3))});
  }
  return mounts;
}

Result<std::vector<MountInfo>> read_mountinfo() {
  HERD_ASSIGN_OR_RETURN(std::string text, read_file("/proc/self/mountinfo"));
  return parse_mountinfo(text);
}

Result<std::vector<std::string>> mount_points_under(const std::string& dir) {
  HERD_ASSIGN_OR_RETURN(std::vector<MountInfo> mounts, read_mountinfo());
  std::vector<std::string> points;
  for (const MountInfo& mount : mounts) {
    if (is_within(mount.mount_point, dir)) points.push_back(mount.mount_point);
  }
  std::sort(points.begin(), points.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  points.erase(std::unique(points.begin(), points.end()), points.end());
  return points;
}

Result<bool> is_mount_point(const std::string& path) {
  HERD_ASSIGN_OR_RETURN(std::vector<MountInfo> mounts, read_mountinfo());
  return std::any_of(mounts.begin(), mounts.end(),
                     [&](const MountInfo& m) { return m.mount_point == path; });
}

Status mount_tmpfs(const std::string& dir, const std::string& options) {
  HERD_ASSIGN_OR_RETURN(bool mounted, is_mount_point(dir));
  if (mounted) return Status();
  if (mount("tmpfs", dir.c_str(), "tmpfs", MS_NODEV | MS_NOSUID, options.c_str()) != 0) {
    return Status::unavailable("mounting a tmpfs (" + options + ") on " + dir + ": " +
                               errno_text(errno));
  }
  return Status();
}

Status unmount(const std::string& path) {
  if (umount2(path.c_str(), UMOUNT_NOFOLLOW) == 0) return Status();
  if (errno == EINVAL || errno == ENOENT) return Status();  // not a mount point, or gone
  if (errno == EBUSY) {
    HERD_LOG(kWarning, "volume") << path << " is busy; detaching it lazily";
    if (umount2(path.c_str(), MNT_DETACH | UMOUNT_NOFOLLOW) == 0) return Status();
  }
  return Status::unavailable("unmounting " + path + ": " + errno_text(errno));
}

}  // namespace herd::runtime::volume
