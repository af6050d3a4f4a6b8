#include "history/line_diff.hpp"

#include <gtest/gtest.h>

namespace herd::cli {
namespace {

TEST(LineDiffTest, EqualTextsHaveNoHunks) {
  EXPECT_EQ(unified_diff("a\nb\n", "a\nb\n"), "");
  EXPECT_EQ(unified_diff("", ""), "");
}

TEST(LineDiffTest, OneChangedLineWithItsContext) {
  std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  EXPECT_EQ(unified_diff(before, after), "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST(LineDiffTest, DistantChangesMakeTwoHunksAndNearOnesOne) {
  std::string before;
  std::string after;
  for (int i = 1; i <= 20; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\n";
  }
  std::string diff = unified_diff(before, after);
  EXPECT_EQ(diff, "@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+x\n 19\n 20\n");
  EXPECT_EQ(unified_diff("a\nb\nc\n", "a\nc\n"), "@@ -1,3 +1,2 @@\n a\n-b\n c\n");
}

TEST(LineDiffTest, FromNothingAndToNothing) {
  EXPECT_EQ(unified_diff("", "a\nb\n"), "@@ -0,0 +1,2 @@\n+a\n+b\n");
  EXPECT_EQ(unified_diff("a\n", ""), "@@ -1,1 +0,0 @@\n-a\n");
}

}  // namespace
}  // namespace herd::cli
