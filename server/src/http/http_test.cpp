#include "herd/server/http.hpp"

#include <gtest/gtest.h>

namespace herd::server {
namespace {

TEST(HttpTarget, SplitsPathAndDecodesQuery) {
  HttpRequest r;
  r.target = "/debug/objects/Pod?propagationPolicy=Foreground&label+selector=app%3Dsise&flag";
  parse_target(r);
  EXPECT_EQ(r.path, "/debug/objects/Pod");
  ASSERT_EQ(r.query.size(), 3u);
  EXPECT_EQ(r.query_param("propagationPolicy"), "Foreground");
  EXPECT_EQ(r.query_param("label selector"), "app=sise");
  EXPECT_EQ(r.query_param("flag"), "");
  EXPECT_EQ(r.query_param("absent"), std::nullopt);
}

TEST(HttpTarget, LastRepeatedQueryParameterWins) {
  HttpRequest r;
  r.target = "/x?a=1&a=2";
  parse_target(r);
  EXPECT_EQ(r.query_param("a"), "2");
}

TEST(HttpPath, SplitsIntoDecodedSegmentsWithoutEmptyOnes) {
  EXPECT_EQ(split_path("/a/b%20c//d/"), (std::vector<std::string>{"a", "b c", "d"}));
  EXPECT_EQ(split_path(""), std::vector<std::string>{});
  EXPECT_EQ(split_path("Pod"), std::vector<std::string>{"Pod"});
}

TEST(HttpPath, PercentDecodingLeavesBadEscapesAlone) {
  EXPECT_EQ(percent_decode("a%2Fb%zz%4"), "a/b%zz%4");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
}

TEST(HttpRequestHeaders, LookupIgnoresCase) {
  HttpRequest r;
  r.headers = {{"content-type", "application/yaml"}};
  EXPECT_EQ(r.header("Content-Type"), "application/yaml");
  EXPECT_EQ(r.header("Accept"), "");
}

}  // namespace
}  // namespace herd::server
