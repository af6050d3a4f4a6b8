#include "job/batch_time.hpp"

#include <gtest/gtest.h>

#include "actors/testing/store_builders.hpp"

namespace herd::actors {
namespace {

using herd::actors::testing::at;
using std::chrono::milliseconds;

TEST(BatchTime, WritesWholeSecondsAsKubernetesDoes) {
  EXPECT_EQ(batch_time_text(at(1772359200)), "2026-03-01T10:00:00Z");
  EXPECT_EQ(batch_time_text(at(1772359200) + milliseconds(999)), "2026-03-01T10:00:00Z");  // dropped, not rounded
}

TEST(BatchTime, ReadsRfc3339AndRejectsTheRest) {
  EXPECT_EQ(batch_time_point("2026-03-01T10:00:00Z"), at(1772359200));
  EXPECT_EQ(batch_time_point("2026-03-01T10:00:00.25Z"), at(1772359200) + milliseconds(250));
  EXPECT_EQ(batch_time_point(""), std::nullopt);
  EXPECT_EQ(batch_time_point("yesterday"), std::nullopt);
}

TEST(BatchTime, DelayRoundsUpSoATimerNeverFiresEarly) {
  EXPECT_EQ(batch_delay_until(at(10), at(4)), milliseconds(6000));
  EXPECT_EQ(batch_delay_until(at(10), at(10) - std::chrono::microseconds(1)), milliseconds(1));
  EXPECT_EQ(batch_delay_until(at(10), at(11)), milliseconds(0));
}

}  // namespace
}  // namespace herd::actors
