#pragma once

// HttpServer: herd's HTTP/1.1 front door on a loopback address. It reads
// each request whole (up to a size limit, within a timeout), hands it to the
// Router on a handler thread, writes the answer and keeps the connection
// alive for the next request. The network side runs on its own thread(s);
// handlers may block (e.g. waiting for the control plane) without stalling
// other connections.
//
// Lifecycle: start() binds and starts serving; stop() (or the destructor)
// stops accepting, lets running handlers finish, closes every connection and
// joins the threads.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "herd/base/result.hpp"
#include "herd/server/router.hpp"

namespace herd::server {

/// A loopback address to listen on.
struct ListenAddress {
  std::string host = "127.0.0.1";
  uint16_t port = 0;  ///< 0: the kernel picks a free port.
};

/// Parses "HOST:PORT" where HOST is an IPv4 loopback address (127.x.y.z) or
/// "localhost" (read as 127.0.0.1) and PORT is 0..65535. herd's servers bind
/// to loopback only, so any other host is kInvalidArgument (as is a missing
/// or bad port).
Result<ListenAddress> parse_listen_address(std::string_view text);

struct HttpServerOptions {
  ListenAddress listen;
  /// Larger request bodies are refused with 413 and the connection closed.
  std::size_t body_limit = 8 * 1024 * 1024;
  /// Larger request headers are refused with 431 and the connection closed.
  std::size_t header_limit = 64 * 1024;
  /// How long reading one request may take, and how long an idle kept-alive
  /// connection stays open; then it is closed.
  std::chrono::milliseconds read_timeout{30'000};
  /// How long writing one response may take.
  std::chrono::milliseconds write_timeout{30'000};
  /// Threads for the sockets (1 is plenty on loopback) and for handlers.
  int io_threads = 1;
  int handler_threads = 4;
};

class HttpServer {
 public:
  /// Binds options.listen and starts serving `router`. kInvalidArgument for a
  /// non-loopback address; kUnavailable when the address cannot be bound
  /// (e.g. the port is in use).
  static Result<std::unique_ptr<HttpServer>> start(HttpServerOptions options, Router router);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// The port actually bound (the kernel's choice when 0 was asked).
  uint16_t port() const;
  /// "http://HOST:PORT", e.g. "http://127.0.0.1:8080".
  std::string url() const;

  /// Stops serving; idempotent. Requests whose handlers already run finish
  /// first (their answers may not reach clients). Call from any thread but a
  /// handler's.
  void stop();

  class Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace herd::server
