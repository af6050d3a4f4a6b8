#pragma once

// The conformance suite every EventLog backend must pass (GoogleTest,
// header-only). It checks the guarantees written in the EventLog class
// comment (herd/events/event_log.hpp) through the public interface only, so
// the same tests run against the embedded file log and against Kafka.
//
// How to use it, in a test .cpp of the backend:
//
//   #include "events/testing/event_log_conformance.hpp"
//
//   herd::events::testing::EventLogFactory file_log_factory() {
//     auto dir = std::make_shared<std::string>();  // shared by both closures
//     return {
//         .name = "File",
//         .open_fresh = [dir] { *dir = make_new_temp_dir(); return open_log(*dir); },
//         .reopen_same = [dir] { return open_log(*dir); },
//         .cleanup = [dir] { remove_dir(*dir); },
//     };
//   }
//   HERD_INSTANTIATE_EVENT_LOG_CONFORMANCE(File, file_log_factory());
//
// That defines the suite FileEventLogConformance, with test names such as
// `File/FileEventLogConformance.ReopenKeepsAcknowledgedEvents/File`
// (ctest -R EventLogConformance runs every backend's). Everything in this
// header is inline, so any number of files of one binary may include it and
// each backend may be instantiated (once) in any of them. The helpers
// (make_test_event, append_sync, read_events, ...) serve backend-specific
// tests too.
// (HERD_EVENT_LOG_CONFORMANCE_DECLARE_ONLY, which an earlier version needed
// in all but one file, is no longer needed and is ignored.)
//
// Timing: most tests take milliseconds on the embedded log; the wait tests
// take about a second. Reads poll with a short wait so that backends whose
// appended events become readable a little after acknowledgement (Kafka)
// pass too; the suite never assumes one stream or consecutive offsets.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "herd/api/value.hpp"
#include "herd/events/event.hpp"
#include "herd/events/event_log.hpp"

namespace herd::events::testing {

/// How the suite obtains logs of one backend. Both functions are called on
/// the test thread; closures usually share state (a temp dir, a topic
/// prefix) through a shared_ptr they capture.
struct EventLogFactory {
  /// Names the instantiation in test names: letters, digits, '_' only.
  std::string name;
  /// Opens a new, empty log at a new location. Returns nullptr on failure
  /// (the test then fails).
  std::function<std::unique_ptr<EventLog>()> open_fresh;
  /// Opens the log that the last open_fresh created, again. The suite has
  /// destroyed every earlier instance before calling it.
  std::function<std::unique_ptr<EventLog>()> reopen_same;
  /// Optional: removes what open_fresh created; called after each test,
  /// once the log is destroyed.
  std::function<void()> cleanup;
};

/// Prints a factory by its name in test names and failure messages.
inline void PrintTo(const EventLogFactory& factory, std::ostream* os) { *os << factory.name; }

/// A UUID-shaped id, unique within the process (and, with high probability,
/// across processes: it mixes in a per-process random prefix).
inline std::string make_test_event_id() {
  static const uint64_t prefix = std::random_device{}() * 0x9E3779B97F4A7C15ull ^
                                 static_cast<uint64_t>(std::chrono::steady_clock::now()
                                                           .time_since_epoch()
                                                           .count());
  static std::atomic<uint64_t> counter{0};
  uint64_t n = counter.fetch_add(1) + 1;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-8%03x-%012llx",
                static_cast<unsigned>(prefix >> 32), static_cast<unsigned>(prefix >> 16) & 0xffff,
                static_cast<unsigned>(prefix >> 4) & 0xfff, static_cast<unsigned>(n >> 48) & 0xfff,
                static_cast<unsigned long long>(n & 0xffffffffffffull));
  return buf;
}

/// A printable payload of exactly `bytes` characters that differs per seq.
inline std::string make_test_payload(uint64_t seq, std::size_t bytes) {
  std::string payload(bytes, ' ');
  for (std::size_t i = 0; i < bytes; ++i) {
    payload[i] = static_cast<char>('!' + (seq * 31 + i * 7) % 90);
  }
  return payload;
}

