#pragma once

// ObservedLog: an EventLog that forwards everything to another log and
// watches what that log acknowledges, for the controlplane benchmark. It
// counts acknowledged events and append calls, and records, per pod, the
// time_ns of its ObjectCreated, PodStarted and first PodReady(true) events,
// so the benchmark learns when every pod ran without polling the store and
// with the events' own nanosecond times (metadata times are whole seconds).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "herd/events/event_log.hpp"

namespace herd::bench {

/// When one pod reached each step, as the time_ns of its events (0: not yet).
struct PodTimes {
  int64_t created_ns = 0;
  int64_t started_ns = 0;  ///< PodStarted: the phase became Running.
  int64_t ready_ns = 0;    ///< The first PodReady with data.ready true.
};

/// Counters at one moment.
struct LogCounts {
  uint64_t events = 0;   ///< Acknowledged events.
  uint64_t appends = 0;  ///< Acknowledged append calls.
  uint64_t bytes_sampled = 0;   ///< Encoded size of every 64th event.
  uint64_t events_sampled = 0;  ///< How many were sampled.
  uint64_t failed_appends = 0;
};

/// Thread-safe: appends come from every actor thread, acknowledgements from
/// the inner log's threads; one mutex guards the counters and the pod table.
/// The inner log must outlive this object; its callbacks may outlive it.
class ObservedLog final : public events::EventLog {
 public:
  explicit ObservedLog(events::EventLog& inner) : inner_(inner) {}

  void append(std::vector<events::Event> events, events::AppendCallback done) override;
  Result<events::ReadResult> read(const events::Cursor& from, const events::ReadOptions& options) override {
    return inner_.read(from, options);
  }
  Result<events::Cursor> end() override { return inner_.end(); }
  Status write_snapshot(const events::Snapshot& snapshot) override { return inner_.write_snapshot(snapshot); }
  Result<std::optional<events::Snapshot>> latest_snapshot() override { return inner_.latest_snapshot(); }
  Status compact() override { return inner_.compact(); }

  LogCounts counts() const;
  /// Pods of namespace `namespace_` seen so far, by object key.
  std::unordered_map<std::string, PodTimes> pods() const;

  /// Waits until `ready` pods of the namespace have a PodReady(true)
  /// acknowledged, or until `deadline`. Returns the counters at the moment
  /// the last of them was acknowledged (when reached), and whether it was.
  bool wait_ready(std::size_t ready, std::chrono::steady_clock::time_point deadline, LogCounts& at,
                  std::chrono::steady_clock::time_point& when);

  /// Only pods in this namespace are tracked. Call before the first append.
  void track_namespace(std::string namespace_) { state_->namespace_ = std::move(namespace_); }
  /// Progress for a log line: pods created, running, ready.
  void progress(std::size_t& created, std::size_t& running, std::size_t& ready) const;

 private:
  // Shared with the acknowledgement callbacks, which the inner log may run
  // after this object is gone (an append still in flight at shutdown).
  struct State {
    std::string namespace_;
    std::mutex mu;
    std::condition_variable cv;
    LogCounts counts;
    std::unordered_map<std::string, PodTimes> pods;
    std::size_t running = 0;
    std::size_t ready = 0;
    std::size_t ready_goal = 0;  // wait_ready's target; 0 when nobody waits
    bool goal_reached = false;
    LogCounts at_goal;
    std::chrono::steady_clock::time_point goal_time;
  };

  events::EventLog& inner_;
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

}  // namespace herd::bench
