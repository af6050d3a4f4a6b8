#include "base/testing/fake_clock.hpp"

#include <gtest/gtest.h>

namespace herd {
namespace {

TEST(FakeClock, MovesOnlyWhenTold) {
  testing::FakeClock clock;
  const Clock& c = clock;
  auto start = c.now();
  EXPECT_EQ(c.now(), start);
  clock.advance(std::chrono::seconds(90));
  EXPECT_EQ(c.now() - start, std::chrono::seconds(90));
}

}  // namespace
}  // namespace herd