/// An event with every envelope field set: a fresh id, type "ObjectUpdated"
/// ("ObjectCreated" for seq 1), uid derived from the object key, a time that
/// depends on seq, actor, cause, and data holding `payload_bytes` characters
/// of payload plus values of every JSON type except floating point (and a
/// string with quotes, backslash, newline and non-ASCII text).
inline Event make_test_event(std::string kind, std::string ns, std::string name, uint64_t seq,
                             std::size_t payload_bytes) {
  Event e;
  e.id = make_test_event_id();
  e.type = seq == 1 ? "ObjectCreated" : "ObjectUpdated";
  e.uid = "0b1e55ed-0000-4000-8000-" +
          std::to_string(100000000000 + std::hash<std::string>{}(object_key(kind, ns, name)) %
                                            900000000000);
  e.kind = std::move(kind);
  e.namespace_ = std::move(ns);
  e.name = std::move(name);
  e.seq = seq;
  e.time_ns = 1'790'000'000'000'000'000 + static_cast<int64_t>(seq) * 1'000'000'007;
  e.actor = "controller:conformance";
  e.cause = seq == 1 ? "" : "request-" + std::to_string(seq);
  api::Value nested = api::Value::object();
  nested.set("list", api::Value::array({api::Value::integer(-1), api::Value::string("two"),
                                        api::Value::boolean(true), api::Value::null()}));
  nested.set("text", api::Value::string("quote \" backslash \\ newline \n caf\xc3\xa9"));
  e.data = api::Value::object();
  e.data.set("seq", api::Value::integer(static_cast<int64_t>(seq)));
  e.data.set("nested", std::move(nested));
  e.data.set("payload", api::Value::string(make_test_payload(seq, payload_bytes)));
  return e;
}

/// Appends and blocks until the callback runs; fails the test (and returns
/// the error) if the callback runs more than once or never within 60s.
inline Result<std::vector<StoredEvent>> append_sync(EventLog& log, std::vector<Event> events) {
  auto promise = std::make_shared<std::promise<Result<std::vector<StoredEvent>>>>();
  auto calls = std::make_shared<std::atomic<int>>(0);
  auto future = promise->get_future();
  log.append(std::move(events), [promise, calls](Result<std::vector<StoredEvent>> r) {
    if (calls->fetch_add(1) == 0) {
      promise->set_value(std::move(r));
    } else {
      ADD_FAILURE() << "append callback called more than once";
    }
  });
  if (future.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
    ADD_FAILURE() << "append callback not called within 60s";
    return Status::internal("append timed out");
  }
  return future.get();
}

/// What read_events collected.
struct Collected {
  std::vector<StoredEvent> events;
  Cursor next;
  std::size_t reads = 0;       ///< Number of read() calls that returned events.
  std::size_t largest = 0;     ///< Largest page returned.
  bool ok = true;
};

/// Reads from `from` until `want` events arrived or `deadline` passed, with
/// `options` (its wait is raised to 100ms so slow-to-publish backends pass).
/// A failed read fails the test.
inline Collected read_events(EventLog& log, const Cursor& from, std::size_t want,
                             ReadOptions options = {},
                             std::chrono::milliseconds deadline = std::chrono::seconds(20)) {
  Collected out;
  out.next = from;
  options.wait = std::max(options.wait, std::chrono::milliseconds(100));
  auto until = std::chrono::steady_clock::now() + deadline;
  while (out.events.size() < want && std::chrono::steady_clock::now() < until) {
    auto r = log.read(out.next, options);
    if (!r.ok()) {
      ADD_FAILURE() << "read failed: " << r.status().to_string();
      out.ok = false;
      return out;
    }
    if (!r->events.empty()) {
      ++out.reads;
      out.largest = std::max(out.largest, r->events.size());
    }
    for (auto& e : r->events) {
      out.events.push_back(std::move(e));
    }
    out.next = std::move(r->next);
  }
  return out;
}

