#include "herd/base/status.hpp"

#include <gtest/gtest.h>

#include "herd/base/result.hpp"

namespace herd {
namespace {

TEST(Status, DefaultIsOkAndPrintsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.to_string(), "OK");
}

TEST(Status, FactoriesCarryCodeAndMessage) {
  Status s = Status::not_found("pod default/web");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.to_string(), "NotFound: pod default/web");
}

TEST(Status, WithContextPrefixesMessageAndKeepsOk) {
  EXPECT_EQ(Status::corrupt("bad crc").with_context("segment 3").message(), "segment 3: bad crc");
  EXPECT_TRUE(Status().with_context("anything").ok());
}

Status fails_when(bool fail) {
  if (fail) return Status::conflict("resourceVersion 3 != 4");
  return Status();
}

Status propagate(bool fail, int* reached) {
  HERD_RETURN_IF_ERROR(fails_when(fail));
  ++*reached;
  return Status();
}

TEST(Status, ReturnIfErrorStopsOnlyOnError) {
  int reached = 0;
  EXPECT_EQ(propagate(true, &reached).code(), StatusCode::kConflict);
  EXPECT_EQ(reached, 0);
  EXPECT_TRUE(propagate(false, &reached).ok());
  EXPECT_EQ(reached, 1);
}

Result<int> parse_positive(int x) {
  if (x <= 0) return Status::invalid_argument("not positive");
  return x;
}

Result<int> doubled(int x) {
  HERD_ASSIGN_OR_RETURN(int v, parse_positive(x));
  return v * 2;
}

TEST(Result, AssignOrReturnPropagatesValueAndError) {
  EXPECT_EQ(doubled(4).value(), 8);
  EXPECT_EQ(doubled(-1).status().code(), StatusCode::kInvalidArgument);
}

TEST(ResultDeathTest, ReadingFailedValueAborts) {
  Result<int> r = Status::internal("boom");
  EXPECT_DEATH((void)r.value(), "value\\(\\) of a failed Result");
}

}  // namespace
}  // namespace herd

namespace herd {
namespace {

TEST(CheckDeathTest, AbortsWithTheConditionWithOrWithoutAMessage) {
  EXPECT_DEATH(HERD_CHECK(1 + 1 == 3), "check failed: 1 \\+ 1 == 3");
  EXPECT_DEATH(HERD_CHECK(false) << "context " << 42, "context 42");
}

}  // namespace
}  // namespace herd
