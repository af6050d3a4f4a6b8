#pragma once

// What one timed phase of herd-bench measured. Plain value types shared by
// the herd measurements, the baselines and the report.

#include <cstdint>
#include <string>
#include <vector>

namespace herd::bench {

/// One timed phase (an append run, a read-back, a baseline loop): how many
/// events it counted, how many envelope bytes they hold, and how long it took.
struct Throughput {
  uint64_t events = 0;       ///< Counted: acknowledged (append) or returned (read) events.
  uint64_t bytes = 0;        ///< Encoded envelope bytes of those events.
  double seconds = 0;        ///< Wall time from the first request to the last answer.
  uint64_t calls = 0;        ///< Requests it took (read() calls); 0 when not counted.
  bool cut_by_time = false;  ///< The time limit ended the phase before all events.
  std::string error;         ///< Non-empty when the phase failed or was skipped: why.
  /// CPU time (user + system, all threads) the measured process spent in the
  /// phase; 0 when not measured. On a small machine that the broker shares,
  /// throughput follows it.
  double cpu_seconds = 0;

  /// True when the phase produced a figure (no error, some time elapsed).
  bool measured() const { return error.empty() && seconds > 0 && events > 0; }
  double events_per_second() const { return measured() ? events / seconds : 0; }
  /// Megabytes (10^6 bytes) per second.
  double mb_per_second() const { return measured() ? bytes / seconds / 1e6 : 0; }
  /// Microseconds of CPU per counted event, or 0 when not measured.
  double cpu_us_per_event() const { return measured() && cpu_seconds > 0 ? cpu_seconds * 1e6 / events : 0; }
};

/// Percentiles of per-request latencies.
struct Latency {
  bool known = false;  ///< False when there were no samples.
  double p50_ms = 0;
  double p99_ms = 0;
};

/// CPU time (user + system) used so far by this process, all its threads.
double own_cpu_seconds();
/// CPU time (user + system) of the child processes waited for so far, with
/// theirs (a baseline run through a shell and timeout(1) counts fully).
double children_cpu_seconds();

/// The 50th and 99th percentile (nearest rank) of `samples_ms`.
Latency latency_of(std::vector<double> samples_ms);

}  // namespace herd::bench
