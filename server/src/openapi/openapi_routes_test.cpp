#include "herd/server/openapi_routes.hpp"

#include <gtest/gtest.h>

#include "herd/api/codec.hpp"
#include "herd/server/http_server.hpp"
#include "openapi/openapi_documents.hpp"
#include "server/testing/http_test_client.hpp"

namespace herd::server {
namespace {

using testing::HttpReply;
using testing::HttpTestConnection;

class OpenApiRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Router router;
    add_openapi_routes(router);
    Result<std::unique_ptr<HttpServer>> started = HttpServer::start({}, std::move(router));
    ASSERT_TRUE(started.ok()) << started.status().to_string();
    server_ = std::move(*started);
  }

  HttpReply get(const std::string& target, const std::string& headers = "") {
    Result<std::unique_ptr<HttpTestConnection>> connection = HttpTestConnection::open(server_->port());
    EXPECT_TRUE(connection.ok()) << connection.status().to_string();
    if (!connection.ok()) return {};
    Result<HttpReply> reply = (*connection)->request("GET", target, "", headers);
    EXPECT_TRUE(reply.ok()) << reply.status().to_string();
    return reply.ok() ? *reply : HttpReply{};
  }

  const openapi::OpenApiDocument& apps() const { return *openapi::openapi_documents().find("apis/apps/v1"); }

  std::unique_ptr<HttpServer> server_;
};

TEST_F(OpenApiRoutesTest, RootListsTheDocumentsAndIsRevalidated) {
  HttpReply reply = get("/openapi/v3");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers["content-type"], "application/json");
  EXPECT_EQ(reply.headers["cache-control"], "no-cache, private");
  EXPECT_EQ(reply.headers["etag"], "\"" + openapi::openapi_documents().root.hash + "\"");
  Result<api::Value> root = api::parse_json_value(reply.body);
  ASSERT_TRUE(root.ok()) << root.status().to_string();
  const api::Value* url = root->find("paths")->find("apis/apps/v1")->find("serverRelativeURL");
  ASSERT_NE(url, nullptr);
  EXPECT_EQ(url->as_string(), "/openapi/v3/apis/apps/v1?hash=" + apps().hash);
}

TEST_F(OpenApiRoutesTest, DocumentWithItsHashIsImmutable) {
  HttpReply reply = get("/openapi/v3/apis/apps/v1?hash=" + apps().hash, "Accept: application/json\r\n");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, apps().json);
  EXPECT_EQ(reply.headers["etag"], "\"" + apps().hash + "\"");
  EXPECT_EQ(reply.headers["cache-control"], "public, immutable");
  EXPECT_FALSE(reply.headers["expires"].empty());
}

TEST_F(OpenApiRoutesTest, DocumentWithoutAHashIsRevalidated) {
  HttpReply reply = get("/openapi/v3/apis/networking.k8s.io/v1");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, openapi::openapi_documents().find("apis/networking.k8s.io/v1")->json);
  EXPECT_EQ(reply.headers["cache-control"], "no-cache, private");
}

TEST_F(OpenApiRoutesTest, AStaleHashRedirectsToTheCurrentOne) {
  HttpReply reply = get("/openapi/v3/apis/apps/v1?hash=0BSOLETE");
  EXPECT_EQ(reply.status, 301);
  EXPECT_EQ(reply.headers["location"], "/openapi/v3/apis/apps/v1?hash=" + apps().hash);
}

TEST_F(OpenApiRoutesTest, UnknownPathsAndVersion2AreNotFound) {
  for (const char* target : {"/openapi/v3/apis/apps/v2", "/openapi/v3/apis", "/openapi/v2"}) {
    HttpReply reply = get(target);
    EXPECT_EQ(reply.status, 404) << target;
    Result<api::Value> status = api::parse_json_value(reply.body);
    ASSERT_TRUE(status.ok()) << target;
    EXPECT_EQ(status->find("kind")->as_string(), "Status");
    EXPECT_EQ(status->find("reason")->as_string(), "NotFound");
  }
}

TEST_F(OpenApiRoutesTest, ProtobufOnlyIsNotAcceptable) {
  HttpReply reply = get("/openapi/v3/api/v1", "Accept: application/com.github.proto-openapi.spec.v3.v1.0+protobuf\r\n");
  EXPECT_EQ(reply.status, 406);
}

// 304 carries no Content-Length, which the test client needs, so this one
// goes through the Router directly.
TEST(OpenApiRoutes, AMatchingIfNoneMatchIsNotModified) {
  Router router;
  add_openapi_routes(router);
  HttpRequest request;
  request.method = "GET";
  request.target = "/openapi/v3/api/v1";
  parse_target(request);
  request.headers.emplace_back("if-none-match", "\"" + openapi::openapi_documents().find("api/v1")->hash + "\"");
  HttpResponse response = router.dispatch(request);
  EXPECT_EQ(response.status, 304);
  EXPECT_TRUE(response.body.empty());
}

}  // namespace
}  // namespace herd::server
