#pragma once

// EventLog: the interface both log backends implement (embedded segment
// files, Apache Kafka). Actors and tools use only this.

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "herd/base/result.hpp"
#include "herd/events/event.hpp"

namespace herd::events {

/// Where the next read continues, per stream. A stream is one ordered
/// sequence of the backend: the embedded log has one ("" ), Kafka has one
/// per topic partition ("herd.events.Pod/0"). Offsets count from 0.
/// A default Cursor means "from the beginning of everything retained".
struct Cursor {
  std::map<std::string, int64_t> next;  ///< stream -> offset of the next event to read.
  bool operator==(const Cursor&) const = default;
};

/// An event as the log stores it, with where it sits.
struct StoredEvent {
  Event event;
  std::string stream;
  int64_t offset = 0;
};

/// The state of every object at a cursor: what replay starts from so that
/// its time grows with live objects, not with history.
struct Snapshot {
  Cursor cursor;                      ///< Events before it are folded into `objects`.
  std::vector<std::string> objects;   ///< One JSON document per live object (cluster_state.hpp).
};

struct ReadOptions {
  std::size_t max_events = 4096;
  /// Only events of this kind (Kafka reads only that kind's topic).
  std::optional<std::string> kind;
  /// How long to wait for events when none are there yet: 0 returns at once
  /// (replay); a follower passes e.g. 500ms and calls read again.
  std::chrono::milliseconds wait{0};
};

struct ReadResult {
  std::vector<StoredEvent> events;
  Cursor next;  ///< Pass to the next read.
};

/// Called once per append, on a thread of the log, when the batch is durable
/// (fsynced, or acknowledged by all in-sync Kafka replicas) or has failed.
/// On success it carries each event's stream and offset, in batch order.
using AppendCallback = std::function<void(Result<std::vector<StoredEvent>>)>;

/// The log of every event. Implementations are thread-safe: appends from many
/// threads share flushes (group commit); reads may run beside appends.
///
/// Guarantees: an acknowledged event is never lost and never returned twice;
/// events of one object (same object_key) are read in append order; a read
/// never returns a corrupt event (it returns kCorrupt instead).
class EventLog {
 public:
  virtual ~EventLog() = default;

  /// Appends `events` and calls `done` once they are durable or have failed.
  /// Never blocks on durability; a full internal queue may block briefly.
  virtual void append(std::vector<Event> events, AppendCallback done) = 0;

  /// Reads events after `from`, at most options.max_events, waiting up to
  /// options.wait when there are none. kUnavailable if the backend is away.
  virtual Result<ReadResult> read(const Cursor& from, const ReadOptions& options) = 0;

  /// The cursor after the last durable event: where a follower that only
  /// wants new events starts.
  virtual Result<Cursor> end() = 0;

  /// Stores a snapshot; later ones replace earlier ones.
  virtual Status write_snapshot(const Snapshot& snapshot) = 0;

  /// The latest snapshot, or nullopt when none was written.
  virtual Result<std::optional<Snapshot>> latest_snapshot() = 0;

  /// Lets the backend drop events before the latest snapshot's cursor (the
  /// embedded log deletes whole segments; Kafka leaves it to retention).
  virtual Status compact() = 0;

  /// Appends and waits for the outcome. Convenience for tools and tests.
  Result<std::vector<StoredEvent>> append_and_wait(std::vector<Event> events);
};

}  // namespace herd::events
