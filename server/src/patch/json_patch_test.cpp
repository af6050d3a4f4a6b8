#include "patch/json_patch.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "patch/patch_test_json.hpp"

namespace herd::server::patch {
namespace {

using testing::compact;
using testing::json;

// The result of applying `ops` to `target`, as compact JSON.
std::string patched(std::string_view target, std::string_view ops) {
  Result<api::Value> result = apply_json_patch(json(target), json(ops));
  EXPECT_TRUE(result.ok()) << result.status().to_string();
  return result.ok() ? api::to_json(*result) : "";
}

// The error of applying `ops` to `target`; it must be kInvalidArgument.
std::string error(std::string_view target, std::string_view ops) {
  Result<api::Value> result = apply_json_patch(json(target), json(ops));
  EXPECT_FALSE(result.ok()) << "no error; result " << (result.ok() ? api::to_json(*result) : "");
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << result.status().to_string();
  return result.status().message();
}

// RFC 6902 appendix A, the examples that succeed (A.1-A.8, A.10, A.11, A.14,
// A.16). New object members are appended, so A.1's result lists baz last.
TEST(JsonPatchTest, Rfc6902AppendixExamples) {
  EXPECT_EQ(patched(R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux"}])"),
            compact(R"({"foo":"bar","baz":"qux"})"));
  EXPECT_EQ(patched(R"({"foo":["bar","baz"]})", R"([{"op":"add","path":"/foo/1","value":"qux"}])"),
            compact(R"({"foo":["bar","qux","baz"]})"));
  EXPECT_EQ(patched(R"({"baz":"qux","foo":"bar"})", R"([{"op":"remove","path":"/baz"}])"),
            compact(R"({"foo":"bar"})"));
  EXPECT_EQ(patched(R"({"foo":["bar","qux","baz"]})", R"([{"op":"remove","path":"/foo/1"}])"),
            compact(R"({"foo":["bar","baz"]})"));
  EXPECT_EQ(
      patched(R"({"baz":"qux","foo":"bar"})", R"([{"op":"replace","path":"/baz","value":"boo"}])"),
      compact(R"({"baz":"boo","foo":"bar"})"));
  EXPECT_EQ(patched(R"({"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}})",
                    R"([{"op":"move","from":"/foo/waldo","path":"/qux/thud"}])"),
            compact(R"({"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}})"));
  EXPECT_EQ(patched(R"({"foo":["all","grass","cows","eat"]})",
                    R"([{"op":"move","from":"/foo/1","path":"/foo/3"}])"),
            compact(R"({"foo":["all","cows","eat","grass"]})"));
  EXPECT_EQ(
      patched(
          R"({"baz":"qux","foo":["a",2,"c"]})",
          R"([{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}])"),
      compact(R"({"baz":"qux","foo":["a",2,"c"]})"));
  EXPECT_EQ(
      patched(R"({"foo":"bar"})", R"([{"op":"add","path":"/child","value":{"grandchild":{}}}])"),
      compact(R"({"foo":"bar","child":{"grandchild":{}}})"));
  EXPECT_EQ(patched(R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux","xyz":123}])"),
            compact(R"({"foo":"bar","baz":"qux"})"));
  EXPECT_EQ(patched(R"({"/":9,"~1":10})", R"([{"op":"test","path":"/~01","value":10}])"),
            compact(R"({"/":9,"~1":10})"));
  EXPECT_EQ(
      patched(R"({"foo":["bar"]})", R"([{"op":"add","path":"/foo/-","value":["abc","def"]}])"),
      compact(R"({"foo":["bar",["abc","def"]]})"));
}

