#include "herd/server/http_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "server/testing/http_test_client.hpp"

namespace herd::server {
namespace {

using testing::HttpTestConnection;
using testing::http_request;

Router echo_router() {
  Router router;
  router.add("GET", "/healthz", [](const HttpRequest&) { return HttpResponse::text(200, "ok"); });
  router.add("POST", "/echo", [](const HttpRequest& r) {
    HttpResponse response = HttpResponse::text(200, r.method + " " + r.rest + " " + r.body);
    response.headers.emplace_back("X-Query", r.query_param("q").value_or("-"));
    return response;
  });
  return router;
}

std::unique_ptr<HttpServer> start(Router router, HttpServerOptions options = {}) {
  Result<std::unique_ptr<HttpServer>> server = HttpServer::start(options, std::move(router));
  EXPECT_TRUE(server.ok()) << server.status().to_string();
  return server.ok() ? std::move(*server) : nullptr;
}

TEST(HttpServer, PortZeroBindsAFreePortAndReportsIt) {
  std::unique_ptr<HttpServer> server = start(echo_router());
  ASSERT_NE(server, nullptr);
  EXPECT_GT(server->port(), 0);
  EXPECT_EQ(server->url(), "http://127.0.0.1:" + std::to_string(server->port()));
  Result<testing::HttpReply> reply = http_request(server->port(), "GET", "/healthz");
  ASSERT_TRUE(reply.ok()) << reply.status().to_string();
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, "ok");
  EXPECT_EQ(reply->headers["server"], "herd");
}

TEST(HttpServer, RefusesANonLoopbackAddress) {
  HttpServerOptions options;
  options.listen.host = "0.0.0.0";
  Result<std::unique_ptr<HttpServer>> server = HttpServer::start(options, echo_router());
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(server.status().message().find("loopback"), std::string::npos);
}

TEST(HttpServer, PortInUseIsUnavailable) {
  std::unique_ptr<HttpServer> first = start(echo_router());
  ASSERT_NE(first, nullptr);
  HttpServerOptions options;
  options.listen.port = first->port();
  Result<std::unique_ptr<HttpServer>> second = HttpServer::start(options, echo_router());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
}

TEST(HttpServer, KeepAliveServesSeveralRequestsOnOneConnection) {
  std::unique_ptr<HttpServer> server = start(echo_router());
  ASSERT_NE(server, nullptr);
  Result<std::unique_ptr<HttpTestConnection>> c = HttpTestConnection::open(server->port());
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  for (int i = 0; i < 3; ++i) {
    Result<testing::HttpReply> reply = (*c)->request("POST", "/echo/x?q=a%20b", "body" + std::to_string(i));
    ASSERT_TRUE(reply.ok()) << reply.status().to_string();
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body, "POST x body" + std::to_string(i));
    EXPECT_EQ(reply->headers["x-query"], "a b");
  }
}

TEST(HttpServer, RouterErrorsReachTheClient) {
  std::unique_ptr<HttpServer> server = start(echo_router());
  ASSERT_NE(server, nullptr);
  Result<testing::HttpReply> missing = http_request(server->port(), "GET", "/nowhere");
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->headers["content-type"], "application/json");
  Result<testing::HttpReply> wrong = http_request(server->port(), "DELETE", "/healthz");
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->headers["allow"], "GET");
}

TEST(HttpServer, BodyOverTheLimitIs413AndClosesTheConnection) {
  HttpServerOptions options;
  options.body_limit = 1024;
  std::unique_ptr<HttpServer> server = start(echo_router(), options);
  ASSERT_NE(server, nullptr);
  Result<std::unique_ptr<HttpTestConnection>> c = HttpTestConnection::open(server->port());
  ASSERT_TRUE(c.ok());
  Result<testing::HttpReply> reply = (*c)->request("POST", "/echo", std::string(4096, 'x'));
  ASSERT_TRUE(reply.ok()) << reply.status().to_string();
  EXPECT_EQ(reply->status, 413);
  EXPECT_NE(reply->body.find("RequestEntityTooLarge"), std::string::npos);
  EXPECT_TRUE((*c)->closed_by_peer(std::chrono::seconds(5)));
}

TEST(HttpServer, MalformedRequestIs400) {
  std::unique_ptr<HttpServer> server = start(echo_router());
  ASSERT_NE(server, nullptr);
  Result<std::unique_ptr<HttpTestConnection>> c = HttpTestConnection::open(server->port());
  ASSERT_TRUE(c.ok());
  Result<testing::HttpReply> reply = (*c)->raw("GET /healthz HTTP/1.1\r\nContent-Length: nope\r\n\r\n");
  ASSERT_TRUE(reply.ok()) << reply.status().to_string();
  EXPECT_EQ(reply->status, 400);
}

TEST(HttpServer, IdleConnectionIsClosedAfterTheReadTimeout) {
  HttpServerOptions options;
  options.read_timeout = std::chrono::milliseconds(200);
  std::unique_ptr<HttpServer> server = start(echo_router(), options);
  ASSERT_NE(server, nullptr);
  Result<std::unique_ptr<HttpTestConnection>> c = HttpTestConnection::open(server->port());
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE((*c)->closed_by_peer(std::chrono::seconds(10)));
}

TEST(HttpServer, ASlowHandlerDoesNotBlockOtherConnections) {
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  Router router = echo_router();
  router.add("GET", "/slow", [&](const HttpRequest&) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, std::chrono::seconds(10), [&] { return release; });
    return HttpResponse::text(200, "slow");
  });
  std::unique_ptr<HttpServer> server = start(std::move(router));
  ASSERT_NE(server, nullptr);
  Result<std::unique_ptr<HttpTestConnection>> slow = HttpTestConnection::open(server->port());
  ASSERT_TRUE(slow.ok());
  ASSERT_TRUE((*slow)->send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n").ok());
  Result<testing::HttpReply> health = http_request(server->port(), "GET", "/healthz");
  ASSERT_TRUE(health.ok()) << health.status().to_string();
  EXPECT_EQ(health->status, 200);
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  Result<testing::HttpReply> answer = (*slow)->read();
  ASSERT_TRUE(answer.ok()) << answer.status().to_string();
  EXPECT_EQ(answer->body, "slow");
}

TEST(HttpServer, StopWithAnOpenConnectionReturns) {
  std::unique_ptr<HttpServer> server = start(echo_router());
  ASSERT_NE(server, nullptr);
  Result<std::unique_ptr<HttpTestConnection>> c = HttpTestConnection::open(server->port());
  ASSERT_TRUE(c.ok());
  uint16_t port = server->port();
  server->stop();
  server->stop();  // idempotent
  EXPECT_TRUE((*c)->closed_by_peer(std::chrono::seconds(5)));
  EXPECT_FALSE(http_request(port, "GET", "/healthz", "", std::chrono::seconds(2)).ok());
}

TEST(ListenAddress, AcceptsLoopbackOnly) {
  Result<ListenAddress> a = parse_listen_address("127.0.0.1:8080");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 8080);
  ASSERT_TRUE(parse_listen_address("localhost:0").ok());
  EXPECT_EQ(parse_listen_address("localhost:0")->host, "127.0.0.1");
  EXPECT_TRUE(parse_listen_address("127.0.0.2:1").ok());
  for (const char* bad : {"0.0.0.0:8080", "10.1.2.3:80", "example.com:80", "[::1]:80", "127.0.0.1", "127.0.0.1:",
                          "127.0.0.1:65536", "127.0.0.1:http", ":8080"}) {
    Result<ListenAddress> r = parse_listen_address(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    }
  }
}

}  // namespace
}  // namespace herd::server
