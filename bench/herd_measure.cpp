#include "herd_measure.hpp"

#include <algorithm>
#include <condition_variable>
#include <latch>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "herd/events/cluster_state.hpp"

namespace herd::bench {
namespace {

using Clock = std::chrono::steady_clock;

// How long the drain waits for in-flight appends after the time limit.
constexpr std::chrono::seconds kDrainGrace{30};
// Empty reads tolerated before the expected count is reached (a Kafka read
// with wait 0 may return before its fetch does); later ones wait this long.
constexpr int kMaxEmptyReads = 5;
constexpr std::chrono::milliseconds kRetryWait{200};

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// What one appending thread and the callbacks of its appends share. Owned by
// shared_ptr: a callback that arrives after the drain gave up still finds it.
struct ThreadLedger {
  std::mutex mu;
  std::condition_variable answered;
  int inflight = 0;
  uint64_t inflight_events = 0;
  uint64_t acked = 0;
  uint64_t failed = 0;
  bool cut_by_time = false;
  std::string first_error;
  Clock::time_point last_answer{};
  std::vector<double> latencies_ms;
};

// Runs on a thread of the log: keep it short.
void record_answer(ThreadLedger& ledger, uint64_t n, Clock::time_point issued,
                   const Result<std::vector<events::StoredEvent>>& result) {
  Clock::time_point now = Clock::now();
  std::lock_guard lock(ledger.mu);
  if (result.ok() && result->size() == n) {
    ledger.acked += n;
    ledger.latencies_ms.push_back(ms_between(issued, now));
    ledger.last_answer = std::max(ledger.last_answer, now);
  } else {
    ledger.failed += n;
    if (ledger.first_error.empty()) {
      ledger.first_error = result.ok()
                               ? "an append of " + std::to_string(n) + " events answered with " +
                                     std::to_string(result->size()) + " stored events"
                               : result.status().to_string();
    }
  }
  ledger.inflight -= 1;
  ledger.inflight_events -= n;
  ledger.answered.notify_all();
}

// The events thread `t` appends: an even share, one more for the first
// total % threads threads.
uint64_t share_of(uint64_t total, int threads, int t) {
  auto n = static_cast<uint64_t>(threads);
  return total / n + (static_cast<uint64_t>(t) < total % n ? 1 : 0);
}

// The batches thread `t` appends, built before the clock starts: the
// baseline's input is prepared beforehand too, so both phases time the log
// and not the making of events.
std::vector<std::vector<events::Event>> build_batches(const EventGenerator& generator,
                                                      const AppendShape& shape, int thread) {
  uint64_t count = share_of(shape.events, shape.threads, thread);
  std::vector<std::vector<events::Event>> batches;
  batches.reserve(count / shape.batch + 1);
  for (uint64_t next = 0; next < count;) {
    uint64_t n = std::min<uint64_t>(shape.batch, count - next);
    std::vector<events::Event> batch;
    batch.reserve(n);
    for (uint64_t j = 0; j < n; ++j) {
      batch.push_back(generator.make({thread, next + j}));
    }
    batches.push_back(std::move(batch));
    next += n;
  }
  return batches;
}

// One appending thread: waits for a free in-flight slot, appends the next
// batch; then waits for its last answers.
void append_worker(events::EventLog& log, std::vector<std::vector<events::Event>> batches,
                   const AppendShape& shape, Clock::time_point deadline,
                   const std::shared_ptr<ThreadLedger>& ledger) {
  for (std::vector<events::Event>& batch : batches) {
    uint64_t n = batch.size();
    {
      std::unique_lock lock(ledger->mu);
      bool free_slot = ledger->answered.wait_until(
          lock, deadline, [&] { return ledger->inflight < shape.inflight; });
      if (!free_slot || Clock::now() >= deadline) {
        ledger->cut_by_time = true;
        break;
      }
      ledger->inflight += 1;
      ledger->inflight_events += n;
    }
    Clock::time_point issued = Clock::now();
    log.append(std::move(batch), [ledger, n, issued](Result<std::vector<events::StoredEvent>> r) {
      record_answer(*ledger, n, issued, r);
    });
  }
  std::unique_lock lock(ledger->mu);
  (void)ledger->answered.wait_until(lock, deadline + kDrainGrace,
                                    [&] { return ledger->inflight == 0; });
}

AppendOutcome summarize(const std::vector<std::shared_ptr<ThreadLedger>>& ledgers,
                        Clock::time_point start, double event_bytes) {
  AppendOutcome out;
  std::vector<double> latencies;
  Clock::time_point end = start;
  std::string first_error;
  for (const auto& ledger : ledgers) {
    std::lock_guard lock(ledger->mu);
    out.throughput.events += ledger->acked;
    out.throughput.cut_by_time = out.throughput.cut_by_time || ledger->cut_by_time;
    out.failed_events += ledger->failed;
    out.unanswered_events += ledger->inflight_events;
    end = std::max(end, ledger->last_answer);
    latencies.insert(latencies.end(), ledger->latencies_ms.begin(), ledger->latencies_ms.end());
    if (first_error.empty()) {
      first_error = ledger->first_error;
    }
  }
  out.throughput.seconds = ms_between(start, end) / 1000;
  out.throughput.bytes = static_cast<uint64_t>(out.throughput.events * event_bytes);
  out.latency = latency_of(std::move(latencies));
  out.first_error = first_error;
  if (out.throughput.events == 0) {
    out.throughput.error = first_error.empty() ? "no append was acknowledged" : first_error;
  }
  return out;
}

}  // namespace

AppendOutcome measure_append(events::EventLog& log, const EventGenerator& generator,
                             const AppendShape& shape) {
  std::vector<std::shared_ptr<ThreadLedger>> ledgers;
  for (int t = 0; t < shape.threads; ++t) {
    ledgers.push_back(std::make_shared<ThreadLedger>());
  }
  std::latch built(shape.threads);
  std::latch go(1);
  Clock::time_point start;
  Clock::time_point deadline;
  std::vector<std::thread> threads;
  for (int t = 0; t < shape.threads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::vector<events::Event>> batches = build_batches(generator, shape, t);
      built.count_down();
      go.wait();
      append_worker(log, std::move(batches), shape, deadline,
                    ledgers[static_cast<std::size_t>(t)]);
    });
  }
  built.wait();
  double cpu_before = own_cpu_seconds();
  start = Clock::now();
  deadline = start + shape.limit;
  go.count_down();  // publishes start and deadline to the workers
  for (std::thread& thread : threads) {
    thread.join();
  }
  AppendOutcome out = summarize(ledgers, start, generator.mean_encoded_size());
  out.throughput.cpu_seconds = own_cpu_seconds() - cpu_before;
  return out;
}

