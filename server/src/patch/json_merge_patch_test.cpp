#include "patch/json_merge_patch.hpp"

#include <gtest/gtest.h>

#include "patch/patch_test_json.hpp"

namespace herd::server::patch {
namespace {

using testing::compact;
using testing::json;

std::string merged(std::string_view target, std::string_view patch) {
  return api::to_json(apply_merge_patch(json(target), json(patch)));
}

// Every row of RFC 7386 appendix A, in its order.
TEST(JsonMergePatchTest, Rfc7386AppendixA) {
  struct Case {
    const char* target;
    const char* patch;
    const char* result;
  };
  const Case cases[] = {
      {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
      {R"({"a":"b"})", R"({"a":null})", R"({})"},
      {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
      {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
      {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
      {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
      {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
      {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
      {R"({"a":"foo"})", "null", "null"},
      {R"({"a":"foo"})", R"("bar")", R"("bar")"},
      {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
      {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
      {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(merged(c.target, c.patch), compact(c.result)) << c.target << " + " << c.patch;
  }
}

// The worked example of RFC 7386 section 3.
TEST(JsonMergePatchTest, Rfc7386Section3Example) {
  EXPECT_EQ(merged(R"({"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},
                       "tags":["example","sample"],"content":"This will be unchanged"})",
                   R"({"title":"Hello!","phoneNumber":"+01-123-456-7890",
                       "author":{"familyName":null},"tags":["example"]})"),
            compact(R"({"title":"Hello!","author":{"givenName":"John"},"tags":["example"],
                        "content":"This will be unchanged","phoneNumber":"+01-123-456-7890"})"));
}

// What `kubectl scale deployment web --replicas=3` sends (and `kubectl patch
// --type merge`): only the replicas change, members keep their places.
TEST(JsonMergePatchTest, KubectlScaleChangesOnlyReplicas) {
  EXPECT_EQ(merged(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                       "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}}}})",
                   R"({"spec":{"replicas":3}})"),
            compact(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                        "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}}}})"));
}

TEST(JsonMergePatchTest, LabelsMergeAndNullRemovesOne) {
  EXPECT_EQ(merged(R"({"metadata":{"labels":{"app":"web","tier":"front"}}})",
                   R"({"metadata":{"labels":{"tier":null,"track":"canary"}}})"),
            compact(R"({"metadata":{"labels":{"app":"web","track":"canary"}}})"));
}

TEST(JsonMergePatchTest, ListsAreReplacedWhole) {
  EXPECT_EQ(merged(R"({"spec":{"containers":[{"name":"a","image":"x"},{"name":"b"}]}})",
                   R"({"spec":{"containers":[{"name":"a","image":"y"}]}})"),
            compact(R"({"spec":{"containers":[{"name":"a","image":"y"}]}})"));
}

}  // namespace
}  // namespace herd::server::patch
