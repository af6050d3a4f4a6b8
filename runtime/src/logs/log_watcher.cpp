#include "logs/log_watcher.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <cstdint>

namespace herd::runtime::logs {
namespace {

// With inotify this only bounds how late a missed event is seen; without it
// this is the follow's latency.
constexpr int kWatchedTimeoutMs = 250;
constexpr int kPolledTimeoutMs = 50;

void drain(int fd) {
  char buffer[4096];
  while (::read(fd, buffer, sizeof buffer) > 0) {
  }
}

}  // namespace

void LogWatcher::Waker::operator()() const {
  uint64_t one = 1;
  (void)!::write(fd, &one, sizeof one);  // a full counter already wakes the poll
}

LogWatcher::LogWatcher(const std::filesystem::path& dir, std::stop_token stop)
    : inotify_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)),
      wake_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  if (inotify_.valid() && ::inotify_add_watch(inotify_.get(), dir.c_str(),
                                              IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM |
                                                  IN_DELETE | IN_CLOSE_WRITE) < 0) {
    inotify_.reset();
  }
  if (wake_.valid()) {
    on_stop_.emplace(std::move(stop), Waker{wake_.get()});
  }
}

void LogWatcher::wait() {
  std::array<pollfd, 2> fds{pollfd{inotify_.get(), POLLIN, 0}, pollfd{wake_.get(), POLLIN, 0}};
  int timeout = inotify_.valid() ? kWatchedTimeoutMs : kPolledTimeoutMs;
  if (::poll(fds.data(), fds.size(), timeout) > 0 && inotify_.valid()) {
    drain(inotify_.get());  // the events only say "look again"
  }
}

}  // namespace herd::runtime::logs
