#pragma once

// HttpClient: herdctl's HTTP/1.1 transport to the API server (plain HTTP on
// the server's URL; herd serves no TLS). Every call opens its own connection,
// sends herdctl's User-Agent and Herd-Command headers (the server records
// the command as a Deployment's kubernetes.io/change-cause) and is bounded
// by the client's timeout; streams (watch, logs -f) are bounded only by the
// deadline the caller gives. Boost.Beast stays inside http_client.cpp.
//
// Thread-compatible: a const HttpClient may be used from one thread at a time.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "herd/base/result.hpp"

namespace herd::cli::herdctl {

/// One request. `target` is the path and query, e.g. "/api/v1/pods?limit=5".
struct HttpCall {
  std::string method = "GET";
  std::string target;
  std::string body;
  std::string content_type;  ///< Sent only with a body.
  std::string accept = "application/json";
};

/// A response: its status code, content type and (for call()) whole body.
struct HttpReply {
  int status = 0;
  std::string content_type;
  std::string body;

  bool success() const { return status >= 200 && status < 300; }
};

/// Receives a stream's body piece by piece; returns false to stop reading.
using ChunkHandler = std::function<bool(std::string_view)>;

class HttpClient {
 public:
  struct Options {
    std::string server;                         ///< "http://127.0.0.1:6443", optionally with a path prefix.
    std::string user_agent;                     ///< "herdctl/0.1.0"
    std::string command;                        ///< Herd-Command: "herdctl rollout undo".
    std::chrono::milliseconds timeout{30'000};  ///< Per call (connect, send, read whole reply).
  };

  /// kInvalidArgument when `options.server` is not an http:// URL with a host
  /// (https:// is refused by name: herd serves plain HTTP).
  static Result<HttpClient> create(Options options);

  /// Sends `call` and reads the whole reply, whatever its status. kUnavailable
  /// naming the server when it cannot be reached or the exchange fails or
  /// times out.
  Result<HttpReply> call(const HttpCall& call) const;

  /// Sends `call` and, for a 2xx reply, hands the body to `on_data` as it
  /// arrives until the server ends it, `on_data` returns false, or `deadline`
  /// passes (then kUnavailable "timed out"); the reply's body stays empty. A
  /// non-2xx reply is read whole into the body instead. The request and the
  /// reply's header are bounded by the timeout; the body only by `deadline`.
  Result<HttpReply> stream(const HttpCall& call, const ChunkHandler& on_data,
                           std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt) const;

  const Options& options() const { return options_; }

 private:
  HttpClient(Options options, std::string host, std::string port, std::string base_path)
      : options_(std::move(options)),
        host_(std::move(host)),
        port_(std::move(port)),
        base_path_(std::move(base_path)) {}

  Options options_;
  std::string host_;
  std::string port_;
  std::string base_path_;  ///< The URL's path without its trailing '/', prefixed
                           ///< to every target.
};

}  // namespace herd::cli::herdctl