/// Expects that a read from `from` (waiting `wait`) returns no events.
inline void expect_nothing_more(EventLog& log, const Cursor& from, ReadOptions options = {},
                                std::chrono::milliseconds wait = std::chrono::milliseconds(200)) {
  options.wait = wait;
  auto r = log.read(from, options);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_TRUE(r->events.empty()) << r->events.size() << " unexpected events, first id "
                                 << r->events.front().event.id;
}

/// Expects `got` to hold exactly `want` (same events, compared with ==),
/// each once; order across objects is free, order within one object must
/// be `want`'s order.
inline void expect_same_events(const std::vector<StoredEvent>& got,
                               const std::vector<Event>& want) {
  ASSERT_EQ(got.size(), want.size());
  std::map<std::string, const Event*> by_id;
  std::map<std::string, std::vector<std::string>> want_order;
  for (const Event& e : want) {
    by_id[e.id] = &e;
    want_order[e.object_key()].push_back(e.id);
  }
  std::map<std::string, std::vector<std::string>> got_order;
  std::set<std::string> seen;
  for (const StoredEvent& s : got) {
    auto it = by_id.find(s.event.id);
    ASSERT_NE(it, by_id.end()) << "read an event never appended: " << s.event.id;
    ASSERT_TRUE(seen.insert(s.event.id).second) << "read twice: " << s.event.id;
    EXPECT_TRUE(s.event == *it->second) << "event " << s.event.id << " differs from what was "
                                        << "appended:\n  got  " << encode_event(s.event)
                                        << "\n  want " << encode_event(*it->second);
    got_order[s.event.object_key()].push_back(s.event.id);
  }
  EXPECT_EQ(got_order, want_order) << "per-object order differs";
}

/// Events for `objects` objects ("obj-0".."obj-N") of `kind`, round robin,
/// with seqs continuing from `next_seq` (updated).
inline std::vector<Event> make_round_robin(const std::string& kind, int objects, int count,
                                           std::map<std::string, uint64_t>& next_seq,
                                           std::size_t payload_bytes = 64) {
  std::vector<Event> out;
  for (int i = 0; i < count; ++i) {
    std::string name = "obj-" + std::to_string(i % objects);
    uint64_t& seq = next_seq[object_key(kind, "conformance", name)];
    out.push_back(make_test_event(kind, "conformance", name, ++seq, payload_bytes));
  }
  return out;
}

/// The fixture: a fresh log per test, destroyed and cleaned up afterwards.
class EventLogConformance : public ::testing::TestWithParam<EventLogFactory> {
 protected:
  void SetUp() override {
    log_ = GetParam().open_fresh();
    ASSERT_NE(log_, nullptr) << "open_fresh failed for " << GetParam().name;
  }
  void TearDown() override {
    log_.reset();
    if (GetParam().cleanup) {
      GetParam().cleanup();
    }
  }
  /// Destroys the current instance and opens the same log again.
  void reopen() {
    log_.reset();
    log_ = GetParam().reopen_same();
    ASSERT_NE(log_, nullptr) << "reopen_same failed for " << GetParam().name;
  }
  /// Appends and expects success with one StoredEvent per event.
  std::vector<StoredEvent> append_ok(std::vector<Event> events) {
    std::size_t n = events.size();
    auto r = append_sync(*log_, std::move(events));
    EXPECT_TRUE(r.ok()) << r.status().to_string();
    if (!r.ok()) {
      return {};
    }
    EXPECT_EQ(r->size(), n);
    return std::move(r).value();
  }

  // The checks, one per test (event_log_conformance_checks.inc). To add a
  // test: declare and define its check, and add it to the macro below.
  void check_append_returns_one_stored_event_per_event_in_order();
  void check_events_read_back_equal_what_was_appended();
  void check_per_object_order_kept_across_four_appending_threads();
  void check_read_with_max_events_pages_through_everything();
  void check_read_with_kind_returns_only_that_kind();
  void check_end_then_append_reads_only_the_new_events();
  void check_waiting_read_on_empty_tail_returns_after_the_wait();
  void check_waiting_read_returns_early_when_an_append_lands();
  void check_reopen_keeps_acknowledged_events();
  void check_snapshot_round_trip_and_latest_wins();
  void check_compact_without_snapshot_keeps_everything();
  void check_compact_keeps_every_event_after_the_snapshot_cursor();

