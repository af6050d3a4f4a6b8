#include "node/node_lifecycle.hpp"

#include <gtest/gtest.h>

#include "actors/testing/store_builders.hpp"
#include "core/object_commands.hpp"
#include "herd/events/event_types.hpp"
#include "node/own_update.hpp"

namespace herd::api {
// Readable failure output for taint comparisons.
void PrintTo(const Taint& t, std::ostream* os) {
  *os << "{" << t.key << "=" << t.value << ":" << t.effect << " @" << t.time_added << "}";
}
}  // namespace herd::api

namespace herd::actors {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::at;
using testing::PodBuilder;
using testing::rfc3339;
using testing::stored;

// How the controller writes a time: whole seconds, as Kubernetes does.
std::string stamp(int64_t seconds) { return rfc3339_seconds(at(seconds)); }

// A node whose agent last heartbeated at `heartbeat` (seconds), Ready
// `status` since 0.
api::Node node(int64_t heartbeat, std::string status = "True") {
  api::Node n;
  n.api_version = "v1";
  n.kind = "Node";
  n.metadata.name = "n1";
  n.metadata.uid = "uid-n1";
  n.metadata.creation_timestamp = rfc3339(0);
  n.status.conditions.push_back(
      api::NodeCondition{"Ready", status, rfc3339(heartbeat), rfc3339(0), "KubeletReady", "posting ready status"});
  return n;
}

api::Taint taint(std::string_view key, std::string effect, std::string added = "") {
  return api::Taint{std::string(key), "", std::move(effect), std::move(added)};
}

const api::NodeCondition& ready_of(const api::Node& n) {
  for (const api::NodeCondition& c : n.status.conditions) {
    if (c.type == "Ready") return c;
  }
  static const api::NodeCondition none;
  return none;
}

class NodeLifecycle : public ::testing::Test {
 protected:
  // Runs one step at `now` seconds on `n` and folds its own events into it,
  // as the object actor would.
  Plan step(api::Node& n, int64_t now) {
    Plan plan = controller_.reconcile(*stored(n), store_, at(now));
    std::optional<api::Object> object = api::Object(n);
    uint64_t seq = 1;
    for (const OwnEvent& own : plan.events) {
      events::Event e = events::event_about(*object, ++seq, "controller:node", {});
      e.type = own.type;
      e.data = own.data;
      Status s = events::apply(object, e);
      EXPECT_TRUE(s.ok()) << s.to_string();
    }
    n = std::get<api::Node>(*object);
    return plan;
  }
  void add_pod(PodBuilder b) { store_.put(b.build()); }

