#include "herd/server/api_status.hpp"

#include <gtest/gtest.h>

#include "herd/api/codec.hpp"

namespace herd::server {
namespace {

TEST(ApiStatus, CodesMapToKubernetesHttpStatuses) {
  EXPECT_EQ(http_code_for(StatusCode::kNotFound), 404);
  EXPECT_EQ(http_code_for(StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(http_code_for(StatusCode::kConflict), 409);
  EXPECT_EQ(http_code_for(StatusCode::kInvalidArgument), 422);
  EXPECT_EQ(http_code_for(StatusCode::kUnavailable), 503);
  EXPECT_EQ(http_code_for(StatusCode::kCorrupt), 500);
  EXPECT_EQ(http_code_for(StatusCode::kInternal), 500);
  EXPECT_EQ(reason_for(StatusCode::kNotFound), "NotFound");
  EXPECT_EQ(reason_for(StatusCode::kAlreadyExists), "AlreadyExists");
  EXPECT_EQ(reason_for(StatusCode::kConflict), "Conflict");
  EXPECT_EQ(reason_for(StatusCode::kInvalidArgument), "Invalid");
  EXPECT_EQ(reason_for(StatusCode::kUnavailable), "ServiceUnavailable");
  EXPECT_EQ(reason_for(StatusCode::kInternal), "InternalError");
}

TEST(ApiStatus, FailureBodyIsAKubernetesStatus) {
  HttpResponse r = failure_response(Status::already_exists("pods \"web\" already exists"));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.content_type, "application/json");
  Result<api::Value> body = api::parse_json_value(r.body);
  ASSERT_TRUE(body.ok()) << body.status().to_string();
  EXPECT_EQ(body->find("kind")->as_string(), "Status");
  EXPECT_EQ(body->find("apiVersion")->as_string(), "v1");
  EXPECT_EQ(body->find("status")->as_string(), "Failure");
  EXPECT_EQ(body->find("message")->as_string(), "pods \"web\" already exists");
  EXPECT_EQ(body->find("reason")->as_string(), "AlreadyExists");
  EXPECT_EQ(body->find("code")->as_int(), 409);
  EXPECT_EQ(body->find("details"), nullptr);
}

TEST(ApiStatus, CausesGoToDetails) {
  HttpResponse r = failure_response(422, "Invalid", "bad", {{"FieldValueInvalid", "must be >= 0", "spec.replicas"}});
  Result<api::Value> body = api::parse_json_value(r.body);
  ASSERT_TRUE(body.ok());
  const api::Value* causes = body->find("details")->find("causes");
  ASSERT_NE(causes, nullptr);
  ASSERT_EQ(causes->as_array().size(), 1u);
  EXPECT_EQ(causes->as_array()[0].find("field")->as_string(), "spec.replicas");
  EXPECT_EQ(causes->as_array()[0].find("message")->as_string(), "must be >= 0");
}

TEST(ApiStatus, MessagesWithBytesThatAreNotUtf8StayJson) {
  HttpResponse r = failure_response(404, "NotFound", "no resource /\xff\xfepi/v1 (\xc3\x28) \xe2\x82\xac");
  Result<api::Value> body = api::parse_json_value(r.body);
  ASSERT_TRUE(body.ok()) << body.status().to_string();
  EXPECT_EQ(body->find("message")->as_string(), "no resource /\xEF\xBF\xBD\xEF\xBF\xBDpi/v1 (\xEF\xBF\xBD() \xe2\x82\xac");
}

}  // namespace
}  // namespace herd::server
