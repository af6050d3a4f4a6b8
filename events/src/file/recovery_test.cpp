// Recovery of the embedded log on open: torn tails are cut, damage followed
// by valid data is reported, and reads never return a corrupt record.

#include <gtest/gtest.h>

#include <filesystem>

#include "events/testing/event_log_conformance.hpp"
#include "file/file_event_log.hpp"
#include "file/file_test_util.hpp"
#include "file/record_format.hpp"

namespace herd::events::file::testing {
namespace {

using events::testing::append_sync;
using events::testing::make_test_event;

std::vector<Event> events_for_test(int count, std::size_t payload = 120) {
  std::vector<Event> out;
  for (int i = 0; i < count; ++i) {
    out.push_back(make_test_event("Pod", "r", "p", static_cast<uint64_t>(i + 1), payload));
  }
  return out;
}

// Byte positions where each record of `bytes` starts.
std::vector<std::size_t> record_starts(const std::string& bytes) {
  std::vector<std::size_t> out;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    DecodedRecord r = decode_record(std::string_view(bytes).substr(pos));
    if (r.status != RecordStatus::kOk) {
      break;
    }
    out.push_back(pos);
    pos += r.record_size;
  }
  return out;
}

class Recovery : public ::testing::Test {
 protected:
  // Writes `events` to a new log, `per_append` at a time, and closes it.
  // One append never spans two segments, so the default is one segment.
  void write(const std::vector<Event>& events, const FileLogOptions& options = FileLogOptions{},
             std::size_t per_append = SIZE_MAX) {
    auto log = open_or_fail(dir_.path(), options);
    ASSERT_NE(log, nullptr);
    for (std::size_t i = 0; i < events.size(); i += per_append) {
      std::size_t n = std::min(per_append, events.size() - i);
      ASSERT_TRUE(append_sync(*log, {events.begin() + i, events.begin() + i + n}).ok());
    }
  }
  std::string segment() const { return segment_path(dir_.path(), 0); }

  // Opens the log and expects exactly `want` back.
  void expect_exactly(const std::vector<Event>& want, const FileLogOptions& options = {}) {
    auto log = open_or_fail(dir_.path(), options);
    ASSERT_NE(log, nullptr);
    Result<ReadResult> r = log->read({}, ReadOptions{});
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    ASSERT_EQ(r->events.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      EXPECT_TRUE(r->events[i].event == want[i]) << "event " << i;
    }
    EXPECT_EQ(log->end().value(), file_cursor(static_cast<int64_t>(want.size())));
  }

  TempDir dir_;
};

TEST_F(Recovery, CutAtEveryByteOfTheLastRecordKeepsExactlyTheRecordsBeforeIt) {
  std::vector<Event> events = events_for_test(5);
  write(events);
  const std::string whole = read_file(segment());
  std::vector<std::size_t> starts = record_starts(whole);
  ASSERT_EQ(starts.size(), 5u);
  std::vector<Event> first_four(events.begin(), events.begin() + 4);
  for (std::size_t cut = starts[4]; cut < whole.size(); ++cut) {
    SCOPED_TRACE("cut at byte " + std::to_string(cut));
    write_file(segment(), whole.substr(0, cut));
    std::filesystem::remove(segment_path(dir_.path(), 0, ".idx"));
    expect_exactly(first_four);
    if (HasFatalFailure()) {
      return;
    }
    EXPECT_EQ(std::filesystem::file_size(segment()), starts[4]) << "torn tail not truncated";
  }
}

TEST_F(Recovery, AppendingAfterATornTailContinuesAtTheNextOffset) {
  std::vector<Event> events = events_for_test(3);
  write(events);
  std::string whole = read_file(segment());
  write_file(segment(), whole.substr(0, whole.size() - 10));
  auto log = open_or_fail(dir_.path(), FileLogOptions{});
  auto r = append_sync(*log, events_for_test(1));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->front().offset, 2);
}

TEST_F(Recovery, AnyDamagedByteOfAMiddleRecordFailsOpenWithCorrupt) {
  std::vector<Event> events = events_for_test(5);
  write(events);
  const std::string whole = read_file(segment());
  std::vector<std::size_t> starts = record_starts(whole);
  for (std::size_t i = starts[2]; i < starts[3]; ++i) {
    std::string damaged = whole;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
    write_file(segment(), damaged);
    Result<std::unique_ptr<FileEventLog>> log = FileEventLog::open(dir_.path(), FileLogOptions{});
    ASSERT_FALSE(log.ok()) << "damage at byte " << i << " went unnoticed";
    EXPECT_EQ(log.status().code(), StatusCode::kCorrupt);
    EXPECT_NE(log.status().message().find(segment()), std::string::npos)
        << log.status().message();
    EXPECT_NE(log.status().message().find("byte " + std::to_string(starts[2])), std::string::npos)
        << log.status().message();
  }
  write_file(segment(), whole);  // repaired: opens again, a failed open changed nothing
  expect_exactly(events);
}

