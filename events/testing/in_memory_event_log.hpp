#pragma once

// A fake EventLog held in memory, for unit tests of code above the log
// (decorators, replay, later the actors). Not durable: "reopening" it means
// keeping the same object. Passes the conformance suite like the real
// backends (in_memory_event_log_test.cpp), so tests built on it are honest.

#include <condition_variable>
#include <mutex>

#include "herd/events/event_log.hpp"

namespace herd::events::testing {

class InMemoryEventLog final : public EventLog {
 public:
  void append(std::vector<Event> events, AppendCallback done) override {
    std::vector<StoredEvent> stored;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (Event& e : events) {
        events_.push_back(StoredEvent{std::move(e), "", static_cast<int64_t>(events_.size())});
        stored.push_back(events_.back());
      }
    }
    appended_.notify_all();
    done(std::move(stored));
  }

  Result<ReadResult> read(const Cursor& from, const ReadOptions& options) override {
    std::unique_lock<std::mutex> lock(mu_);
    int64_t next = from.next.count("") ? from.next.at("") : 0;
    if (next >= static_cast<int64_t>(events_.size()) && options.wait.count() > 0) {
      appended_.wait_for(lock, options.wait, [&] { return next < static_cast<int64_t>(events_.size()); });
    }
    ReadResult result;
    for (; next < static_cast<int64_t>(events_.size()) && result.events.size() < options.max_events; ++next) {
      const StoredEvent& e = events_[next];
      if (!options.kind || e.event.kind == *options.kind) result.events.push_back(e);
    }
    result.next.next[""] = next;
    return result;
  }

  Result<Cursor> end() override {
    std::lock_guard<std::mutex> lock(mu_);
    Cursor c;
    c.next[""] = static_cast<int64_t>(events_.size());
    return c;
  }

  Status write_snapshot(const Snapshot& snapshot) override {
    std::lock_guard<std::mutex> lock(mu_);
    snapshot_ = snapshot;
    return Status();
  }

  Result<std::optional<Snapshot>> latest_snapshot() override {
    std::lock_guard<std::mutex> lock(mu_);
    return snapshot_;
  }

  Status compact() override { return Status(); }

  /// Every event as stored, for tests that inspect what reached the log.
  std::vector<StoredEvent> raw() const {
    std::lock_guard<std::mutex> lock(mu_);
    return events_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable appended_;
  std::vector<StoredEvent> events_;
  std::optional<Snapshot> snapshot_;
};

}  // namespace herd::events::testing
