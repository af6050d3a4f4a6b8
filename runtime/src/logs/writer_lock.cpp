#include "logs/writer_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace herd::runtime::logs {

std::filesystem::path writer_lock_path(const std::filesystem::path& log_path) {
  std::filesystem::path lock = log_path;
  lock += ".lock";
  return lock;
}

Result<UniqueFd> hold_writer_lock(const std::filesystem::path& log_path) {
  std::filesystem::path final_path = writer_lock_path(log_path);
  std::filesystem::path temp_path = final_path;
  temp_path += "." + std::to_string(::getpid());
  UniqueFd fd(::open(temp_path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0640));
  if (!fd.valid()) {
    return Status::unavailable("create " + temp_path.string() + ": " + std::strerror(errno));
  }
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::unlink(temp_path.c_str());
    return Status::unavailable("lock " + temp_path.string() + ": " + std::strerror(err));
  }
  // Refuse to replace the lock of a writer that still runs.
  if (writer_state(log_path) == WriterState::kRunning) {
    ::unlink(temp_path.c_str());
    return Status::already_exists("another writer holds " + final_path.string());
  }
  if (::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp_path.c_str());
    return Status::unavailable("rename to " + final_path.string() + ": " + std::strerror(err));
  }
  return fd;
}

WriterState writer_state(const std::filesystem::path& log_path) {
  UniqueFd fd(::open(writer_lock_path(log_path).c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    return errno == ENOENT ? WriterState::kUnknown : WriterState::kRunning;
  }
  if (::flock(fd.get(), LOCK_SH | LOCK_NB) != 0) {
    return WriterState::kRunning;
  }
  return WriterState::kFinished;  // closing fd drops the shared lock
}

}  // namespace herd::runtime::logs
