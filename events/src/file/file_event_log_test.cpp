// FileEventLog: the shared conformance suite, then what is particular to the
// embedded log (locking, group commit, offsets, segments, compaction).

#include "file/file_event_log.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "events/testing/event_log_conformance.hpp"
#include "file/file_test_util.hpp"

namespace herd::events::file::testing {
namespace {

using events::testing::append_sync;
using events::testing::make_test_event;
using namespace std::chrono_literals;

events::testing::EventLogFactory file_log_factory() {
  auto dir = std::make_shared<std::unique_ptr<TempDir>>();
  // 8 KiB segments: the suite's compaction test then deletes real segments.
  return {
      .name = "File",
      .open_fresh =
          [dir]() -> std::unique_ptr<EventLog> {
            *dir = std::make_unique<TempDir>();
            return open_or_fail((*dir)->path(), small_options(8 * 1024));
          },
      .reopen_same = [dir]() -> std::unique_ptr<EventLog> {
        return open_or_fail((*dir)->path(), small_options(8 * 1024));
      },
      .cleanup = [dir] { dir->reset(); },
  };
}

}  // namespace
}  // namespace herd::events::file::testing

HERD_INSTANTIATE_EVENT_LOG_CONFORMANCE(File, ::herd::events::file::testing::file_log_factory());