  std::unique_ptr<EventLog> log_;
  std::map<std::string, uint64_t> seq_;
};

}  // namespace herd::events::testing

/// Instantiates the suite for one backend, at file scope, followed by a
/// semicolon: `prefix` is an identifier naming the backend (the suite is
/// `<prefix>EventLogConformance`, so several backends can be instantiated in
/// one test binary), `factory_expr` an expression yielding an EventLogFactory.
#define HERD_INSTANTIATE_EVENT_LOG_CONFORMANCE(prefix, factory_expr)                              \
  namespace herd::events::testing {                                                               \
  class prefix##EventLogConformance : public EventLogConformance {};                              \
  TEST_P(prefix##EventLogConformance, AppendReturnsOneStoredEventPerEventInOrder) {               \
    check_append_returns_one_stored_event_per_event_in_order();                                   \
  }                                                                                               \
  TEST_P(prefix##EventLogConformance, EventsReadBackEqualWhatWasAppended) {                       \
    check_events_read_back_equal_what_was_appended();                                             \
  }                                                                                               \
  TEST_P(prefix##EventLogConformance, PerObjectOrderKeptAcrossFourAppendingThreads) {             \
    check_per_object_order_kept_across_four_appending_threads();                                  \
  }                                                                                               \
  TEST_P(prefix##EventLogConformance, ReadWithMaxEventsPagesThroughEverything) {                  \
    check_read_with_max_events_pages_through_everything();                                        \
  }                                                                                               \
  TEST_P(prefix##EventLogConformance, ReadWithKindReturnsOnlyThatKind) {                          \
    check_read_with_kind_returns_only_that_kind();                                                \
  }                                                                                               \
  TEST_P(prefix##EventLogConformance, EndThenAppendReadsOnlyTheNewEvents) {                       \
    check_end_then_append_reads_only_the_new_events();                                            \
  }                                                                                               \
  TEST_P(prefix##EventLogConformance, WaitingReadOnEmptyTailReturnsAfterTheWait) {                \
    check_waiting_read_on_empty_tail_returns_after_the_wait();                                    \
  }                                                                                               \
  TEST_P(prefix##EventLogConformance, WaitingReadReturnsEarlyWhenAnAppendLands) {                 \
    check_waiting_read_returns_early_when_an_append_lands();                                      \
  }                                                                                               \
  TEST_P(prefix##EventLogConformance, ReopenKeepsAcknowledgedEvents) {                            \
    check_reopen_keeps_acknowledged_events();                                                     \
  }                                                                                               \
  TEST_P(prefix##EventLogConformance, SnapshotRoundTripAndLatestWins) {                           \
    check_snapshot_round_trip_and_latest_wins();                                                  \
  }                                                                                               \
  TEST_P(prefix##EventLogConformance, CompactWithoutSnapshotKeepsEverything) {                    \
    check_compact_without_snapshot_keeps_everything();                                            \
  }                                                                                               \
  TEST_P(prefix##EventLogConformance, CompactKeepsEveryEventAfterTheSnapshotCursor) {             \
    check_compact_keeps_every_event_after_the_snapshot_cursor();                                  \
  }                                                                                               \
  INSTANTIATE_TEST_SUITE_P(prefix, prefix##EventLogConformance,                                   \
                           ::testing::Values(factory_expr),                                       \
                           [](const ::testing::TestParamInfo<EventLogFactory>& i) {               \
                             return i.param.name;                                                 \
                           });                                                                    \
  }                                                                                               \
  static_assert(true, "")

#include "event_log_conformance_checks.inc"  // the checks' bodies
