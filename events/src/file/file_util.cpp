#include "file/file_util.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace herd::events::file {

Status errno_status(std::string_view what, const std::string& path, int err) {
  return Status::unavailable(std::string(what) + " " + path + ": " + std::strerror(err));
}

Status make_dirs(const std::string& path) {
  if (path.empty()) {
    return Status::invalid_argument("empty directory path");
  }
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    std::string prefix = path.substr(0, pos);
    if (::mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST) {
      return errno_status("mkdir", prefix, errno);
    }
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return errno_status("stat", path, errno);
  }
  if (!S_ISDIR(st.st_mode)) {
    return Status::invalid_argument(path + " is not a directory");
  }
  return Status();
}

Status fsync_dir(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return errno_status("open", path, errno);
  }
  Status status;
  if (::fsync(fd) != 0) {
    status = errno_status("fsync", path, errno);
  }
  ::close(fd);
  return status;
}

Status write_all(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno_status("write", path, errno);
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status();
}

Status pread_some(int fd, uint64_t position, std::size_t size, std::string& out,
                  const std::string& path) {
  out.resize(size);
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::pread(fd, out.data() + done, size - done, static_cast<off_t>(position + done));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno_status("read", path, errno);
    }
    if (n == 0) {
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  out.resize(done);
  return Status();
}

Result<std::string> read_whole_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      return Status::not_found(path + " does not exist");
    }
    return errno_status("open", path, errno);
  }
  struct stat st {};
  Status status;
  std::string out;
  if (::fstat(fd, &st) != 0) {
    status = errno_status("stat", path, errno);
  } else {
    status = pread_some(fd, 0, static_cast<std::size_t>(st.st_size), out, path);
  }
  ::close(fd);
  if (!status.ok()) {
    return status;
  }
  return out;
}

Status write_file_atomically(const std::string& path, std::string_view data, bool durable) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return errno_status("create", tmp, errno);
  }
  Status status = write_all(fd, data, tmp);
  if (status.ok() && durable && ::fsync(fd) != 0) {
    status = errno_status("fsync", tmp, errno);
  }
  ::close(fd);
  if (status.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) {
    status = errno_status("rename to " + path, tmp, errno);
  }
  if (!status.ok()) {
    ::unlink(tmp.c_str());
    return status;
  }
  if (durable) {
    std::size_t slash = path.rfind('/');
    return fsync_dir(slash == std::string::npos ? "." : path.substr(0, slash));
  }
  return Status();
}

Result<std::vector<std::string>> list_dir(const std::string& path) {
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) {
    return errno_status("opendir", path, errno);
  }
  std::vector<std::string> names;
  while (const dirent* entry = ::readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name != "." && name != "..") {
      names.emplace_back(name);
    }
  }
  ::closedir(dir);
  return names;
}

std::string offset_file_name(int64_t offset, std::string_view extension) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%020lld", static_cast<long long>(offset));
  return std::string(digits) + std::string(extension);
}

bool parse_offset_file_name(std::string_view name, std::string_view extension, int64_t* offset) {
  if (name.size() != 20 + extension.size() || name.substr(20) != extension) {
    return false;
  }
  int64_t value = 0;
  for (char c : name.substr(0, 20)) {
    if (c < '0' || c > '9' || value > (INT64_MAX - 9) / 10) {
      return false;
    }
    value = value * 10 + (c - '0');
  }
  *offset = value;
  return true;
}

}  // namespace herd::events::file