  NodeLifecycleController controller_;
  ObjectStore store_;
};

TEST_F(NodeLifecycle, HealthyNodeIsLeftAloneAndCheckedWhenItsHeartbeatWouldGoStale) {
  api::Node n = node(100);
  Plan plan = step(n, 110);
  EXPECT_TRUE(plan.empty());
  EXPECT_EQ(plan.requeue_after, milliseconds(30'000));  // 100 + 40 - 110
  EXPECT_TRUE(step(n, 139).empty());
}

TEST_F(NodeLifecycle, StaleHeartbeatMakesReadyUnknownAndTaintsTheNode) {
  api::Node n = node(100);
  Plan plan = step(n, 140);
  ASSERT_EQ(plan.events.size(), 2u);
  EXPECT_EQ(plan.events[0].type, events::types::kObjectUpdated);
  EXPECT_EQ(plan.events[1].type, events::types::kStatusUpdated);
  const api::NodeCondition& ready = ready_of(n);
  EXPECT_EQ(ready.status, "Unknown");
  EXPECT_EQ(ready.reason, "NodeStatusUnknown");
  EXPECT_EQ(ready.last_transition_time, stamp(140));
  EXPECT_EQ(ready.last_heartbeat_time, rfc3339(100));  // the last one the node sent
  EXPECT_EQ(n.spec.taints, (std::vector<api::Taint>{taint(kTaintUnreachable, "NoSchedule"),
                                                    taint(kTaintUnreachable, "NoExecute", stamp(140))}));
  EXPECT_TRUE(plan.commands.empty());
}

TEST_F(NodeLifecycle, RunningTheStepAgainChangesNothing) {
  api::Node n = node(100);
  step(n, 140);
  add_pod(PodBuilder("a").running("n1"));
  Plan again = step(n, 140);
  EXPECT_TRUE(again.empty());
  EXPECT_EQ(again.requeue_after, milliseconds(300'000));  // the eviction of a
}

TEST_F(NodeLifecycle, EvictsPodsWhenTheEvictionTimeoutHasPassed) {
  api::Node n = node(100);
  step(n, 140);
  add_pod(PodBuilder("running").running("n1"));
  add_pod(PodBuilder("terminating").running("n1").terminating(150));
  add_pod(PodBuilder("done").running("n1").phase("Succeeded"));
  add_pod(PodBuilder("elsewhere").running("n2"));
  EXPECT_TRUE(step(n, 439).commands.empty());
  Plan plan = step(n, 440);
  ASSERT_EQ(plan.commands.size(), 1u);
  const Command& c = plan.commands[0];
  EXPECT_EQ(c.op, Command::Op::kDelete);
  EXPECT_EQ(c.key, "Pod/default/running");
  EXPECT_EQ(c.expect_uid, "uid-running");
  EXPECT_EQ(c.actor, "controller:node-lifecycle");
}

TEST_F(NodeLifecycle, TolerationsOfTheNoExecuteTaintDecideHowLongAPodStays) {
  api::Node n = node(100);
  step(n, 140);
  PodBuilder short_stay("short");
  short_stay.running("n1");
  short_stay.pod().spec.tolerations.push_back({std::string(kTaintUnreachable), "Exists", "", "NoExecute", 60});
  add_pod(short_stay);
  PodBuilder forever("forever");
  forever.running("n1");
  forever.pod().spec.tolerations.push_back({"", "Exists", "", "", std::nullopt});
  add_pod(forever);

  Plan early = step(n, 150);
  EXPECT_TRUE(early.commands.empty());
  EXPECT_EQ(early.requeue_after, milliseconds(50'000));  // 140 + 60 - 150
  Plan due = step(n, 200);
  ASSERT_EQ(due.commands.size(), 1u);
  EXPECT_EQ(due.commands[0].key, "Pod/default/short");
  EXPECT_TRUE(step(n, 100'000).commands.size() == 1u);  // short again (still in the store); never forever
}

TEST_F(NodeLifecycle, HeartbeatResumingRemovesTheTaints) {
  api::Node n = node(100);
  step(n, 140);
  // The node agent posts again: Ready True, fresh heartbeat.
  n.status.conditions[0] = api::NodeCondition{"Ready", "True", rfc3339(500), rfc3339(500), "KubeletReady", ""};
  Plan plan = step(n, 505);
  ASSERT_EQ(plan.events.size(), 1u);
  EXPECT_EQ(plan.events[0].type, events::types::kObjectUpdated);
  EXPECT_TRUE(n.spec.taints.empty());
  EXPECT_EQ(ready_of(n).status, "True");
  EXPECT_EQ(plan.requeue_after, milliseconds(35'000));
}

TEST_F(NodeLifecycle, FreshHeartbeatUnderOurUnknownMakesTheNodeReadyAgain) {
  api::Node n = node(100);
  step(n, 140);
  n.status.conditions[0].last_heartbeat_time = rfc3339(500);  // only the heartbeat moved
  step(n, 501);
  EXPECT_EQ(ready_of(n).status, "True");
  EXPECT_EQ(ready_of(n).last_transition_time, stamp(501));
  EXPECT_TRUE(n.spec.taints.empty());
}

TEST_F(NodeLifecycle, NodeReportingNotReadyGetsTheNotReadyTaintsAndIsEvicted) {
  api::Node n = node(100, "False");
  add_pod(PodBuilder("a").running("n1"));
  step(n, 101);
  EXPECT_EQ(ready_of(n).status, "False");  // the node's own word stands
  EXPECT_EQ(n.spec.taints, (std::vector<api::Taint>{taint(kTaintNotReady, "NoSchedule"),
                                                    taint(kTaintNotReady, "NoExecute", stamp(101))}));
  n.status.conditions[0].last_heartbeat_time = rfc3339(400);
  ASSERT_EQ(step(n, 401).commands.size(), 1u);
}

TEST_F(NodeLifecycle, UnreachableReplacesNotReadyTaints) {
  api::Node n = node(100, "False");
  step(n, 101);
  step(n, 141);
  EXPECT_EQ(ready_of(n).status, "Unknown");
  EXPECT_EQ(n.spec.taints, (std::vector<api::Taint>{taint(kTaintUnreachable, "NoSchedule"),
                                                    taint(kTaintUnreachable, "NoExecute", stamp(141))}));
}

TEST_F(NodeLifecycle, NodeThatNeverHeartbeatedIsMeasuredFromItsCreation) {
  api::Node n = node(0);
  n.status.conditions.clear();
  EXPECT_EQ(step(n, 20).requeue_after, milliseconds(20'000));
  step(n, 40);
  EXPECT_EQ(ready_of(n).status, "Unknown");
  EXPECT_EQ(ready_of(n).reason, "NodeStatusNeverUpdated");
  EXPECT_EQ(n.spec.taints.size(), 2u);
}

TEST_F(NodeLifecycle, OtherTaintsAreKept) {
  api::Node n = node(100);
  n.spec.taints.push_back(api::Taint{"dedicated", "gpu", "NoSchedule", ""});
  step(n, 140);
  step(n, 140);
  ASSERT_EQ(n.spec.taints.size(), 3u);
  EXPECT_EQ(n.spec.taints[0].key, "dedicated");
  n.status.conditions[0] = api::NodeCondition{"Ready", "True", rfc3339(500), rfc3339(500), "", ""};
  step(n, 500);
  EXPECT_EQ(n.spec.taints, (std::vector<api::Taint>{api::Taint{"dedicated", "gpu", "NoSchedule", ""}}));
}

TEST_F(NodeLifecycle, DurationsAreConstructorParameters) {
  controller_ = NodeLifecycleController(NodeLifecycleOptions{milliseconds(5'000), milliseconds(10'000)});
  api::Node n = node(100);
  add_pod(PodBuilder("a").running("n1"));
  EXPECT_TRUE(step(n, 104).empty());
  step(n, 105);
  EXPECT_EQ(ready_of(n).status, "Unknown");
  EXPECT_EQ(step(n, 115).commands.size(), 1u);
}

TEST_F(NodeLifecycle, NodeBeingDeletedIsLeftAlone) {
  api::Node n = node(100);
  n.metadata.deletion_timestamp = rfc3339(120);
  EXPECT_TRUE(step(n, 1000).empty());
}

TEST(NodeOwnUpdate, CarriesTheNewObjectAndTheChangedFields) {
  api::Node before = node(100);
  EXPECT_FALSE(own_update(before, before).has_value());
  api::Node after = before;
  after.spec.unschedulable = true;
  std::optional<OwnEvent> e = own_update(before, after);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->type, events::types::kObjectUpdated);
  ASSERT_NE(e->data.find("object"), nullptr);
  ASSERT_NE(e->data.find("changed"), nullptr);
  EXPECT_EQ(e->data.find("changed")->as_array().size(), 1u);
}

TEST(NodeController, IsRegisteredForNodes) {
  EXPECT_NE(make_controller("Node"), nullptr);
}

}  // namespace
}  // namespace herd::actors