namespace herd::events::file::testing {
namespace {

std::vector<Event> pods(int count, std::size_t payload = 100, int first_seq = 1) {
  std::vector<Event> out;
  for (int i = 0; i < count; ++i) {
    out.push_back(make_test_event("Pod", "default", "p" + std::to_string(i % 7),
                                  static_cast<uint64_t>(first_seq + i / 7), payload));
  }
  return out;
}

std::vector<StoredEvent> read_all(EventLog& log, const Cursor& from = {}) {
  std::vector<StoredEvent> out;
  Cursor cursor = from;
  while (true) {
    Result<ReadResult> r = log.read(cursor, ReadOptions{});
    EXPECT_TRUE(r.ok()) << r.status().to_string();
    if (!r.ok() || r->events.empty()) {
      return out;
    }
    out.insert(out.end(), r->events.begin(), r->events.end());
    cursor = r->next;
  }
}

TEST(FileEventLog, SecondOpenIsRefusedWhileTheFirstIsOpen) {
  TempDir dir;
  auto first = open_or_fail(dir.path(), FileLogOptions{});
  ASSERT_NE(first, nullptr);
  Result<std::unique_ptr<FileEventLog>> second = FileEventLog::open(dir.path(), FileLogOptions{});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(second.status().message(), "log " + dir.path() + " is in use by another process");
  first.reset();
  EXPECT_TRUE(FileEventLog::open(dir.path(), FileLogOptions{}).ok());
}

TEST(FileEventLog, CreatesMissingDirectories) {
  TempDir dir;
  std::string nested = dir.path() + "/a/b/log";
  auto log = open_or_fail(nested, FileLogOptions{});
  ASSERT_NE(log, nullptr);
  EXPECT_TRUE(std::filesystem::is_directory(nested + "/segments"));
  EXPECT_TRUE(std::filesystem::is_directory(nested + "/snapshots"));
}

TEST(FileEventLog, OffsetsAreGlobalConsecutiveAndInStreamEmpty) {
  TempDir dir;
  auto log = open_or_fail(dir.path(), small_options());
  int64_t expected = 0;
  for (int batch : {1, 5, 20, 3}) {
    auto r = append_sync(*log, pods(batch));
    ASSERT_TRUE(r.ok());
    for (const StoredEvent& s : *r) {
      EXPECT_EQ(s.stream, "");
      EXPECT_EQ(s.offset, expected++);
    }
  }
  EXPECT_EQ(log->end().value(), file_cursor(expected));
}

TEST(FileEventLog, ConcurrentAppendsShareFlushes) {
  TempDir dir;
  auto log = open_or_fail(dir.path(), FileLogOptions{});
  constexpr int kThreads = 8;
  constexpr int kAppends = 50;
  std::atomic<int> acked{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppends; ++i) {
        log->append({make_test_event("Pod", "t", std::to_string(t), i + 1, 200)},
                    [&](Result<std::vector<StoredEvent>> r) { acked += r.ok() ? 1 : 0; });
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  log.reset();  // drains the queue
  EXPECT_EQ(acked.load(), kThreads * kAppends);
  log = open_or_fail(dir.path(), FileLogOptions{});
  EXPECT_EQ(read_all(*log).size(), static_cast<std::size_t>(kThreads * kAppends));
}

TEST(FileEventLog, GroupCommitStatsShowSharedFdatasync) {
  TempDir dir;
  auto log = open_or_fail(dir.path(), FileLogOptions{});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        log->append({make_test_event("Pod", "g", std::to_string(t), i + 1, 50)},
                    [](Result<std::vector<StoredEvent>>) {});
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  ASSERT_TRUE(append_sync(*log, pods(1)).ok());  // after everything queued before it
  GroupCommit::Stats stats = log->commit_stats();
  EXPECT_EQ(stats.appends, 401u);
  EXPECT_LT(stats.groups, stats.appends) << "no two appends ever shared a flush";
  std::printf("[ figures  ] 401 appends from 4 threads took %llu flushes\n",
              static_cast<unsigned long long>(stats.groups));
}

TEST(FileEventLog, RollsSegmentsAndSeeksToEveryOffset) {
  TempDir dir;
  auto log = open_or_fail(dir.path(), small_options(4 * 1024));
  std::vector<Event> all;
  for (int b = 0; b < 30; ++b) {
    std::vector<Event> batch = pods(10, 150, b * 2 + 1);
    ASSERT_TRUE(append_sync(*log, batch).ok());
    all.insert(all.end(), batch.begin(), batch.end());
  }
  EXPECT_GE(log->segment_count(), 15u);
  for (int pass = 0; pass < 2; ++pass) {
    SCOPED_TRACE(pass == 0 ? "as written" : "after reopen");
    ReadOptions three;
    three.max_events = 3;
    for (int64_t k = 0; k < static_cast<int64_t>(all.size()); ++k) {
      Result<ReadResult> r = log->read(file_cursor(k), three);
      ASSERT_TRUE(r.ok()) << r.status().to_string();
      std::size_t want = std::min<std::size_t>(3, all.size() - k);
      ASSERT_EQ(r->events.size(), want) << "from " << k;
      for (std::size_t i = 0; i < want; ++i) {
        EXPECT_EQ(r->events[i].offset, k + static_cast<int64_t>(i));
        EXPECT_TRUE(r->events[i].event == all[k + i]) << "offset " << k + i;
      }
      EXPECT_EQ(r->next, file_cursor(k + static_cast<int64_t>(want)));
    }
    log.reset();
    log = open_or_fail(dir.path(), small_options(4 * 1024));
  }
}

TEST(FileEventLog, ReadReturnsAtMostMaxReadEventsPerCall) {
  TempDir dir;
  FileLogOptions options = small_options(64 * 1024);
  options.max_read_events = 40;
  auto log = open_or_fail(dir.path(), options);
  std::vector<Event> all = pods(100);
  ASSERT_TRUE(append_sync(*log, all).ok());
  std::vector<std::size_t> pages;
  Cursor cursor;
  while (true) {
    Result<ReadResult> r = log->read(cursor, ReadOptions{});  // asks for 4096
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    if (r->events.empty()) break;
    pages.push_back(r->events.size());
    cursor = r->next;
  }
  EXPECT_EQ(pages, (std::vector<std::size_t>{40, 40, 20}));
  ReadOptions fewer;
  fewer.max_events = 7;
  EXPECT_EQ(log->read({}, fewer).value().events.size(), 7u);  // a smaller ask still holds
  EXPECT_EQ(read_all(*log).size(), all.size());
  options.max_read_events = 0;
  log.reset();
  EXPECT_EQ(FileEventLog::open(dir.path(), options).status().code(), StatusCode::kInvalidArgument);
}

TEST(FileEventLog, CompactDeletesWholeSegmentsBeforeTheSnapshot) {
  TempDir dir;
  auto log = open_or_fail(dir.path(), small_options(4 * 1024));
  for (int b = 0; b < 20; ++b) {
    ASSERT_TRUE(append_sync(*log, pods(10, 150, b * 2 + 1)).ok());
  }
  const int64_t cut = 123;
  std::size_t before = log->segment_count();
  ASSERT_TRUE(log->write_snapshot(Snapshot{file_cursor(cut), {"{}"}}).ok());
  ASSERT_TRUE(log->compact().ok());
  EXPECT_LT(log->segment_count(), before);
  int64_t first = log->first_offset();
  EXPECT_GT(first, 0);
  EXPECT_LE(first, cut) << "a segment holding events after the snapshot was deleted";
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() + "/segments")) {
    files += entry.path().extension() == ".log" ? 1 : 0;
  }
  EXPECT_EQ(files, log->segment_count());
  EXPECT_FALSE(std::filesystem::exists(segment_path(dir.path(), 0)));

