#pragma once

// The herdctl commands only herd can answer, because it keeps every event:
//
//   herdctl history KIND/NAME             every event of one object, with time, actor and cause
//   herdctl diff KIND/NAME --from T1 [--to T2]   how the object changed between two moments
//
// (`herdctl get ... --at T` reads /herd/v1/state the same way.) They read
// the server's /herd/v1 routes through an ApiGet, so tests can give them a
// fake server.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

#include "herd/base/result.hpp"

namespace herd::cli {

/// GETs a path (with its query) from the herd server: the body of a 2xx
/// answer, else the Status' message as an error (kNotFound for 404).
using ApiGet = std::function<Result<std::string>(const std::string& path)>;

/// A moment as the commands take it: an RFC 3339 time as it is, or a
/// duration before `now_ns` ("90s", "10m", "2h", "3d"); returned as RFC 3339.
Result<std::string> parse_moment(std::string_view text, int64_t now_ns);

/// "deploy/web" → the server's path words "Deployment/<ns>/web" (cluster-
/// scoped kinds take "-" for the namespace). kInvalidArgument for anything
/// not KIND/NAME of a kind herd serves.
Result<std::string> object_words(std::string_view resource, const std::string& namespace_);

struct HistoryOptions {
  std::string resource;  ///< KIND/NAME, e.g. deploy/sise-deploy.
  std::string namespace_ = "default";
  std::string output;    ///< "" (a table) or "json" (the raw envelopes).
};

/// Prints the object's events oldest first: TIME, SEQ, EVENT, ACTOR, and
/// what happened ("replicas 2 -> 1", "after #4 ObjectUpdated" when its cause
/// is an earlier line). A re-created object's events follow a line naming
/// its new uid. Returns 0, or 1 with the error on `err`.
int run_history(const HistoryOptions& options, const ApiGet& get, std::ostream& out, std::ostream& err);

struct DiffOptions {
  std::string resource;
  std::string namespace_ = "default";
  std::string from;  ///< A moment (parse_moment).
  std::string to;    ///< A moment; "" for now.
};

/// Prints a unified diff of the object's YAML at `from` and at `to` (an
/// object that did not exist at a moment counts as empty). Returns 0 when
/// they are equal, 1 when they differ, 2 on an error (as `kubectl diff`).
int run_diff(const DiffOptions& options, const ApiGet& get, int64_t now_ns, std::ostream& out, std::ostream& err);

}  // namespace herd::cli
