#pragma once

// HttpTransport: one HTTP/1.1 request and its response, the only network
// primitive the registry client needs. The Boost.Beast implementation
// (beast_transport.cpp) is the only file that sees Beast or Asio; tests of
// the registry protocol give the client an in-memory transport instead.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "herd/base/result.hpp"

namespace herd::runtime::image {

/// An absolute http(s) URL, split for connecting.
struct Url {
  std::string scheme;  ///< "http" or "https".
  std::string host;    ///< Without brackets for IPv6 ("::1").
  uint16_t port = 0;   ///< Explicit, or the scheme's default.
  std::string target;  ///< Path and query, "/" at least.

  /// Parses "http(s)://host[:port][/path][?query]". kInvalidArgument otherwise.
  static Result<Url> parse(std::string_view text);
  /// "host[:port]" as a Host header or a message shows it (the port only when
  /// not the default; IPv6 in brackets).
  std::string authority() const;
  /// scheme://authority + target.
  std::string to_string() const;
  /// The URL `location` (absolute, or a path) points to from this one.
  Result<Url> resolve(std::string_view location) const;
};

/// Chunks of a successful response's body, in order. A non-OK Status aborts
/// the transfer and is returned by send() unchanged.
using BodyChunkFn = std::function<Status(std::string_view chunk)>;

struct HttpRequest {
  std::string method = "GET";
  Url url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  ///< Sent with Content-Length when not empty (or method is PUT/POST).
  /// When set, a 2xx response's body is streamed here instead of buffered.
  BodyChunkFn body_sink;
  /// Largest body buffered into HttpResponse::body; a longer one fails the
  /// request with kUnavailable ("response body ... larger than N bytes").
  std::size_t max_body = 4 << 20;
};

struct HttpResponse {
  int status = 0;
  std::string reason;
  std::vector<std::pair<std::string, std::string>> headers;  ///< Names lower-cased.
  std::string body;                                          ///< Empty when streamed to body_sink.

  /// The first header named `name` (lower case), if any.
  std::optional<std::string> header(std::string_view name) const;
  /// Every header named `name` (lower case), in order.
  std::vector<std::string> headers_named(std::string_view name) const;
};

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds read_timeout{30'000};
};

/// Sends one request on a fresh connection and reads the whole response.
/// Safe to call from several threads at once. Errors: kUnavailable with what
/// failed and where ("connect 127.0.0.1:1: Connection refused", "read from
/// HOST: timed out after 30000 ms", "TLS handshake with HOST: ..."), or the
/// body sink's Status unchanged.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

/// The real transport: Boost.Beast over TCP, OpenSSL for https (peer and
/// host name verified against the system's CA store).
std::unique_ptr<HttpTransport> make_beast_transport(TransportOptions options);

}  // namespace herd::runtime::image
