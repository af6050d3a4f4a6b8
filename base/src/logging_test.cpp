#include "herd/base/logging.hpp"

#include <gtest/gtest.h>

namespace herd {
namespace {

TEST(Logging, ParsesLevelNames) {
  LogLevel level = LogLevel::kInfo;
  EXPECT_TRUE(parse_log_level("debug", &level));
  EXPECT_EQ(level, LogLevel::kDebug);
  EXPECT_TRUE(parse_log_level("error", &level));
  EXPECT_EQ(level, LogLevel::kError);
  EXPECT_FALSE(parse_log_level("verbose", &level));
}

TEST(Logging, FilteredLinesAreNotEvaluated) {
  set_min_log_level(LogLevel::kWarning);
  int evaluated = 0;
  auto count = [&] { return ++evaluated; };
  HERD_LOG(kDebug, "test") << count();
  EXPECT_EQ(evaluated, 0);
  testing::internal::CaptureStderr();
  HERD_LOG(kError, "test") << "value " << count();
  std::string out = testing::internal::GetCapturedStderr();
  EXPECT_EQ(evaluated, 1);
  EXPECT_NE(out.find("ERROR test: value 1"), std::string::npos) << out;
  set_min_log_level(LogLevel::kInfo);
}

}  // namespace
}  // namespace herd