  std::vector<StoredEvent> rest = read_all(*log);  // from the beginning: the first retained
  ASSERT_FALSE(rest.empty());
  EXPECT_EQ(rest.front().offset, first);
  EXPECT_EQ(rest.back().offset, 199);
  log.reset();
  log = open_or_fail(dir.path(), small_options(4 * 1024));
  EXPECT_EQ(log->first_offset(), first);
  EXPECT_EQ(read_all(*log, file_cursor(cut)).size(), 200u - cut);
  auto more = append_sync(*log, pods(1));
  ASSERT_TRUE(more.ok());
  EXPECT_EQ(more->front().offset, 200);
}

TEST(FileEventLog, DamagedLatestSnapshotFallsBackToThePreviousOne) {
  TempDir dir;
  auto log = open_or_fail(dir.path(), small_options());
  ASSERT_TRUE(append_sync(*log, pods(10)).ok());
  ASSERT_TRUE(log->write_snapshot(Snapshot{file_cursor(4), {"{\"a\":1}"}}).ok());
  ASSERT_TRUE(log->write_snapshot(Snapshot{file_cursor(9), {"{\"b\":2}"}}).ok());
  std::string newest = dir.path() + "/snapshots/00000000000000000009.snap";
  std::string bytes = read_file(newest);
  bytes[bytes.size() / 2] ^= 0x01;
  write_file(newest, bytes);
  auto latest = log->latest_snapshot();
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ(latest->value().cursor, file_cursor(4));
  EXPECT_EQ(latest->value().objects, std::vector<std::string>{"{\"a\":1}"});
}

TEST(FileEventLog, RejectsBadCursorsAndOptions) {
  TempDir dir;
  auto log = open_or_fail(dir.path(), small_options());
  ASSERT_TRUE(append_sync(*log, pods(3)).ok());
  EXPECT_EQ(log->read(file_cursor(4), {}).status().code(), StatusCode::kInvalidArgument);
  Cursor kafka_like;
  kafka_like.next["herd.events.Pod/0"] = 1;
  EXPECT_EQ(log->read(kafka_like, {}).status().code(), StatusCode::kInvalidArgument);
  ReadOptions none;
  none.max_events = 0;
  EXPECT_EQ(log->read({}, none).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(log->write_snapshot(Snapshot{file_cursor(9), {}}).code(), StatusCode::kInvalidArgument);
  FileLogOptions no_segments;
  no_segments.segment_bytes = 0;
  EXPECT_EQ(FileEventLog::open(dir.path() + "x", no_segments).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(FileEventLog, OversizedAppendIsRefusedAndWritesNothing) {
  TempDir dir;
  FileLogOptions options = small_options();
  options.max_group_bytes = 64 * 1024;
  auto log = open_or_fail(dir.path(), options);
  ASSERT_TRUE(append_sync(*log, pods(2)).ok());
  auto big = append_sync(*log, {make_test_event("Pod", "x", "big", 1, 100 * 1024)});
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(log->end().value(), file_cursor(2));
  auto after = append_sync(*log, pods(1));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->front().offset, 2);
  EXPECT_TRUE(append_sync(*log, {}).ok()) << "an empty append is acknowledged with nothing";
}

TEST(FileEventLog, ReadWithKindWaitsForThatKindOnly) {
  TempDir dir;
  auto log = open_or_fail(dir.path(), small_options());
  ReadOptions options;
  options.kind = "Pod";
  options.wait = 5s;
  auto t0 = std::chrono::steady_clock::now();
  auto follower = std::async(std::launch::async, [&] { return log->read({}, options); });
  std::this_thread::sleep_for(100ms);
  ASSERT_TRUE(append_sync(*log, {make_test_event("Node", "", "n1", 1, 10)}).ok());
  std::this_thread::sleep_for(200ms);
  ASSERT_EQ(follower.wait_for(0ms), std::future_status::timeout) << "woke for another kind";
  ASSERT_TRUE(append_sync(*log, {make_test_event("Pod", "d", "p", 1, 10)}).ok());
  Result<ReadResult> r = follower.get();
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->events.size(), 1u);
  EXPECT_EQ(r->events[0].event.kind, "Pod");
  EXPECT_EQ(r->events[0].offset, 1);
  EXPECT_EQ(r->next, file_cursor(2));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 4s);
}

TEST(FileEventLog, CallbackMayAppendAgain) {
  TempDir dir;
  FileLogOptions options = small_options();
  options.max_group_bytes = options.max_queued_bytes = 4096;  // a full queue must not deadlock
  auto log = open_or_fail(dir.path(), options);
  std::promise<int64_t> second;
  log->append(pods(1, 3000), [&](Result<std::vector<StoredEvent>> r) {
    ASSERT_TRUE(r.ok());
    log->append(pods(1, 3000), [&](Result<std::vector<StoredEvent>> r2) {
      second.set_value(r2.ok() ? r2->front().offset : -1);
    });
  });
  auto future = second.get_future();
  ASSERT_EQ(future.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(future.get(), 1);
}

}  // namespace
}  // namespace herd::events::file::testing
