#pragma once

// The herd side of herd-bench: append throughput with several appends in
// flight per thread, as the control plane appends, and read / replay
// throughput from an empty cursor.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "event_generator.hpp"
#include "herd/events/event_log.hpp"
#include "measurement.hpp"

namespace herd::bench {

/// How the append load is shaped.
struct AppendShape {
  uint64_t events = 0;     ///< In total, split evenly over the threads.
  std::size_t batch = 64;  ///< Events per append call.
  int threads = 4;
  int inflight = 8;  ///< Appends each thread keeps in flight (callback-based append).
  std::chrono::seconds limit{120};  ///< No new append starts after this.
};

struct AppendOutcome {
  Throughput throughput;  ///< Acknowledged (durable) events only.
  Latency latency;        ///< Per append call: issue -> successful callback.
  uint64_t failed_events = 0;
  uint64_t unanswered_events = 0;  ///< Still in flight when the drain gave up.
  std::string first_error;         ///< Of the first failed append; "" if none failed.
};

/// Appends shape.events events of `generator` to `log` from shape.threads
/// threads, each keeping up to shape.inflight calls of EventLog::append in
/// flight, and times from the first call to the last callback. The events
/// are built before the clock starts (they take about 3 KiB of memory each
/// until appended). Blocks until
/// every append has answered or shape.limit plus a grace period has passed.
AppendOutcome measure_append(events::EventLog& log, const EventGenerator& generator,
                             const AppendShape& shape);

/// Reads the whole log from an empty Cursor with EventLog::read (default
/// ReadOptions, as replay() reads) until a read returns nothing after
/// `expected` events were counted, or `limit` passes. Before `expected` is
/// reached, up to 5 empty reads are retried with a 200 ms wait (a Kafka read
/// with wait 0 may return before its fetch does).
/// Throughput::bytes is events x `event_bytes` (the mean encoded size).
Throughput measure_read(events::EventLog& log, uint64_t expected, double event_bytes,
                        std::chrono::seconds limit);

/// Times events::replay() of the whole log into a fresh ClusterState: what
/// `herd log replay` and the control plane's startup run. A replay error, or
/// a count other than `expected`, is reported in Throughput::error.
Throughput measure_replay(events::EventLog& log, uint64_t expected, double event_bytes);

}  // namespace herd::bench
