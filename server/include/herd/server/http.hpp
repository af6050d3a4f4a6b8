#pragma once

// HttpRequest and HttpResponse: the server's view of one HTTP/1.1 exchange,
// as plain herd values. The HTTP library (Boost.Beast) stays inside
// server/src/http/; handlers and the Router see only these.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace herd::server {

class ResponseStream;

/// One request, read completely (body included) before a handler sees it.
struct HttpRequest {
  std::string method;  ///< As sent, e.g. "GET", "POST", "DELETE".
  std::string target;  ///< The raw request target, e.g. "/debug/objects/Pod?limit=1".
  std::string path;    ///< target before '?', still percent-encoded.
  /// The query parameters in order, names and values percent-decoded
  /// ('+' reads as a space).
  std::vector<std::pair<std::string, std::string>> query;
  /// Header fields in order; names in lower case.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  /// Set by the Router: the part of `path` after the matched route prefix,
  /// without its leading '/' ("" when the path is the prefix itself).
  std::string rest;

  /// The first value of header `name` (any case), or "".
  std::string header(std::string_view name) const;
  /// The last value of query parameter `name`, or nullopt.
  std::optional<std::string> query_param(std::string_view name) const;
};

/// What a handler answers. The server adds Content-Length, Server and the
/// connection headers.
struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  /// Further header fields (e.g. Location); never Content-Length.
  std::vector<std::pair<std::string, std::string>> headers;
  /// When set, the body is streamed from it in chunks (response_stream.hpp)
  /// instead of `body`, and the connection closes when the stream ends.
  std::shared_ptr<ResponseStream> stream;

  static HttpResponse text(int status, std::string body);
  static HttpResponse json(int status, std::string body);
};

/// Answers one request. Called on one of the server's handler threads, never
/// on its network thread, so it may block (e.g. on the control plane); it
/// must be safe to call from several threads at once.
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

/// Splits a path (or Router's `rest`) on '/' into percent-decoded segments,
/// dropping empty ones: "/a/b%20c//d" -> {"a", "b c", "d"}.
std::vector<std::string> split_path(std::string_view path);

/// Percent-decodes `text`; with `plus_is_space`, '+' becomes ' ' (query
/// strings). A '%' not followed by two hex digits stays as it is.
std::string percent_decode(std::string_view text, bool plus_is_space = false);

/// Fills `path` and `query` of a request from its `target`.
void parse_target(HttpRequest& request);

}  // namespace herd::server
