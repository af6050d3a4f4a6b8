#include "volume/sub_path.hpp"

#include <sys/stat.h>

#include <cerrno>

#include "volume/file_ops.hpp"
#include "volume/volume_path.hpp"

namespace herd::runtime::volume {

Result<std::string> resolve_sub_path(const std::string& volume_dir, const std::string& sub_path) {
  HERD_RETURN_IF_ERROR(check_sub_path(sub_path));
  HERD_ASSIGN_OR_RETURN(const std::string root, real_path(volume_dir));
  struct stat root_stat {};
  if (stat(root.c_str(), &root_stat) != 0) {
    return Status::unavailable("inspecting " + root + ": " + errno_text(errno));
  }
  std::string at = root;
  for (const std::string& part : path_components(sub_path)) {
    const std::string next = at + "/" + part;
    struct stat st {};
    if (lstat(next.c_str(), &st) != 0) {
      if (errno != ENOENT) {
        return Status::unavailable("inspecting " + next + ": " + errno_text(errno));
      }
      HERD_RETURN_IF_ERROR(make_dir(next, root_stat.st_mode & 07777));
    }
    Result<std::string> resolved = real_path(next);
    if (!resolved.ok() && resolved.status().code() == StatusCode::kNotFound) {
      // A dangling symlink: where it points may well be outside; refuse.
      return Status::invalid_argument("subPath \"" + sub_path + "\" leads to a dangling symlink");
    }
    HERD_RETURN_IF_ERROR(resolved.status());
    if (!is_within(*resolved, root)) {
      return Status::invalid_argument("subPath \"" + sub_path + "\" leads out of the volume");
    }
    at = std::move(resolved).value();
  }
  return at;
}

}  // namespace herd::runtime::volume
