// The history routes over a real ControlPlane whose clock the test moves, so
// that each change has a known time.

#include "herd/server/history_routes.hpp"

#include <gtest/gtest.h>

#include "actors/testing/control_plane_fixture.hpp"
#include "events/testing/in_memory_event_log.hpp"
#include "herd/api/codec.hpp"
#include "herd/events/event.hpp"

namespace herd::server {
namespace {

using namespace std::chrono_literals;

class HistoryRoutesTest : public actors::testing::ControlPlaneFixture {
 protected:
  void SetUp() override {
    clock().set(Clock::TimePoint(std::chrono::hours(24 * 365 * 56)));  // 2026
    start(log_);
    add_history_routes(router_, log_);
  }

  api::ConfigMap config_map(const std::string& mode) {
    api::ConfigMap cm;
    cm.metadata.name = "app";
    cm.metadata.namespace_ = "default";
    cm.data["mode"] = mode;
    return cm;
  }

  std::string now() { return events::format_time(std::chrono::duration_cast<std::chrono::nanoseconds>(clock().now().time_since_epoch()).count()); }

  HttpResponse get(const std::string& target) {
    HttpRequest request;
    request.method = "GET";
    request.target = target;
    parse_target(request);
    return router_.dispatch(std::move(request));
  }

  std::string mode_at(const std::string& time) {
    HttpResponse r = get("/herd/v1/state/cm/default/app?at=" + time);
    if (r.status != 200) return std::to_string(r.status);
    Result<api::Value> v = api::parse_json_value(r.body);
    return v->find("data")->find("mode")->as_string();
  }

  events::testing::InMemoryEventLog log_;
  Router router_;
};

TEST_F(HistoryRoutesTest, StateAtATimeIsTheObjectAsItWasThen) {
  std::string before = now();
  clock().advance(1s);
  ASSERT_TRUE(plane().create(config_map("test"), "user:alice").ok());
  clock().advance(1s);
  std::string after_create = now();
  clock().advance(1s);
  api::ConfigMap prod = config_map("prod");
  ASSERT_TRUE(plane().update(prod, "user:bob").ok());
  clock().advance(1s);
  std::string after_update = now();
  clock().advance(1s);
  ASSERT_TRUE(plane().remove("ConfigMap", "default", "app", actors::DeletePropagation::kBackground, "user:carol").ok());
  clock().advance(1s);
  ASSERT_TRUE(plane().wait_idle(5s));

  EXPECT_EQ(mode_at(before), "404");
  EXPECT_EQ(mode_at(after_create), "test");
  EXPECT_EQ(mode_at(after_update), "prod");
  EXPECT_EQ(mode_at(now()), "404");

  HttpResponse list = get("/herd/v1/state/configmaps/default?at=" + after_update);
  ASSERT_EQ(list.status, 200) << list.body;
  Result<api::Value> v = api::parse_json_value(list.body);
  ASSERT_EQ(v->find("items")->as_array().size(), 1u);
  HttpRequest table_request;
  table_request.method = "GET";
  table_request.target = "/herd/v1/state/configmaps/default?at=" + after_update;
  table_request.headers.emplace_back("accept", "application/json;as=Table;v=v1;g=meta.k8s.io");
  parse_target(table_request);
  HttpResponse table = router_.dispatch(std::move(table_request));
  ASSERT_EQ(table.status, 200) << table.body;
  Result<api::Value> t = api::parse_json_value(table.body);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->find("kind")->as_string(), "Table");
  const api::Value::Array& cells = t->find("rows")->as_array()[0].find("cells")->as_array();
  EXPECT_EQ(cells[0].as_string(), "app");
  EXPECT_EQ(cells[2].as_string(), "3s") << "its age then: created 3 s before";
  EXPECT_EQ(get("/herd/v1/state/configmaps?at=yesterday").status, 400);
  EXPECT_EQ(get("/herd/v1/state/configmaps").status, 400);
  EXPECT_EQ(get("/herd/v1/state/widgets?at=" + before).status, 404);
}

TEST_F(HistoryRoutesTest, HistoryListsEveryEventWithItsActor) {
  ASSERT_TRUE(plane().create(config_map("test"), "user:alice").ok());
  ASSERT_TRUE(plane().update(config_map("prod"), "user:bob").ok());
  ASSERT_TRUE(plane().remove("ConfigMap", "default", "app", actors::DeletePropagation::kBackground, "user:carol").ok());
  ASSERT_TRUE(plane().create(config_map("again"), "user:dave").ok());
  ASSERT_TRUE(plane().wait_idle(5s));
  HttpResponse r = get("/herd/v1/history/configmap/default/app");
  ASSERT_EQ(r.status, 200) << r.body;
  Result<api::Value> v = api::parse_json_value(r.body);
  ASSERT_TRUE(v.ok());
  std::vector<std::string> seen;
  for (const api::Value& e : v->find("events")->as_array()) {
    seen.push_back(e.find("type")->as_string() + " " + e.find("actor")->as_string());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"ObjectCreated user:alice", "ObjectUpdated user:bob",
                                            "ObjectDeleted user:carol", "ObjectCreated user:dave"}));
  EXPECT_EQ(get("/herd/v1/history/configmap/default/nothing").status, 404);
  EXPECT_EQ(get("/herd/v1/history/configmap/default").status, 400);
}

}  // namespace
}  // namespace herd::server
