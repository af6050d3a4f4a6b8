#include "history/log_scan.hpp"

namespace herd::server::history {

Status scan_log(events::EventLog& log, const std::string& kind, const std::function<void(const events::Event&)>& fn) {
  events::Cursor cursor;
  events::ReadOptions options;
  options.kind = kind;
  while (true) {
    Result<events::ReadResult> read = log.read(cursor, options);
    if (!read.ok()) return read.status();
    if (read->events.empty()) return Status();
    for (const events::StoredEvent& stored : read->events) {
      if (stored.event.kind == kind) fn(stored.event);
    }
    cursor = std::move(read->next);
  }
}

Result<events::ClusterState> state_at(events::EventLog& log, const std::string& kind, int64_t at_ns) {
  events::ClusterState state;
  Status folding;
  Status scanned = scan_log(log, kind, [&](const events::Event& e) {
    if (!folding.ok() || e.time_ns > at_ns) return;
    folding = state.apply(e);
  });
  if (!scanned.ok()) return scanned;
  if (!folding.ok()) {
    // A fold that does not start at an object's first event: the log was
    // compacted (its older segments dropped after a snapshot).
    return Status::not_found("the log no longer holds the history of every " + kind +
                             " back to that time (compacted after a snapshot): " + folding.message());
  }
  return state;
}

}  // namespace herd::server::history
