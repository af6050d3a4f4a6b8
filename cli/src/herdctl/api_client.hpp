#pragma once

// ApiClient: the Kubernetes REST API as herdctl uses it, over HttpClient.
// Replies are parsed as JSON; a non-2xx reply becomes a Status whose code
// follows the Kubernetes Status body's reason (NotFound -> kNotFound,
// AlreadyExists, Conflict, Invalid/BadRequest -> kInvalidArgument, ...) and
// whose message is the line kubectl prints for it:
//   Error from server (NotFound): deployments.apps "x" not found
// report_error() prints any Status the way kubectl does, so every command
// ends its failures the same way.

#include <chrono>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

#include "herd/api/value.hpp"
#include "herd/base/result.hpp"
#include "herdctl/http_client.hpp"

namespace herd::cli::herdctl {

/// Accept header asking for a server-side meta.k8s.io Table (plain JSON when
/// the server has none).
inline constexpr char kAcceptTable[] = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

inline constexpr char kMergePatch[] = "application/merge-patch+json";
inline constexpr char kJsonPatch[] = "application/json-patch+json";

/// One event of a watch stream: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.
struct WatchEvent {
  std::string type;
  api::Value object;
};

/// Receives watch events; returns false to stop watching.
using WatchHandler = std::function<bool(const WatchEvent&)>;

class ApiClient {
 public:
  explicit ApiClient(HttpClient http) : http_(std::move(http)) {}

  /// GET `target`, parsed. `accept` as for HttpCall.
  Result<api::Value> get(const std::string& target, const std::string& accept = "application/json") const;

  /// `method` (POST, PUT, PATCH, DELETE) with `body` as JSON of `content_type`.
  Result<api::Value> send(const std::string& method, const std::string& target, const api::Value& body,
                          const std::string& content_type = "application/json") const;

  /// Watches `target` (which must carry watch=true), handing each event to
  /// `on_event` until the server ends the stream, the handler returns false
  /// or `deadline` passes (kUnavailable "timed out"). A line that is not a
  /// watch event is kCorrupt.
  Status watch(const std::string& target, const WatchHandler& on_event, const std::string& accept = "application/json",
               std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt) const;

  /// Streams a text body (pods/log) to `out` as it arrives, flushing each
  /// piece.
  Status stream_text(const std::string& target, std::ostream& out) const;

 private:
  HttpClient http_;
};

/// The Status for a non-2xx reply: from its Kubernetes Status body when it
/// has one, else naming the HTTP code and the body.
Status server_error(const HttpReply& reply);

/// Prints `status` as kubectl does: server errors as their line, others as
/// "error: <message>". Returns 1, the exit code of a failed command.
int report_error(const Status& status, std::ostream& err);

}  // namespace herd::cli::herdctl
