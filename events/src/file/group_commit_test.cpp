#include "file/group_commit.hpp"

#include <gtest/gtest.h>

#include <future>

namespace herd::events::file {
namespace {

using namespace std::chrono_literals;

PendingAppend pending(int events, std::function<void(Result<std::vector<StoredEvent>>)> done) {
  PendingAppend p;
  for (int i = 0; i < events; ++i) {
    Event e;
    e.id = "e" + std::to_string(i);
    p.events.push_back(e);
    p.records += "0123456789";
    p.record_sizes.push_back(10);
  }
  p.done = std::move(done);
  return p;
}

TEST(GroupCommit, QueuedAppendsShareOneFlushAndGetConsecutiveOffsets) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::vector<std::size_t> flushed_records;
  int64_t next = 100;
  GroupCommit commit(
      "s",
      [&](std::string_view records, const std::vector<uint32_t>& sizes) -> Result<int64_t> {
        released.wait();  // the first flush blocks until everything else is queued
        EXPECT_EQ(records.size(), sizes.size() * 10);
        flushed_records.push_back(sizes.size());
        int64_t first = next;
        next += static_cast<int64_t>(sizes.size());
        return first;
      },
      1 << 20, 1 << 20);
  std::mutex mu;
  std::vector<std::pair<int, int64_t>> acks;  // (append index, first offset)
  for (int i = 0; i < 6; ++i) {
    commit.submit(pending(i + 1, [&, i](Result<std::vector<StoredEvent>> r) {
      ASSERT_TRUE(r.ok());
      ASSERT_EQ(r->size(), static_cast<std::size_t>(i + 1));
      for (std::size_t k = 0; k < r->size(); ++k) {
        EXPECT_EQ((*r)[k].offset, r->front().offset + static_cast<int64_t>(k));
        EXPECT_EQ((*r)[k].stream, "s");
        EXPECT_EQ((*r)[k].event.id, "e" + std::to_string(k));
      }
      std::lock_guard lock(mu);
      acks.emplace_back(i, r->front().offset);
    }));
    if (i == 0) {
      std::this_thread::sleep_for(50ms);  // let the writer take the first alone
    }
  }
  release.set_value();
  commit.stop();
  EXPECT_EQ(flushed_records, (std::vector<std::size_t>{1, 2 + 3 + 4 + 5 + 6}));
  EXPECT_EQ(commit.stats().groups, 2u);
  EXPECT_EQ(commit.stats().appends, 6u);
  ASSERT_EQ(acks.size(), 6u);
  int64_t expected = 100;
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(acks[i], std::make_pair(i, expected)) << "callbacks out of submit order";
    expected += i + 1;
  }
}

TEST(GroupCommit, FlushFailureFailsEveryAppendOfTheGroup) {
  GroupCommit commit(
      "", [](std::string_view, const std::vector<uint32_t>&) -> Result<int64_t> {
        return Status::unavailable("disk on fire");
      },
      1 << 20, 1 << 20);
  std::promise<Status> outcome;
  commit.submit(
      pending(2, [&](Result<std::vector<StoredEvent>> r) { outcome.set_value(r.status()); }));
  EXPECT_EQ(outcome.get_future().get(), Status::unavailable("disk on fire"));
}

TEST(GroupCommit, PreFailedAppendsAreAnsweredInTurnWithoutFlushing) {
  int flushes = 0;
  GroupCommit commit(
      "", [&](std::string_view, const std::vector<uint32_t>&) -> Result<int64_t> {
        ++flushes;
        return int64_t{0};
      },
      1 << 20, 1 << 20);
  PendingAppend bad = pending(0, nullptr);
  std::promise<Status> outcome;
  bad.error = Status::invalid_argument("too big");
  bad.done = [&](Result<std::vector<StoredEvent>> r) { outcome.set_value(r.status()); };
  commit.submit(std::move(bad));
  EXPECT_EQ(outcome.get_future().get().code(), StatusCode::kInvalidArgument);
  commit.stop();
  EXPECT_EQ(flushes, 0);
}

TEST(GroupCommit, AfterStopAppendsFailWithUnavailable) {
  GroupCommit commit(
      "",
      [](std::string_view, const std::vector<uint32_t>&) -> Result<int64_t> { return int64_t{0}; },
      1 << 20, 1 << 20);
  commit.stop();
  Status status;
  commit.submit(pending(1, [&](Result<std::vector<StoredEvent>> r) { status = r.status(); }));
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace herd::events::file
