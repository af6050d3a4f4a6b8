#include "node_runtime/back_off.hpp"

#include <gtest/gtest.h>

namespace herd::runtime {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(BackOffTest, DoublesFromInitialUpToMaxAsTheKubelet) {
  BackOff b(seconds(10), seconds(300), seconds(600));
  EXPECT_EQ(b.last(), milliseconds(0));
  std::vector<long> waits;
  for (int i = 0; i < 7; ++i) waits.push_back(std::chrono::duration_cast<seconds>(b.next(seconds(1))).count());
  EXPECT_EQ(waits, (std::vector<long>{10, 20, 40, 80, 160, 300, 300}));
}

TEST(BackOffTest, ALongRunStartsOver) {
  BackOff b(seconds(10), seconds(300), seconds(600));
  b.next(seconds(1));
  b.next(seconds(1));
  EXPECT_EQ(b.next(seconds(599)), seconds(40));
  EXPECT_EQ(b.next(seconds(600)), seconds(10));
}

TEST(BackOffTest, ResetForgetsTheTries) {
  BackOff b(seconds(1), seconds(60));
  b.next();
  b.next();
  b.reset();
  EXPECT_EQ(b.next(), seconds(1));
}

}  // namespace
}  // namespace herd::runtime
