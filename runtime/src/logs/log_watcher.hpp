#pragma once

// LogWatcher: how a follow waits for more lines. inotify on the container's
// log directory wakes it on every write, rotation and new instance; a
// std::stop_token wakes it at once when the caller stops. Without inotify
// (the per-user watch limit reached) it falls back to polling.

#include <filesystem>
#include <optional>
#include <stop_token>

#include "logs/unique_fd.hpp"

namespace herd::runtime::logs {

class LogWatcher {
 public:
  /// Starts watching `dir` (which must exist) for the caller's `stop`.
  LogWatcher(const std::filesystem::path& dir, std::stop_token stop);
  LogWatcher(const LogWatcher&) = delete;
  LogWatcher& operator=(const LogWatcher&) = delete;

  /// Returns when something in the directory changed, stop was requested,
  /// or at the latest after a short interval (so a missed event or a writer
  /// that died without a trace costs little).
  void wait();

 private:
  // Wakes wait() from whichever thread requests the stop.
  struct Waker {
    int fd;
    void operator()() const;
  };

  UniqueFd inotify_;
  UniqueFd wake_;  // an eventfd
  std::optional<std::stop_callback<Waker>> on_stop_;
};

}  // namespace herd::runtime::logs
