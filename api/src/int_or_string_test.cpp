#include "herd/api/int_or_string.hpp"

#include <gtest/gtest.h>

namespace herd::api {
namespace {

TEST(IntOrString, ScalesPercentagesRoundingAsAsked) {
  EXPECT_EQ(IntOrString::from_string("25%").scaled_value(10, true).value(), 3);
  EXPECT_EQ(IntOrString::from_string("25%").scaled_value(10, false).value(), 2);
  EXPECT_EQ(IntOrString::from_int(4).scaled_value(10, true).value(), 4);
}

TEST(IntOrString, RejectsStringsThatAreNotPercentages) {
  EXPECT_FALSE(IntOrString::from_string("http").scaled_value(10, true).ok());
  EXPECT_FALSE(IntOrString::from_string("%").scaled_value(10, true).ok());
  EXPECT_FALSE(IntOrString::from_string("-5%").scaled_value(10, true).ok());
}

}  // namespace
}  // namespace herd::api
