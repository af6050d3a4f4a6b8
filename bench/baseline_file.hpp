#pragma once

// The baseline for the embedded log: what a plain loop gets from the same
// disk. It writes the same encoded envelopes, one per line, in the same
// batches, with one write() and one fdatasync() per batch from one thread
// (the best case for a plain loop: no locks, no queue, nothing to merge),
// then reads the file back sequentially with read() in 1 MiB chunks,
// counting records.

#include <string>

#include "event_generator.hpp"
#include "herd_measure.hpp"
#include "measurement.hpp"

namespace herd::bench {

struct FileBaselineOutcome {
  Throughput write;       ///< Events durable after their batch's fdatasync.
  Latency batch_latency;  ///< write() + fdatasync() of one batch.
  Throughput read;        ///< Records (lines) counted while reading the file.
};

/// Runs the plain write loop on `path` (created or truncated; the caller
/// deletes it) for shape.events events of `generator` in batches of
/// shape.batch, then the read loop. shape.threads only orders the events the
/// same way the herd threads generated them; the loop itself is one thread.
/// Each loop stops at shape.limit. Errors (open, write, fdatasync, read) end
/// a loop and are reported in its Throughput::error.
FileBaselineOutcome run_file_baseline(const std::string& path, const EventGenerator& generator,
                                      const AppendShape& shape);

}  // namespace herd::bench
