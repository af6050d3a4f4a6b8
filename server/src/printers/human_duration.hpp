#pragma once

// Ages and durations as `kubectl get` shows them ("45s", "3m10s", "5d",
// "2y1d"). The server computes these cells itself (server-side printing), so
// they must read exactly as Kubernetes' k8s.io/apimachinery duration
// package and the printers' translateTimestampSince write them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace herd::server::printers {

/// Kubernetes' duration.HumanDuration: about 2-3 significant figures.
///   < 2m: "119s"; < 10m: "3m10s" (or "3m"); < 3h: "179m"; < 8h: "7h59m";
///   < 2d: "47h"; < 8d: "7d23h"; < 2y: "729d"; < 8y: "7y364d"; then "9y".
/// A duration down to -2s (exclusive) is clock skew and reads "0s"; anything
/// more negative is "<invalid>". Pure; any thread.
std::string human_duration(int64_t nanoseconds);

/// An RFC 3339 time of the model (api::Time) as Unix nanoseconds; nullopt for
/// "" (Kubernetes' zero time) and for text that is not a time.
std::optional<int64_t> parse_model_time(std::string_view rfc3339);

/// Kubernetes' translateTimestampSince: human_duration(now - time), or
/// "<unknown>" when `time` is unset ("") or unreadable.
std::string time_since(std::string_view rfc3339, int64_t now_ns);

}  // namespace herd::server::printers
