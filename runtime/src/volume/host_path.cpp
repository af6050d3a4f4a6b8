#include "volume/host_path.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "volume/file_ops.hpp"
#include "volume/volume_path.hpp"

namespace herd::runtime::volume {
namespace {

// What a type requires of the path.
struct Expected {
  mode_t file_type;  // S_IFDIR, S_IFREG, ...
  const char* noun;  // for "<path> is not <noun>"
};

bool is_dir(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// mkdir -p with mode 0755; existing components may be symlinks (/var/run).
Status make_dirs(const std::string& path) {
  std::string at;
  for (const std::string& part : path_components(path)) {
    at += "/" + part;
    if (!is_dir(at)) HERD_RETURN_IF_ERROR(make_dir(at, 0755));
  }
  return Status();
}

Status make_file(const std::string& path) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::unavailable("creating " + path + ": " + errno_text(errno));
  close(fd);
  return Status();
}

Status check_type(const std::string& path, const Expected& expected) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    const std::string message = "hostPath type check failed: " + path + " is not " + expected.noun;
    if (errno == ENOENT || errno == ENOTDIR) return Status::not_found(message);
    return Status::unavailable("inspecting " + path + ": " + errno_text(errno));
  }
  if ((st.st_mode & S_IFMT) != expected.file_type) {
    return Status::invalid_argument("hostPath type check failed: " + path + " is not " +
                                    expected.noun);
  }
  return Status();
}

bool exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0;
}

}  // namespace

Status prepare_host_path(const api::HostPathVolumeSource& source) {
  const std::string& path = source.path;
  if (path.empty() || path.front() != '/') {
    return Status::invalid_argument("hostPath \"" + path + "\" must be an absolute path");
  }
  for (const std::string& part : path_components(path)) {
    if (part == "..") {
      return Status::invalid_argument("hostPath \"" + path + "\" must not contain '..'");
    }
  }
  const std::string& type = source.type;
  if (type.empty()) return Status();
  if (type == "DirectoryOrCreate" || type == "Directory") {
    if (type == "DirectoryOrCreate" && !exists(path)) HERD_RETURN_IF_ERROR(make_dirs(path));
    return check_type(path, {S_IFDIR, "a directory"});
  }
  if (type == "FileOrCreate" || type == "File") {
    if (type == "FileOrCreate" && !exists(path)) HERD_RETURN_IF_ERROR(make_file(path));
    return check_type(path, {S_IFREG, "a file"});
  }
  if (type == "Socket") return check_type(path, {S_IFSOCK, "a socket file"});
  if (type == "CharDevice") return check_type(path, {S_IFCHR, "a character device"});
  if (type == "BlockDevice") return check_type(path, {S_IFBLK, "a block device"});
  return Status::invalid_argument(type + " is an invalid volume type");
}

}  // namespace herd::runtime::volume
