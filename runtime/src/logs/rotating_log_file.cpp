#include "logs/rotating_log_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace herd::runtime::logs {
namespace {

constexpr mode_t kLogFileMode = 0640;  // as the kubelet's: logs may hold secrets

Status errno_status(std::string_view what, const std::filesystem::path& path, int err) {
  return Status::unavailable(std::string(what) + " " + path.string() + ": " + std::strerror(err));
}

int open_for_append(const std::filesystem::path& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, kLogFileMode);
}

}  // namespace

std::filesystem::path rotated_log_path(const std::filesystem::path& path, int index) {
  if (index == 0) {
    return path;
  }
  std::filesystem::path rotated = path;
  rotated += "." + std::to_string(index);
  return rotated;
}

Result<std::unique_ptr<RotatingLogFile>> RotatingLogFile::open(std::filesystem::path path,
                                                               RotationLimits limits) {
  if (limits.max_size <= 0 || limits.max_files < 1) {
    return Status::invalid_argument("log rotation needs max-size > 0 and max-files >= 1");
  }
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    return Status::unavailable("create " + path.parent_path().string() + ": " + ec.message());
  }
  int fd = open_for_append(path);
  if (fd < 0) {
    return errno_status("open", path, errno);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return errno_status("stat", path, err);
  }
  return std::unique_ptr<RotatingLogFile>(
      new RotatingLogFile(std::move(path), limits, fd, static_cast<int64_t>(st.st_size)));
}

RotatingLogFile::RotatingLogFile(std::filesystem::path path, RotationLimits limits, int fd,
                                 int64_t size)
    : path_(std::move(path)), limits_(limits), fd_(fd), size_(size) {}

RotatingLogFile::~RotatingLogFile() { ::close(fd_); }

Status RotatingLogFile::append(std::string_view records) {
  // [start, end) is what goes into the current file with the next write.
  Status first_error;
  auto note = [&first_error](Status s) {
    if (first_error.ok() && !s.ok()) {
      first_error = std::move(s);
    }
  };
  size_t start = 0;
  size_t end = 0;
  while (end < records.size()) {
    size_t newline = records.find('\n', end);
    size_t next = newline == std::string_view::npos ? records.size() : newline + 1;
    auto before = size_ + static_cast<int64_t>(end - start);
    if (before > 0 && before + static_cast<int64_t>(next - end) > limits_.max_size) {
      note(write_all(records.substr(start, end - start)));
      note(rotate());
      start = end;
    }
    end = next;
  }
  note(write_all(records.substr(start, end - start)));
  return first_error;
}

Status RotatingLogFile::write_all(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return errno_status("write", path_, n < 0 ? errno : ENOSPC);
    }
    size_ += n;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

Status RotatingLogFile::rotate() {
  // Oldest first, so each rename's target is already free (or the file to drop).
  for (int i = limits_.max_files - 1; i >= 2; --i) {
    if (::rename(rotated_log_path(path_, i - 1).c_str(), rotated_log_path(path_, i).c_str()) != 0 &&
        errno != ENOENT) {
      return errno_status("rotate", rotated_log_path(path_, i - 1), errno);
    }
  }
  int rc = limits_.max_files == 1 ? ::unlink(path_.c_str())
                                  : ::rename(path_.c_str(), rotated_log_path(path_, 1).c_str());
  if (rc != 0) {
    return errno_status("rotate", path_, errno);
  }
  int fd = open_for_append(path_);
  if (fd < 0) {
    // Keep writing into the renamed file rather than losing the lines.
    return errno_status("open", path_, errno);
  }
  ::close(fd_);
  fd_ = fd;
  size_ = 0;
  return {};
}

}  // namespace herd::runtime::logs
