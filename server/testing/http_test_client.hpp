#pragma once

// A small blocking HTTP/1.1 client on POSIX sockets, for tests that talk to
// a herd server on 127.0.0.1 (server tests, the `herd up` end-to-end test).
// It is independent of the server's HTTP library on purpose: a test should
// not share the code it checks. Not for production use.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "herd/base/result.hpp"

namespace herd::server::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  ///< Names in lower case.
  std::string body;
};

/// One connection to 127.0.0.1:`port`; several requests may go over it
/// (keep-alive). Every call is bounded by `timeout`.
class HttpTestConnection {
 public:
  /// kUnavailable when nothing listens.
  static Result<std::unique_ptr<HttpTestConnection>> open(uint16_t port,
                                                          std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~HttpTestConnection();

  /// Sends a request (Content-Length set from `body`; `extra_headers` are
  /// raw "Name: value\r\n" lines) and reads the reply, which must carry a
  /// Content-Length or be chunked (see read()). kUnavailable on a closed connection or timeout.
  Result<HttpReply> request(const std::string& method, const std::string& target, const std::string& body = "",
                            const std::string& extra_headers = "");
  /// Sends raw bytes (for malformed requests) and reads one reply.
  Result<HttpReply> raw(const std::string& bytes);
  /// Sends raw bytes only; read() reads the reply later.
  Status send(const std::string& bytes);
  /// Reads one reply. For a chunked reply (a watch) it reads only the
  /// status line and headers; read_chunk() then reads the body.
  Result<HttpReply> read();
  /// The data of the next chunk of a chunked reply; "" for the last one.
  Result<std::string> read_chunk();
  /// Reads and drops whatever comes until the server closes the connection;
  /// returns how many bytes came. kUnavailable when it is still open after
  /// `limit`.
  Result<std::size_t> drain_until_closed(std::chrono::milliseconds limit);
  /// True when the server closed the connection (reads EOF within `wait`).
  bool closed_by_peer(std::chrono::milliseconds wait);

 private:
  HttpTestConnection(int fd, std::chrono::milliseconds timeout) : fd_(fd), timeout_(timeout) {}
  Status fill();  // reads more bytes into buffer_

  int fd_;
  std::chrono::milliseconds timeout_;
  std::string buffer_;
};

/// Opens a connection, sends one request with "Connection: close" and reads
/// the reply.
Result<HttpReply> http_request(uint16_t port, const std::string& method, const std::string& target,
                               const std::string& body = "",
                               std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace herd::server::testing
