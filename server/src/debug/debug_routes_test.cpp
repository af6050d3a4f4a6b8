// The /debug routes against a real ControlPlane (no nodes) over an in-memory
// log, called through the Router (and once through a real HttpServer).

#include "herd/server/debug_routes.hpp"

#include <gtest/gtest.h>

#include "base/testing/fake_clock.hpp"
#include "events/testing/in_memory_event_log.hpp"
#include "herd/api/codec.hpp"
#include "herd/events/cluster_state.hpp"
#include "herd/server/http_server.hpp"
#include "server/testing/http_test_client.hpp"

namespace herd::server {
namespace {

constexpr const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: sise-deploy
spec:
  replicas: 2
  selector:
    matchLabels: {app: sise}
  template:
    metadata:
      labels: {app: sise}
    spec:
      containers:
      - name: sise
        image: mhausenblas/simple-service:0.5.0
)";

constexpr const char* kConfigMapAndService = R"(apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data: {mode: test}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
)";

class DebugRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    actors::ControlPlaneOptions options;
    options.log = &log_;
    options.clock = &clock_;
    options.timer_tick = std::chrono::milliseconds(0);
    Result<std::unique_ptr<actors::ControlPlane>> plane = actors::ControlPlane::start(std::move(options));
    ASSERT_TRUE(plane.ok()) << plane.status().to_string();
    plane_ = std::move(*plane);
    add_health_routes(router_);
    add_debug_routes(router_, *plane_);
  }

  HttpResponse call(std::string method, std::string target, std::string body = "") {
    HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.body = std::move(body);
    parse_target(r);
    HttpResponse response = router_.dispatch(std::move(r));
    EXPECT_TRUE(plane_->wait_idle(std::chrono::seconds(30)));
    return response;
  }

  static api::Value json(const HttpResponse& r) {
    Result<api::Value> v = api::parse_json_value(r.body);
    EXPECT_TRUE(v.ok()) << r.body;
    return v.ok() ? *v : api::Value();
  }

  events::testing::InMemoryEventLog log_;
  herd::testing::FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(1'790'000'000))};
  std::unique_ptr<actors::ControlPlane> plane_;
  Router router_;
};

TEST_F(DebugRoutes, HealthAndReadinessAnswerOk) {
  EXPECT_EQ(call("GET", "/healthz").body, "ok");
  EXPECT_EQ(call("GET", "/readyz").status, 200);
}

TEST_F(DebugRoutes, ApplyCreatesThenLeavesUnchangedThenConfigures) {
  HttpResponse first = call("POST", "/debug/apply", kDeployment);
  EXPECT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.body, "deployment.apps/sise-deploy created\n");
  HttpResponse again = call("POST", "/debug/apply", kDeployment);
  EXPECT_EQ(again.body, "deployment.apps/sise-deploy unchanged\n");
  std::string scaled = kDeployment;
  scaled.replace(scaled.find("replicas: 2"), 11, "replicas: 3");
  EXPECT_EQ(call("POST", "/debug/apply", scaled).body, "deployment.apps/sise-deploy configured\n");
  std::optional<actors::ObjectView> stored = plane_->get("Deployment", "default", "sise-deploy");
  ASSERT_TRUE(stored);
  EXPECT_EQ(std::get<api::Deployment>(stored->object).spec.replicas, 3);
}

TEST_F(DebugRoutes, ApplyTakesSeveralDocumentsInOrder) {
  HttpResponse r = call("POST", "/debug/apply", kConfigMapAndService);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, "configmap/app-config created\nservice/web created\n");
  EXPECT_TRUE(plane_->get("ConfigMap", "default", "app-config"));
  EXPECT_TRUE(plane_->get("Service", "default", "web"));
}

TEST_F(DebugRoutes, ApplyTakesJson) {
  HttpResponse r = call("POST", "/debug/apply",
                        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"},"data":{"a":"b"}})");
  EXPECT_EQ(r.body, "configmap/j created\n");
}

TEST_F(DebugRoutes, InvalidManifestIs422WithDiagnosticsAndAppliesNothing) {
  std::string bad = std::string(kConfigMapAndService) + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
                                                          "spec:\n  containerz: []\n";
  HttpResponse r = call("POST", "/debug/apply", bad);
  EXPECT_EQ(r.status, 422);
  api::Value body = json(r);
  EXPECT_EQ(body.find("reason")->as_string(), "Invalid");
  EXPECT_NE(body.find("message")->as_string().find("request:17:3: spec.containerz: unknown field"), std::string::npos)
      << r.body;
  ASSERT_NE(body.find("details"), nullptr);
  EXPECT_FALSE(plane_->get("ConfigMap", "default", "app-config"));
}