TEST_F(Recovery, DamageInTheLastRecordIsCutAsATornTail) {
  std::vector<Event> events = events_for_test(4);
  write(events);
  std::string bytes = read_file(segment());
  std::vector<std::size_t> starts = record_starts(bytes);
  bytes[starts[3] + 40] ^= 0x01;
  write_file(segment(), bytes);
  expect_exactly({events.begin(), events.begin() + 3});
}

TEST_F(Recovery, GarbageAfterTheLastRecordIsCut) {
  std::vector<Event> events = events_for_test(2);
  write(events);
  std::string bytes = read_file(segment());
  write_file(segment(), bytes + "\x07garbage that is no record at all, of any length\xff\xfe");
  expect_exactly(events);
  write_file(segment(), bytes + std::string(5000, '\0'));  // a zero-filled extension
  expect_exactly(events);
}

TEST_F(Recovery, ZeroHoleWithinTheLastWriteIsATornTailButFurtherBackIsCorrupt) {
  FileLogOptions options;
  options.max_group_bytes = 16 * 1024;  // the torn window
  std::vector<Event> events = events_for_test(3);
  write(events, options);
  std::string clean = read_file(segment());
  std::string one_record;
  append_record(one_record, "{\"unacknowledged\":true}");
  // A power cut in the middle of the last write: a page never written.
  write_file(segment(), clean + std::string(4096, '\0') + one_record);
  expect_exactly(events, options);
  // The same hole with 20 KiB of valid records after it cannot come from
  // the last write (at most 16 KiB): that is damage, not a torn tail.
  std::string many;
  while (many.size() < 20 * 1024) {
    append_record(many, "{\"unacknowledged\":true}");
  }
  write_file(segment(), clean + std::string(4096, '\0') + many);
  Result<std::unique_ptr<FileEventLog>> log = FileEventLog::open(dir_.path(), options);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), StatusCode::kCorrupt);
}

TEST_F(Recovery, DamagedSealedSegmentIsReportedByOpenOrRead) {
  FileLogOptions options = small_options(2048);
  std::vector<Event> events = events_for_test(60, 200);
  write(events, options, 3);
  std::size_t segments = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path() + "/segments")) {
    segments += entry.path().extension() == ".log" ? 1 : 0;
  }
  ASSERT_GE(segments, 3u) << "did not roll";
  const std::string first = segment_path(dir_.path(), 0);
  const std::string whole = read_file(first);
  std::vector<std::size_t> starts = record_starts(whole);
  ASSERT_GE(starts.size(), 3u);
  // A flip early in a sealed segment (before its last index entry) is not
  // scanned at open; the read that reaches it fails instead.
  std::string damaged = whole;
  damaged[starts[1] + 20] ^= 0x01;
  write_file(first, damaged);
  {
    auto log = open_or_fail(dir_.path(), options);
    ASSERT_NE(log, nullptr);
    Result<ReadResult> r = log->read({}, ReadOptions{});
    ASSERT_FALSE(r.ok()) << "a corrupt record was returned";
    EXPECT_EQ(r.status().code(), StatusCode::kCorrupt);
    EXPECT_NE(r.status().message().find(first), std::string::npos) << r.status().message();
    ReadOptions one;
    one.max_events = 1;
    Result<ReadResult> before = log->read({}, one);
    ASSERT_TRUE(before.ok()) << "records before the damage stay readable";
    EXPECT_EQ(before->events.size(), 1u);
  }
  // A sealed segment cut short no longer holds the offsets up to the next.
  write_file(first, whole.substr(0, starts.back()));
  Result<std::unique_ptr<FileEventLog>> log = FileEventLog::open(dir_.path(), options);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(log.status().message().find(first), std::string::npos) << log.status().message();
}

TEST_F(Recovery, RecoveringTwiceChangesNothingMore) {
  std::vector<Event> events = events_for_test(6);
  write(events);
  std::string bytes = read_file(segment());
  write_file(segment(), bytes.substr(0, bytes.size() - 3));
  std::vector<Event> five(events.begin(), events.begin() + 5);
  expect_exactly(five);
  std::string after_first = read_file(segment());
  expect_exactly(five);
  EXPECT_EQ(read_file(segment()), after_first);
}

}  // namespace
}  // namespace herd::events::file::testing
