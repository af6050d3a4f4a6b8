#pragma once

// What the KubeApi tests share: a control plane over a log of the test's
// choice, the KubeApi and a real HttpServer in front, an independent HTTP
// client, and small JSON helpers. Tests only.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "actors/testing/control_plane_fixture.hpp"
#include "herd/api/codec.hpp"
#include "herd/server/http_server.hpp"
#include "herd/server/kube_api.hpp"
#include "server/testing/http_test_client.hpp"

namespace herd::server::kube_testing {

using server::testing::HttpReply;
using server::testing::HttpTestConnection;

inline constexpr const char* kConfigMaps = "/api/v1/namespaces/default/configmaps";

inline std::string config_map(const std::string& name, const std::string& labels = "{}", const std::string& extra = "") {
  return R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":")" + name + R"(","labels":)" + labels +
         R"(},"data":{"mode":"test"})" + extra + "}";
}

inline api::Value json(const std::string& text) {
  Result<api::Value> v = api::parse_json_value(text);
  EXPECT_TRUE(v.ok()) << v.status().to_string() << "\n" << text;
  return v.ok() ? *v : api::Value();
}

inline std::string field(const api::Value& v, std::initializer_list<const char*> path) {
  const api::Value* at = &v;
  for (const char* key : path) {
    at = at->find(key);
    if (at == nullptr) return "<absent>";
  }
  return at->is_string() ? at->as_string() : at->scalar_text();
}

// A control plane over `log`, the KubeApi and a real HttpServer in front.
class KubeApiHarness : public actors::testing::ControlPlaneFixture {
 protected:
  void start_api(events::EventLog& log) {
    start(log);
    KubeApiOptions api_options;
    api_options.herd_version = "9.8.7";
    api_options.watch_window = 50;
    api_options.bookmark_interval = std::chrono::milliseconds(100);
    api_options.watch_buffer_bytes = 64 * 1024;
    Result<std::unique_ptr<KubeApi>> kube = KubeApi::start(log, plane(), api_options);
    ASSERT_TRUE(kube.ok()) << kube.status().to_string();
    kube_ = std::move(*kube);
    Router router;
    kube_->add_routes(router);
    Result<std::unique_ptr<HttpServer>> server = HttpServer::start(HttpServerOptions{}, std::move(router));
    ASSERT_TRUE(server.ok()) << server.status().to_string();
    server_ = std::move(*server);
  }

  void TearDown() override { stop_all(); }

  HttpReply call(const std::string& method, const std::string& target, const std::string& body = "",
                 const std::string& headers = "") {
    Result<std::unique_ptr<HttpTestConnection>> c = HttpTestConnection::open(server_->port());
    EXPECT_TRUE(c.ok());
    if (!c.ok()) return {};
    Result<HttpReply> reply = (*c)->request(method, target, body, headers + "Content-Type: application/json\r\n");
    EXPECT_TRUE(reply.ok()) << reply.status().to_string();
    return reply.ok() ? *reply : HttpReply{};
  }

  // Starts a watch and returns the connection its events arrive on.
  std::unique_ptr<HttpTestConnection> watch(const std::string& target) {
    Result<std::unique_ptr<HttpTestConnection>> c = HttpTestConnection::open(server_->port());
    EXPECT_TRUE(c.ok());
    Result<HttpReply> head = (*c)->request("GET", target);
    EXPECT_TRUE(head.ok()) << head.status().to_string();
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->headers["transfer-encoding"], "chunked");
    return std::move(*c);
  }

  // The next `n` events of a watch as "TYPE name" (BOOKMARKs skipped), with
  // each event's resourceVersion in `versions`.
  std::vector<std::string> events(HttpTestConnection& c, std::size_t n, std::vector<std::string>* versions = nullptr) {
    std::vector<std::string> out;
    while (out.size() < n) {
      Result<std::string> chunk = c.read_chunk();
      if (!chunk.ok() || chunk->empty()) break;
      pending_ += *chunk;
      std::size_t nl;
      while ((nl = pending_.find('\n')) != std::string::npos) {
        api::Value event = json(pending_.substr(0, nl));
        pending_.erase(0, nl + 1);
        std::string type = field(event, {"type"});
        if (type == "BOOKMARK") continue;
        out.push_back(type + " " + field(event, {"object", "metadata", "name"}));
        if (versions) versions->push_back(field(event, {"object", "metadata", "resourceVersion"}));
      }
    }
    return out;
  }

  /// Stops the server and the API, then the control plane.
  void stop_all() {
    if (server_) server_->stop();
    server_.reset();
    kube_.reset();
    ControlPlaneFixture::TearDown();
  }

  std::unique_ptr<KubeApi> kube_;
  std::unique_ptr<HttpServer> server_;
  std::string pending_;
};

}  // namespace herd::server::kube_testing
