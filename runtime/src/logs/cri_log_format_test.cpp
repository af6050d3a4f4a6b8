#include "logs/cri_log_format.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace herd::runtime::logs {
namespace {

using namespace std::chrono;

Clock::TimePoint at(sys_days day, nanoseconds since_midnight) {
  return time_point_cast<Clock::TimePoint::duration>(day + since_midnight);
}

TEST(CriTimestamp, FormatsUtcWithNineFractionDigits) {
  auto t =
      at(sys_days(year(2024) / 5 / 6), hours(7) + minutes(8) + seconds(9) + nanoseconds(123456789));
  EXPECT_EQ(format_cri_timestamp(t), "2024-05-06T07:08:09.123456789Z");
  EXPECT_EQ(format_cri_timestamp(at(sys_days(year(1999) / 12 / 31), hours(23))),
            "1999-12-31T23:00:00.000000000Z");
}

TEST(CriTimestamp, ParsesWhatGoWritesAndWhatItFormats) {
  auto t =
      at(sys_days(year(2024) / 5 / 6), hours(7) + minutes(8) + seconds(9) + nanoseconds(120000000));
  EXPECT_EQ(parse_cri_timestamp("2024-05-06T07:08:09.12Z"), t);  // Go's RFC3339Nano trims zeros
  EXPECT_EQ(parse_cri_timestamp("2024-05-06T07:08:09.120000000Z"), t);
  EXPECT_EQ(parse_cri_timestamp("2024-05-06T09:08:09.12+02:00"), t);
  EXPECT_EQ(parse_cri_timestamp("2024-05-06T06:38:09.12-00:30"), t);
  EXPECT_EQ(parse_cri_timestamp("2024-05-06T07:08:09Z"), t - nanoseconds(120000000));
  auto now = time_point_cast<nanoseconds>(system_clock::now());
  EXPECT_EQ(parse_cri_timestamp(format_cri_timestamp(now)), now);
}

TEST(CriTimestamp, RefusesWhatIsNotOne) {
  for (const char* bad :
       {"", "2024-05-06", "2024-05-06T07:08:09", "2024-05-06 07:08:09Z", "2024-13-06T07:08:09Z",
        "2024-02-30T07:08:09Z", "2024-05-06T07:08:09.Z", "2024-05-06T07:08:09.1234567890Z",
        "2024-05-06T07:08:09Zjunk", "2024-05-06T07:08:09+0200"}) {
    EXPECT_EQ(parse_cri_timestamp(bad), std::nullopt) << bad;
  }
}

TEST(CriRecord, RoundTrips) {
  auto t = at(sys_days(year(2024) / 5 / 6), hours(7));
  std::string out;
  append_cri_record(out, t, LogStream::kStderr, true, "half a line");
  append_cri_record(out, t, LogStream::kStdout, false, "");
  EXPECT_EQ(out,
            "2024-05-06T07:00:00.000000000Z stderr P half a line\n"
            "2024-05-06T07:00:00.000000000Z stdout F \n");
  auto record = parse_cri_record("2024-05-06T07:00:00.000000000Z stderr P half a line");
  ASSERT_TRUE(record.ok()) << record.status().to_string();
  EXPECT_EQ(record->time, t);
  EXPECT_EQ(record->timestamp, "2024-05-06T07:00:00.000000000Z");
  EXPECT_EQ(record->stream, LogStream::kStderr);
  EXPECT_TRUE(record->partial);
  EXPECT_EQ(record->content, "half a line");
}

TEST(CriRecord, ReadsTheKubeletsVariants) {
  auto tagged = parse_cri_record("2024-05-06T07:00:00Z stdout F:x  two spaces kept");
  ASSERT_TRUE(tagged.ok());
  EXPECT_FALSE(tagged->partial);
  EXPECT_EQ(tagged->content, " two spaces kept");
  auto empty = parse_cri_record("2024-05-06T07:00:00Z stdout F");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->content, "");
}

TEST(CriRecord, RefusesWhatIsNotOne) {
  EXPECT_EQ(parse_cri_record("plain text").status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(parse_cri_record("yesterday stdout F x").status().message(),
            "CRI log record with a bad timestamp \"yesterday\"");
  EXPECT_EQ(parse_cri_record("2024-05-06T07:00:00Z stdin F x").status().message(),
            "CRI log record with an unknown stream \"stdin\"");
  EXPECT_EQ(parse_cri_record("2024-05-06T07:00:00Z stdout X x").status().message(),
            "CRI log record with an unknown tag \"X\"");
}

}  // namespace
}  // namespace herd::runtime::logs