Throughput measure_read(events::EventLog& log, uint64_t expected, double event_bytes,
                        std::chrono::seconds limit) {
  Throughput out;
  events::Cursor cursor;
  int empty_reads = 0;
  Clock::time_point start = Clock::now();
  Clock::time_point deadline = start + limit;
  while (out.error.empty()) {
    if (Clock::now() >= deadline) {
      out.cut_by_time = true;
      break;
    }
    events::ReadOptions options;
    options.wait = empty_reads > 0 ? kRetryWait : std::chrono::milliseconds(0);
    Result<events::ReadResult> batch = log.read(cursor, options);
    out.calls += 1;
    if (!batch.ok()) {
      out.error =
          "read after " + std::to_string(out.events) + " events: " + batch.status().to_string();
      break;
    }
    if (batch->events.empty()) {
      if (out.events >= expected || ++empty_reads > kMaxEmptyReads) {
        break;
      }
      continue;
    }
    out.events += batch->events.size();
    cursor = std::move(batch->next);
  }
  out.seconds = ms_between(start, Clock::now()) / 1000;
  out.bytes = static_cast<uint64_t>(out.events * event_bytes);
  return out;
}

Throughput measure_replay(events::EventLog& log, uint64_t expected, double event_bytes) {
  Throughput out;
  events::ClusterState state;
  Clock::time_point start = Clock::now();
  Result<events::ReplayStats> stats = events::replay(log, state);
  out.seconds = ms_between(start, Clock::now()) / 1000;
  if (!stats.ok()) {
    out.error = "replay: " + stats.status().to_string();
    return out;
  }
  out.events = stats->events_read;
  out.bytes = static_cast<uint64_t>(out.events * event_bytes);
  if (out.events != expected) {
    out.error = "replay read " + std::to_string(out.events) + " events, expected " + std::to_string(expected);
  }
  return out;
}

}  // namespace herd::bench
