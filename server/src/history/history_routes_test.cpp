// The history routes over a real ControlPlane whose clock the test moves, so
// that each change has a known time.

#include "herd/server/history_routes.hpp"

#include <gtest/gtest.h>

#include "base/testing/fake_clock.hpp"
#include "events/testing/in_memory_event_log.hpp"
#include "herd/actors/control_plane.hpp"
#include "herd/api/codec.hpp"
#include "herd/events/event.hpp"

namespace herd::server {
namespace {

using namespace std::chrono_literals;

class HistoryRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.set(Clock::TimePoint(std::chrono::hours(24 * 365 * 56)));  // 2026
    actors::ControlPlaneOptions options;
    options.log = &log_;
    options.clock = &clock_;
    options.timer_tick = 0ms;
    Result<std::unique_ptr<actors::ControlPlane>> plane = actors::ControlPlane::start(std::move(options));
    ASSERT_TRUE(plane.ok()) << plane.status().to_string();
    plane_ = std::move(*plane);
    add_history_routes(router_, log_);
  }

  api::ConfigMap config_map(const std::string& mode) {
    api::ConfigMap cm;
    cm.metadata.name = "app";
    cm.metadata.namespace_ = "default";
    cm.data["mode"] = mode;
    return cm;
  }

  std::string now() { return events::format_time(std::chrono::duration_cast<std::chrono::nanoseconds>(clock_.now().time_since_epoch()).count()); }

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
  ::herd::testing::FakeClock clock_;
  std::unique_ptr<actors::ControlPlane> plane_;
  Router router_;
};

TEST_F(HistoryRoutesTest, StateAtATimeIsTheObjectAsItWasThen) {
  std::string before = now();
  clock_.advance(1s);
  ASSERT_TRUE(plane_->create(config_map("test"), "user:alice").ok());
  clock_.advance(1s);
  std::string after_create = now();
  clock_.advance(1s);
  api::ConfigMap prod = config_map("prod");
  ASSERT_TRUE(plane_->update(prod, "user:bob").ok());
  clock_.advance(1s);
  std::string after_update = now();
  clock_.advance(1s);
  ASSERT_TRUE(plane_->remove("ConfigMap", "default", "app", actors::DeletePropagation::kBackground, "user:carol").ok());
  clock_.advance(1s);
  ASSERT_TRUE(plane_->wait_idle(5s));

  EXPECT_EQ(mode_at(before), "404");
  EXPECT_EQ(mode_at(after_create), "test");
  EXPECT_EQ(mode_at(after_update), "prod");
  EXPECT_EQ(mode_at(now()), "404");

  HttpResponse list = get("/herd/v1/state/configmaps/default?at=" + after_update);
  ASSERT_EQ(list.status, 200) << list.body;
  Result<api::Value> v = api::parse_json_value(list.body);
  ASSERT_EQ(v->find("items")->as_array().size(), 1u);
  EXPECT_EQ(get("/herd/v1/state/configmaps?at=yesterday").status, 400);
  EXPECT_EQ(get("/herd/v1/state/configmaps").status, 400);
  EXPECT_EQ(get("/herd/v1/state/widgets?at=" + before).status, 404);
}

TEST_F(HistoryRoutesTest, HistoryListsEveryEventWithItsActor) {
  ASSERT_TRUE(plane_->create(config_map("test"), "user:alice").ok());
  ASSERT_TRUE(plane_->update(config_map("prod"), "user:bob").ok());
  ASSERT_TRUE(plane_->remove("ConfigMap", "default", "app", actors::DeletePropagation::kBackground, "user:carol").ok());
  ASSERT_TRUE(plane_->create(config_map("again"), "user:dave").ok());
  ASSERT_TRUE(plane_->wait_idle(5s));
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
