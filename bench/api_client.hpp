#pragma once

// herd-bench api's client: one keep-alive HTTP/1.1 connection to
// 127.0.0.1 on POSIX sockets, blocking, one request at a time. Deliberately
// small (no chunked replies, no redirects) so that what it costs per request
// is little and the same against herd and the baseline.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "herd/base/result.hpp"

namespace herd::bench {

/// The parts of a reply herd-bench looks at.
struct ApiReply {
  int status = 0;
  std::string body;
};

/// A request's bytes, built once and sent as they are: `method target`, Host,
/// a JSON Content-Type when `body` is not empty, Content-Length.
std::string api_request(std::string_view method, std::string_view target,
                        std::string_view body = "");

/// Lifecycle: connect(), then exchange() any number of times from one thread.
/// Not thread-safe; one per client thread.
class ApiConnection {
 public:
  /// Connects to 127.0.0.1:`port` with TCP_NODELAY. Every later exchange is
  /// bounded by `timeout`. kUnavailable when nothing listens.
  static Result<std::unique_ptr<ApiConnection>> connect(uint16_t port,
                                                        std::chrono::milliseconds timeout);
  ~ApiConnection();
  ApiConnection(const ApiConnection&) = delete;
  ApiConnection& operator=(const ApiConnection&) = delete;

  /// Sends `request` (from api_request()) and reads the reply, which must
  /// carry a Content-Length. kUnavailable when the connection broke or timed
  /// out (the connection is unusable then), kInvalidArgument for a reply it
  /// cannot read.
  Result<ApiReply> exchange(std::string_view request);

 private:
  ApiConnection(int fd, std::chrono::milliseconds timeout) : fd_(fd), timeout_(timeout) {}
  Status receive_more(std::chrono::steady_clock::time_point deadline);

  int fd_;
  std::chrono::milliseconds timeout_;
  std::string received_;  // bytes read past the last reply (none with one request in flight)
};

}  // namespace herd::bench