// RFC 6902 A.9, A.12 and A.15; A.13's duplicate "op" never gets here, the
// JSON reader refuses duplicate keys.
TEST(JsonPatchTest, Rfc6902AppendixErrors) {
  EXPECT_EQ(error(R"({"baz":"qux"})", R"([{"op":"test","path":"/baz","value":"bar"}])"),
            R"(operation 0 (test /baz): test failed: the value is "qux", not "bar")");
  EXPECT_EQ(error(R"({"foo":"bar"})", R"([{"op":"add","path":"/baz/bat","value":"qux"}])"),
            "operation 0 (add /baz/bat): path does not exist");
  EXPECT_EQ(error(R"({"/":9,"~1":10})", R"([{"op":"test","path":"/~01","value":"10"}])"),
            R"(operation 0 (test /~01): test failed: the value is 10, not "10")");
  EXPECT_FALSE(
      api::parse_json_value(R"([{"op":"add","path":"/baz","value":"qux","op":"remove"}])").ok());
}

// `kubectl patch deployment web --type json -p '[...]'` on a Deployment.
TEST(JsonPatchTest, KubectlJsonPatchOnADeployment) {
  std::string_view deployment = R"({"spec":{"replicas":1,"template":{"spec":{"containers":[
      {"name":"web","image":"nginx:1.26","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}}})";
  EXPECT_EQ(patched(deployment, R"([{"op":"replace","path":"/spec/replicas","value":3},
                                    {"op":"remove","path":"/spec/template/spec/containers/0/env/0"},
                                    {"op":"add","path":"/spec/template/spec/containers/0/env/-",
                                     "value":{"name":"C","value":"3"}},
                                    {"op":"copy","from":"/spec/template/spec/containers/0/image",
                                     "path":"/spec/template/spec/containers/0/args"}])"),
            compact(R"({"spec":{"replicas":3,"template":{"spec":{"containers":[
      {"name":"web","image":"nginx:1.26","env":[{"name":"B","value":"2"},{"name":"C","value":"3"}],
       "args":"nginx:1.26"}]}}}})"));
  EXPECT_EQ(error(deployment, R"([{"op":"test","path":"/spec/replicas","value":1},
                                  {"op":"test","path":"/spec/paused","value":false},
                                  {"op":"replace","path":"/spec/replicas","value":3}])"),
            "operation 1 (test /spec/paused): path does not exist");
  EXPECT_EQ(error(R"({"spec":{}})", R"([{"op":"test","path":"","value":{"spec":{}}},
                                        {"op":"add","path":"/spec/selector","value":{}},
                                        {"op":"replace","path":"/spec/replicas","value":3}])"),
            "operation 2 (replace /spec/replicas): path does not exist");
}

TEST(JsonPatchTest, TestComparesNumbersByValueAndObjectsByMembers) {
  EXPECT_EQ(patched(R"({"a":1,"b":{"x":1,"y":[1,2]}})",
                    R"([{"op":"test","path":"/a","value":1.0},
                        {"op":"test","path":"/b","value":{"y":[1,2],"x":1}}])"),
            compact(R"({"a":1,"b":{"x":1,"y":[1,2]}})"));
  EXPECT_NE(
      error(R"({"b":[1,2]})", R"([{"op":"test","path":"/b","value":[2,1]}])").find("test failed"),
      std::string::npos);
}

