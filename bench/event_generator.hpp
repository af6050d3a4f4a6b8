#pragma once

// EventGenerator: the events herd-bench appends, and the records its
// baselines write, built the same way so both sides move the same bytes.

#include <cstddef>
#include <cstdint>
#include <string>

#include "herd/api/value.hpp"
#include "herd/events/event.hpp"

namespace herd::bench {

/// Where one generated event belongs: the appending thread and the event's
/// 0-based index among that thread's events.
struct EventSlot {
  int thread = 0;
  uint64_t index = 0;
};

/// Makes valid events of a small simulated cluster so that the log can be
/// replayed into ClusterState afterwards. Thread t owns `objects_per_thread`
/// ConfigMaps "bench-t<t>-o<k>" in namespace "bench"; its event i touches
/// object i % objects_per_thread with seq i / objects_per_thread + 1: the
/// first event of an object is ObjectCreated, every later one ObjectUpdated
/// (the ConfigMap's data.seq changes). data.pad, a fixed string, brings the
/// encoded envelope to about `target_size` bytes.
///
/// Immutable after construction: make() may be called from any thread.
class EventGenerator {
 public:
  /// Requires: objects_per_thread > 0.
  EventGenerator(std::size_t target_size, std::size_t objects_per_thread);

  /// The event for `slot`; id and time are new on every call.
  events::Event make(const EventSlot& slot) const;

  /// The one event appended before the timed run (it creates the Kafka
  /// topic or the first segment): ObjectCreated of "bench-warmup".
  events::Event warmup() const;

  /// Length of data.pad, and the mean encoded size of a sample of events.
  std::size_t pad_size() const { return pad_.size(); }
  double mean_encoded_size() const { return mean_encoded_size_; }
  std::size_t objects_per_thread() const { return objects_per_thread_; }

 private:
  events::Event make_object_event(const std::string& name, uint64_t seq) const;
  double sample_mean_size() const;

  std::size_t objects_per_thread_;
  std::string pad_;
  api::Value object_template_;  // the encoded ConfigMap with pad_, name and uid unset
  double mean_encoded_size_ = 0;
};

/// The slot of the `n`-th event (0-based) when `total` events are spread over
/// `threads` threads in batches of `batch`, in the order a single writer
/// would interleave those batches. The baselines write events in this order,
/// so they write the same set of events the threads append.
EventSlot interleaved_slot(uint64_t n, int threads, std::size_t batch);

}  // namespace herd::bench
