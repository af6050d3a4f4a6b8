#pragma once

// Opening a log by its URI: the one place that knows the backends by name.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "herd/base/result.hpp"
#include "herd/events/event_log.hpp"

namespace herd::events {

struct LogOptions {
  /// Kafka: topic layout and durability (defaults right for one broker).
  int partitions = 3;
  int replication_factor = 1;
  int min_insync_replicas = 1;
  std::string topic_prefix = "herd";
  /// Kafka: how long an append waits for an absent broker before failing.
  std::chrono::milliseconds broker_timeout{30000};
  /// A file holding the AES-256 key for Secret data; created (mode 0600) when
  /// missing. Empty: no encryption layer (tests of the raw backends only).
  std::string encryption_key_file;
};

/// Opens `uri`: `file:///DIR` (the embedded log in DIR, created if needed) or
/// `kafka://HOST:PORT[,HOST:PORT...][?PARAMS]`, where PARAMS override
/// `options`: `topic-prefix=NAME&partitions=N&replication-factor=N&min-insync-replicas=N`.
/// Returns kInvalidArgument for another scheme or a bad parameter,
/// kUnavailable when the backend cannot be reached or opened.
Result<std::unique_ptr<EventLog>> open_event_log(std::string_view uri, const LogOptions& options);

}  // namespace herd::events
