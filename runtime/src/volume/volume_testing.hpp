#pragma once

// Helpers for the volume tests (test targets only).

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "herd/api/pod.hpp"
#include "volume/mounts.hpp"

namespace herd::runtime::volume::testing {

/// A fresh directory under /tmp (symlinks resolved), removed on destruction
/// with everything in it, after unmounting whatever a failed test left
/// mounted below it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/herd-volume-test-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = std::filesystem::canonical(pattern).string();
  }
  ~TempDir() {
    Result<std::vector<std::string>> points = mount_points_under(path_);
    if (points.ok()) {
      for (const std::string& point : *points) (void)unmount(point);  // best effort cleanup
    }
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// The contents of `path` (symlinks followed); "<missing>" when unreadable.
inline std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "<missing>";
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// The permission bits of `path` (symlinks followed); -1 when missing.
inline int mode_of(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? static_cast<int>(st.st_mode & 07777) : -1;
}

/// The target of the symlink `path`; "" when it is not one.
inline std::string link_target(const std::string& path) {
  std::error_code error;
  std::filesystem::path target = std::filesystem::read_symlink(path, error);
  return error ? "" : target.string();
}

inline bool exists(const std::string& path) {
  struct stat st {};
  return lstat(path.c_str(), &st) == 0;
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

/// The mountinfo entry at exactly `path`, or one with an empty mount point.
inline MountInfo mount_at(const std::string& path) {
  Result<std::vector<MountInfo>> mounts = read_mountinfo();
  if (!mounts.ok()) return {};
  for (const MountInfo& m : *mounts) {
    if (m.mount_point == path) return m;
  }
  return {};
}

/// A pod's volumes, one source each.
inline api::Volume empty_dir_volume(const std::string& name, const std::string& medium = "",
                                    const std::string& size_limit = "") {
  api::Volume v;
  v.name = name;
  v.empty_dir.emplace();
  v.empty_dir->medium = medium;
  if (!size_limit.empty()) v.empty_dir->size_limit = *api::Quantity::parse(size_limit);
  return v;
}
inline api::Volume host_path_volume(const std::string& name, const std::string& path,
                                    const std::string& type) {
  api::Volume v;
  v.name = name;
  v.host_path = api::HostPathVolumeSource{path, type};
  return v;
}
inline api::Volume config_map_volume(const std::string& name, const std::string& object) {
  api::Volume v;
  v.name = name;
  v.config_map.emplace();
  v.config_map->name = object;
  return v;
}
inline api::Volume secret_volume(const std::string& name, const std::string& object) {
  api::Volume v;
  v.name = name;
  v.secret.emplace();
  v.secret->secret_name = object;
  return v;
}

}  // namespace herd::runtime::volume::testing
