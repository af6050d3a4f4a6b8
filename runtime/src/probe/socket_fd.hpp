#pragma once

// SocketFd: an owned non-blocking socket and the waits on it that
// net_stream.cpp and tls_stream.cpp share. Internal to runtime/src/probe/.

#include <string>

#include "herd/base/status.hpp"
#include "probe/net_stream.hpp"

namespace herd::runtime::probe {

class SocketFd {
 public:
  explicit SocketFd(int fd = -1) : fd_(fd) {}
  ~SocketFd();
  SocketFd(SocketFd&& other) noexcept : fd_(other.release()) {}
  SocketFd& operator=(SocketFd&& other) noexcept;
  SocketFd(const SocketFd&) = delete;
  SocketFd& operator=(const SocketFd&) = delete;

  int get() const { return fd_; }
  int release();

  /// Waits until the socket is ready for `events` (POLLIN / POLLOUT);
  /// kUnavailable "i/o timeout" when `deadline` passes first.
  Status wait(short events, Deadline deadline) const;

 private:
  int fd_;
};

/// strerror(err) as Go prints errno values: "connection refused".
std::string errno_text(int err);

/// The connected socket under dial_tcp: what dial_tls builds on.
Result<SocketFd> dial_socket(const std::string& host, int port, Deadline deadline);

}  // namespace herd::runtime::probe
