#pragma once

// Connected TCP streams with a deadline on every operation, for the probe
// actions: plain sockets (non-blocking connect, poll) and TLS over them
// (OpenSSL, certificates not verified, as the kubelet's HTTPS probes). Errors
// are kUnavailable with messages worded as Go's net package words them, since
// the kubelet's probe messages quote those:
//
//   dial tcp 127.0.0.1:9: connect: connection refused
//   dial tcp 10.0.0.1:80: i/o timeout
//   dial tcp: lookup nosuch.invalid: no such host
//   read: connection reset by peer        i/o timeout
//   tls: handshake: <OpenSSL's reason>
//
// A stream is used by one thread at a time; it closes on destruction.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "herd/base/result.hpp"
#include "herd/base/status.hpp"

namespace herd::runtime::probe {

using Deadline = std::chrono::steady_clock::time_point;

class NetStream {
 public:
  virtual ~NetStream() = default;
  /// Writes all of `data` by `deadline`.
  virtual Status write_all(std::string_view data, Deadline deadline) = 0;
  /// Waits until some data arrives or the stream ends, then reads at most
  /// `size` bytes into `buffer`; returns how many, 0 at the end of the stream.
  virtual Result<std::size_t> read_some(char* buffer, std::size_t size, Deadline deadline) = 0;
};

/// Connects to `host` (an IP literal or a name, resolved without a deadline)
/// port `port`, trying each address until one answers or `deadline` passes.
Result<std::unique_ptr<NetStream>> dial_tcp(const std::string& host, int port, Deadline deadline);

/// dial_tcp, then a TLS handshake by `deadline`: SNI `host` unless it is an
/// IP literal, any certificate accepted.
Result<std::unique_ptr<NetStream>> dial_tls(const std::string& host, int port, Deadline deadline);

/// "host:port", with brackets around an IPv6 host ("[::1]:80"), as Go's
/// net.JoinHostPort.
std::string join_host_port(std::string_view host, int port);

}  // namespace herd::runtime::probe
