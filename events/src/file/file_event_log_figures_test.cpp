// Throughput figures of the embedded log, printed (not asserted) for
// comparison with bench/: appends of 1 KiB events in batches of 64 from 4
// threads, then one sequential read of everything.

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <thread>

#include "events/testing/event_log_conformance.hpp"
#include "file/file_event_log.hpp"
#include "file/file_test_util.hpp"

namespace herd::events::file::testing {
namespace {

using events::testing::make_test_event;
using Clock = std::chrono::steady_clock;

constexpr int kThreads = 4;
constexpr int kBatchesPerThread = 150;
constexpr int kBatchSize = 64;
constexpr std::size_t kPayload = 1024;

// Appends the prepared batches, each thread keeping up to `in_flight`
// appends unacknowledged; returns the seconds taken.
double append_all(FileEventLog& log, std::vector<std::vector<std::vector<Event>>>& batches,
                  int in_flight) {
  auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mutex mu;
      std::condition_variable cv;
      int pending = 0;
      for (auto& batch : batches[t]) {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return pending < in_flight; });
        ++pending;
        lock.unlock();
        log.append(std::move(batch), [&](Result<std::vector<StoredEvent>> r) {
          EXPECT_TRUE(r.ok()) << r.status().to_string();
          std::lock_guard guard(mu);
          --pending;
          cv.notify_one();
        });
      }
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return pending == 0; });
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::vector<std::vector<std::vector<Event>>> make_batches(int round) {
  std::vector<std::vector<std::vector<Event>>> out(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    for (int b = 0; b < kBatchesPerThread; ++b) {
      std::vector<Event> batch;
      for (int i = 0; i < kBatchSize; ++i) {
        batch.push_back(make_test_event("Pod", "bench", "r" + std::to_string(round) + "t" +
                                                            std::to_string(t),
                                        static_cast<uint64_t>(b * kBatchSize + i + 1), kPayload));
      }
      out[t].push_back(std::move(batch));
    }
  }
  return out;
}

TEST(FileEventLogFigures, AppendAndSequentialReadRates) {
  TempDir dir;
  auto log = open_or_fail(dir.path(), FileLogOptions{});
  ASSERT_NE(log, nullptr);
  constexpr double kEvents = kThreads * kBatchesPerThread * kBatchSize;
  for (int in_flight : {1, 8}) {
    auto batches = make_batches(in_flight);
    GroupCommit::Stats before = log->commit_stats();
    double seconds = append_all(*log, batches, in_flight);
    GroupCommit::Stats after = log->commit_stats();
    uint64_t flushes = after.groups - before.groups;
    std::printf("[ figures  ] append: %.0f events/s (%.1f MiB/s of 1 KiB events), batches of %d "
                "from %d threads, %d in flight each: %.0f events in %.2f s, %llu fdatasyncs "
                "(%.1f batches each)\n",
                kEvents / seconds, kEvents * kPayload / seconds / (1 << 20), kBatchSize, kThreads,
                in_flight, kEvents, seconds, static_cast<unsigned long long>(flushes),
                static_cast<double>(after.appends - before.appends) / static_cast<double>(flushes));
  }
  log.reset();
  log = open_or_fail(dir.path(), FileLogOptions{});  // cold start: recovery included below
  auto t0 = Clock::now();
  Cursor cursor;
  std::size_t events = 0;
  while (true) {
    Result<ReadResult> r = log->read(cursor, ReadOptions{});
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    if (r->events.empty()) {
      break;
    }
    events += r->events.size();
    cursor = r->next;
  }
  double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  ASSERT_EQ(events, static_cast<std::size_t>(2 * kEvents));
  uint64_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() + "/segments")) {
    bytes += entry.path().extension() == ".log" ? entry.file_size() : 0;
  }
  std::printf("[ figures  ] sequential read (decoded events, max_events 4096): %.0f events/s, "
              "%.1f MiB/s of segment, %zu events (%.1f MiB) in %.2f s\n",
              events / seconds, bytes / seconds / (1 << 20), events, bytes / double(1 << 20),
              seconds);
}

}  // namespace
}  // namespace herd::events::file::testing
