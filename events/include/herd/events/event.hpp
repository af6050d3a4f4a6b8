#pragma once

// The event envelope: one shape for every change to every object.

#include <cstdint>
#include <string>
#include <string_view>

#include "herd/api/value.hpp"
#include "herd/base/result.hpp"

namespace herd::events {

/// The envelope version this build writes. Readers accept this version and
/// every older one (docs/formats/event-envelope.md lists the differences).
inline constexpr int kEnvelopeVersion = 1;

/// One thing that happened to one object, in words a person understands
/// ("PodScheduled", "DeploymentRolledBack"), with the data its type defines.
///
/// The log is the truth: an object's state is the fold of its events with
/// `apply` (cluster_state.hpp). Plain value type.
struct Event {
  int version = kEnvelopeVersion;
  std::string id;          ///< UUID v4, unique per event.
  std::string type;        ///< An event type (event_types.hpp), e.g. "ObjectCreated".
  std::string kind;        ///< The object's kind, e.g. "Deployment".
  std::string namespace_;  ///< "" for cluster-scoped kinds.
  std::string name;
  std::string uid;         ///< The object's uid; a re-created object has a new one.
  uint64_t seq = 0;        ///< Per-object sequence number: 1 for its first event, then +1.
  int64_t time_ns = 0;     ///< When it happened, Unix nanoseconds (UTC).
  std::string actor;       ///< Who caused it: "user:alice", "controller:deployment", "node:n1".
  std::string cause;       ///< Id of the event or request that led to it; "" if none.
  api::Value data;         ///< The type's own data (event_types.hpp documents each).

  /// `kind/namespace/name` ("Namespace//team-a" for cluster-scoped kinds):
  /// the Kafka record key, so one object's events stay in order.
  std::string object_key() const;

  bool operator==(const Event&) const = default;
};

/// The object key of an object (see Event::object_key).
std::string object_key(std::string_view kind, std::string_view namespace_, std::string_view name);

/// The envelope as one line of compact JSON (docs/formats/event-envelope.md).
std::string encode_event(const Event& event);

/// Parses an envelope. Returns kCorrupt for text that is not a valid envelope
/// and kUnimplemented for a version newer than this build reads.
Result<Event> decode_event(std::string_view json);

/// A new random UUID v4 ("8-4-4-4-12" lowercase hex).
std::string new_uuid();

/// RFC 3339 with nanoseconds in UTC, "2026-11-27T09:03:05.123456789Z".
std::string format_time(int64_t time_ns);
/// Parses format_time's output (any RFC 3339 UTC time with 0-9 fraction digits).
Result<int64_t> parse_time(std::string_view text);

}  // namespace herd::events
