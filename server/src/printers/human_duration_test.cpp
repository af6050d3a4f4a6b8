#include "printers/human_duration.hpp"

#include <gtest/gtest.h>

namespace herd::server::printers {
namespace {

constexpr int64_t kMs = 1'000'000;
constexpr int64_t kSecond = 1000 * kMs;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kYear = 365 * kDay;

struct Case {
  int64_t nanoseconds;
  const char* want;
};

// Kubernetes' TestHumanDuration and TestHumanDurationBoundaries, case for case.
TEST(HumanDuration, MatchesKubernetesCases) {
  const Case cases[] = {
      {kSecond, "1s"},
      {70 * kSecond, "70s"},
      {190 * kSecond, "3m10s"},
      {70 * kMinute, "70m"},
      {47 * kHour, "47h"},
      {49 * kHour, "2d1h"},
      {(8 * 24 + 2) * kHour, "8d"},
      {367 * kDay, "367d"},
      {(365 * 2 * 24 + 25) * kHour, "2y1d"},
      {(365 * 8 * 24 + 2) * kHour, "8y"},
  };
  for (const Case& c : cases) EXPECT_EQ(human_duration(c.nanoseconds), c.want) << c.nanoseconds;
}

TEST(HumanDuration, MatchesKubernetesBoundaries) {
  const Case cases[] = {
      {-2 * kSecond, "<invalid>"},
      {-2 * kSecond + 1, "0s"},
      {0, "0s"},
      {kSecond - kMs, "0s"},
      {2 * kMinute - kMs, "119s"},
      {2 * kMinute, "2m"},
      {2 * kMinute + kSecond, "2m1s"},
      {10 * kMinute - kMs, "9m59s"},
      {10 * kMinute, "10m"},
      {10 * kMinute + kSecond, "10m"},
      {3 * kHour - kMs, "179m"},
      {3 * kHour, "3h"},
      {3 * kHour + kMinute, "3h1m"},
      {8 * kHour - kMs, "7h59m"},
      {8 * kHour, "8h"},
      {8 * kHour + 59 * kMinute, "8h"},
      {2 * kDay - kMs, "47h"},
      {2 * kDay, "2d"},
      {2 * kDay + kHour, "2d1h"},
      {8 * kDay - kMs, "7d23h"},
      {8 * kDay, "8d"},
      {8 * kDay + 23 * kHour, "8d"},
      {2 * kYear - kMs, "729d"},
      {2 * kYear, "2y"},
      {2 * kYear + 23 * kHour, "2y"},
      {2 * kYear + 23 * kHour + 59 * kMinute, "2y"},
      {2 * kYear + kDay - kMs, "2y"},
      {2 * kYear + kDay, "2y1d"},
      {3 * kYear, "3y"},
      {4 * kYear, "4y"},
      {5 * kYear, "5y"},
      {6 * kYear, "6y"},
      {7 * kYear, "7y"},
      {8 * kYear - kMs, "7y364d"},
      {8 * kYear, "8y"},
      {8 * kYear + 364 * kDay, "8y"},
      {9 * kYear, "9y"},
  };
  for (const Case& c : cases) EXPECT_EQ(human_duration(c.nanoseconds), c.want) << c.nanoseconds;
}

TEST(HumanDuration, TimeSinceReadsRfc3339AndReportsUnsetTimes) {
  // 2026-01-01T00:00:00Z
  const int64_t now = 1'767'225'600 * kSecond;
  EXPECT_EQ(time_since("2025-12-31T23:57:30Z", now), "2m30s");
  EXPECT_EQ(time_since("2025-12-31T23:59:15.500Z", now), "44s");
  EXPECT_EQ(time_since("2025-12-26T00:00:00Z", now), "6d");
  EXPECT_EQ(time_since("2026-01-01T00:00:05Z", now), "<invalid>");
  EXPECT_EQ(time_since("", now), "<unknown>");
  EXPECT_EQ(time_since("yesterday", now), "<unknown>");
}

}  // namespace
}  // namespace herd::server::printers