TEST(JsonPatchTest, WholeDocumentAndEscapedNames) {
  EXPECT_EQ(patched(R"({"a":1})", R"([{"op":"replace","path":"","value":[1]}])"), "[1]");
  EXPECT_EQ(patched(R"({"a":1})", R"([{"op":"add","path":"","value":{"b":2}}])"),
            compact(R"({"b":2})"));
  EXPECT_EQ(
      patched(R"({"metadata":{"annotations":{"example.com/a~b":"x"}}})",
              R"([{"op":"replace","path":"/metadata/annotations/example.com~1a~0b","value":"y"}])"),
      compact(R"({"metadata":{"annotations":{"example.com/a~b":"y"}}})"));
  EXPECT_EQ(patched(R"({"":{"":1}})", R"([{"op":"replace","path":"//","value":2}])"),
            compact(R"({"":{"":2}})"));
}

TEST(JsonPatchTest, MalformedPatchesAreRefusedWithTheOperation) {
  EXPECT_EQ(error("{}", R"({"op":"add","path":"/a","value":1})"),
            "a JSON patch must be an array of operations, not object");
  EXPECT_EQ(error("{}", R"([1])"), "operation 0: must be an object, not integer");
  EXPECT_EQ(error("{}", R"([{"path":"/a"}])"), R"(operation 0: "op" must be a string)");
  EXPECT_EQ(error("{}", R"([{"op":"add","value":1}])"), R"(operation 0: "path" must be a string)");
  EXPECT_EQ(
      error("{}", R"([{"op":"merge","path":"/a"}])"),
      "operation 0 (merge /a): unknown operation (want add, remove, replace, move, copy or test)");
  EXPECT_EQ(error("{}", R"([{"op":"add","path":"/a"}])"),
            R"(operation 0 (add /a): missing "value")");
  EXPECT_EQ(error(R"({"a":1})", R"([{"op":"copy","path":"/b"}])"),
            R"(operation 0 (copy /b): missing "from")");
  EXPECT_EQ(error(R"({"a":1})", R"([{"op":"move","from":"/c","path":"/b"}])"),
            "operation 0 (move /b): from: path does not exist");
}

TEST(JsonPatchTest, BadPointersAndIndicesAreRefused) {
  std::string_view doc = R"({"a":[10,20,30],"s":"x"})";
  EXPECT_EQ(error(doc, R"([{"op":"remove","path":"a"}])"),
            R"(operation 0 (remove a): a JSON pointer must be empty or start with "/")");
  EXPECT_EQ(error(doc, R"([{"op":"remove","path":"/a~2"}])"),
            R"(operation 0 (remove /a~2): bad escape in "a~2": "~" must be followed by 0 or 1)");
  EXPECT_EQ(error(doc, R"([{"op":"remove","path":"/a/3"}])"),
            "operation 0 (remove /a/3): index 3 is out of range (the array has 3 elements)");
  EXPECT_EQ(error(doc, R"([{"op":"add","path":"/a/4","value":0}])"),
            "operation 0 (add /a/4): index 4 is out of range (the array has 3 elements)");
  EXPECT_EQ(error(doc, R"([{"op":"replace","path":"/a/01","value":0}])"),
            R"(operation 0 (replace /a/01): "01" is not an array index)");
  EXPECT_EQ(
      error(doc, R"([{"op":"replace","path":"/a/99999999999999999999999","value":0}])"),
      R"(operation 0 (replace /a/99999999999999999999999): "99999999999999999999999" is not an array index)");
  EXPECT_EQ(
      error(doc, R"([{"op":"remove","path":"/a/-"}])"),
      R"(operation 0 (remove /a/-): "-" names no element (it is the place after the last one))");
  EXPECT_EQ(error(doc, R"([{"op":"add","path":"/s/t","value":0}])"),
            "operation 0 (add /s/t): path does not exist (its parent is a string)");
  EXPECT_EQ(error(doc, R"([{"op":"remove","path":""}])"),
            "operation 0 (remove ): the whole document cannot be removed");
  EXPECT_EQ(
      error(doc, R"([{"op":"move","from":"/a","path":"/a/0"}])"),
      R"(operation 0 (move /a/0): "from" is a parent of "path": a value cannot move into itself)");
}

TEST(JsonPatchTest, AFailedOperationLeavesNoPartialResult) {
  // The target is taken by value: the caller's document is untouched either way.
  api::Value doc = json(R"({"a":1})");
  Result<api::Value> result = apply_json_patch(doc, json(R"([{"op":"replace","path":"/a","value":2},
                                                              {"op":"remove","path":"/b"}])"));
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(api::to_json(doc), compact(R"({"a":1})"));
}

}  // namespace
}  // namespace herd::server::patch