TEST_F(DebugRoutes, EmptyApplyIs400) {
  EXPECT_EQ(call("POST", "/debug/apply", " \n").status, 400);
}

TEST_F(DebugRoutes, ControlPlaneErrorsMapToKubernetesCodes) {
  HttpResponse r = call("POST", "/debug/apply", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: nope}\n");
  EXPECT_EQ(r.status, 404);
  api::Value body = json(r);
  EXPECT_EQ(body.find("reason")->as_string(), "NotFound");
  EXPECT_EQ(body.find("code")->as_int(), 404);
  EXPECT_NE(body.find("message")->as_string().find("error: configmap/c: NotFound"), std::string::npos) << r.body;
}

TEST_F(DebugRoutes, GetOneObjectCarriesItsResourceVersion) {
  call("POST", "/debug/apply", kConfigMapAndService);
  HttpResponse r = call("GET", "/debug/objects/ConfigMap/default/app-config");
  EXPECT_EQ(r.status, 200) << r.body;
  api::Value body = json(r);
  EXPECT_EQ(body.find("kind")->as_string(), "ConfigMap");
  EXPECT_FALSE(body.find("metadata")->find("resourceVersion")->as_string().empty());
  EXPECT_EQ(call("GET", "/debug/objects/ConfigMap/default/missing").status, 404);
  EXPECT_EQ(call("GET", "/debug/objects/Frobnicator").status, 404);
  EXPECT_EQ(call("GET", "/debug/objects/Pod/-").status, 400);
}

TEST_F(DebugRoutes, ListIsAV1ListByNamespaceOrAll) {
  call("POST", "/debug/apply", kConfigMapAndService);
  api::Value all = json(call("GET", "/debug/objects/services"));
  EXPECT_EQ(all.find("kind")->as_string(), "List");
  EXPECT_EQ(all.find("items")->as_array().size(), 1u);
  EXPECT_EQ(json(call("GET", "/debug/objects/Service/kube-system")).find("items")->as_array().size(), 0u);
  api::Value namespaces = json(call("GET", "/debug/objects/Namespace/-"));
  EXPECT_EQ(namespaces.find("items")->as_array().size(), 2u);  // default and kube-system
  EXPECT_EQ(call("GET", "/debug/objects/Namespace/-/default").status, 200);
}

TEST_F(DebugRoutes, DeleteAnswersAsKubectlAndHonoursThePolicyWord) {
  call("POST", "/debug/apply", kConfigMapAndService);
  EXPECT_EQ(call("DELETE", "/debug/objects/Service/default/web?propagationPolicy=Sideways").status, 400);
  HttpResponse r = call("DELETE", "/debug/objects/Service/default/web?propagationPolicy=Foreground");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, "service \"web\" deleted\n");
  EXPECT_EQ(call("DELETE", "/debug/objects/ConfigMap/default/nothing").status, 404);
  EXPECT_EQ(call("DELETE", "/debug/objects/ConfigMap/default").status, 400);
}

TEST_F(DebugRoutes, DigestEqualsAReplayOfTheLog) {
  call("POST", "/debug/apply", kConfigMapAndService);
  call("POST", "/debug/apply", kDeployment);
  api::Value body = json(call("GET", "/debug/digest"));
  events::ClusterState state;
  Result<events::ReplayStats> replayed = events::replay(log_, state);
  ASSERT_TRUE(replayed.ok()) << replayed.status().to_string();
  EXPECT_EQ(body.find("digest")->as_string(), state.digest());
  EXPECT_EQ(body.find("objects")->as_int(), static_cast<int64_t>(state.objects().size()));
  EXPECT_EQ(body.find("kinds")->find("Deployment")->as_int(), 1);
  EXPECT_EQ(body.find("kinds")->find("ConfigMap")->as_int(), 1);
}

TEST_F(DebugRoutes, ServedOverHttp) {
  Result<std::unique_ptr<HttpServer>> server = HttpServer::start(HttpServerOptions{}, router_);
  ASSERT_TRUE(server.ok()) << server.status().to_string();
  Result<testing::HttpReply> applied = testing::http_request((*server)->port(), "POST", "/debug/apply", kDeployment);
  ASSERT_TRUE(applied.ok()) << applied.status().to_string();
  EXPECT_EQ(applied->status, 200);
  EXPECT_EQ(applied->body, "deployment.apps/sise-deploy created\n");
  Result<testing::HttpReply> digest = testing::http_request((*server)->port(), "GET", "/debug/digest");
  ASSERT_TRUE(digest.ok());
  EXPECT_EQ(digest->headers["content-type"], "application/json");
  (*server)->stop();
}

}  // namespace
}  // namespace herd::server
