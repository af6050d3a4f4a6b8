#include "volume/file_ops.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace herd::runtime::volume {
namespace {

Status io_error(const std::string& what, const std::string& path, int error) {
  return Status::unavailable(what + " " + path + ": " + errno_text(error));
}

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// Removes the entries of the directory open as `dir` (shown as `path`),
// whose file system is `dev`. Takes ownership of `dir`.
Status remove_entries(int dir, dev_t dev, const std::string& path) {
  DIR* stream = fdopendir(dir);
  if (stream == nullptr) {
    close(dir);
    return io_error("reading", path, errno);
  }
  Status status;
  while (status.ok()) {
    errno = 0;
    const dirent* entry = readdir(stream);
    if (entry == nullptr) {
      if (errno != 0) status = io_error("reading", path, errno);
      break;
    }
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    const std::string child = path + "/" + name;
    struct stat st {};
    if (fstatat(dirfd(stream), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      status = io_error("inspecting", child, errno);
      break;
    }
    if (S_ISDIR(st.st_mode)) {
      if (st.st_dev != dev) {
        status =
            Status::unavailable("not removing " + child + ": another file system is mounted there");
        break;
      }
      const int sub =
          openat(dirfd(stream), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub < 0) {
        status = io_error("opening", child, errno);
        break;
      }
      status = remove_entries(sub, dev, child);
      if (status.ok() && unlinkat(dirfd(stream), name.c_str(), AT_REMOVEDIR) != 0) {
        status = io_error("removing", child, errno);
      }
    } else if (unlinkat(dirfd(stream), name.c_str(), 0) != 0) {
      status = io_error("removing", child, errno);
    }
  }
  closedir(stream);
  return status;
}

}  // namespace

std::string errno_text(int error) { return std::strerror(error); }

Status make_dir(const std::string& path, mode_t mode) {
  if (mkdir(path.c_str(), mode) == 0) {
    // mkdir(2) applies the umask; the mode must be exact.
    if (chmod(path.c_str(), mode) != 0) return io_error("setting the mode of", path, errno);
    return Status();
  }
  if (errno != EEXIST) return io_error("creating", path, errno);
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return io_error("inspecting", path, errno);
  if (!S_ISDIR(st.st_mode)) {
    return Status::invalid_argument(path + " exists and is not a directory");
  }
  return Status();
}

Status write_new_file(const std::string& path, const std::string& data, mode_t mode) {
  Fd fd(open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
  if (fd.get() < 0) return io_error("creating", path, errno);
  std::size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = write(fd.get(), data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error("writing", path, errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (fchmod(fd.get(), mode) != 0) return io_error("setting the mode of", path, errno);
  if (close(fd.release()) != 0) return io_error("closing", path, errno);
  return Status();
}

Result<std::string> read_file(const std::string& path) {
  Fd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Status::not_found(path + " does not exist");
    return io_error("opening", path, errno);
  }
  std::string data;
  char buffer[8192];
  while (true) {
    const ssize_t n = read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error("reading", path, errno);
    }
    if (n == 0) return data;
    data.append(buffer, static_cast<std::size_t>(n));
  }
}

Result<std::string> real_path(const std::string& path) {
  char resolved[PATH_MAX];
  if (realpath(path.c_str(), resolved) == nullptr) {
    if (errno == ENOENT) return Status::not_found(path + " does not exist");
    return io_error("resolving", path, errno);
  }
  return std::string(resolved);
}

Status remove_tree(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status();
    return io_error("inspecting", path, errno);
  }
  if (!S_ISDIR(st.st_mode)) {
    if (unlink(path.c_str()) != 0 && errno != ENOENT) return io_error("removing", path, errno);
    return Status();
  }
  const int dir = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir < 0) return io_error("opening", path, errno);
  HERD_RETURN_IF_ERROR(remove_entries(dir, st.st_dev, path));
  if (rmdir(path.c_str()) != 0 && errno != ENOENT) return io_error("removing", path, errno);
  return Status();
}

}  // namespace herd::runtime::volume
