#include "namespace/namespace_lifecycle.hpp"

#include <gtest/gtest.h>

#include "actors/testing/store_builders.hpp"
#include "herd/events/event_types.hpp"
#include "namespace/namespace_controller.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;
using Op = Command::Op;

api::Namespace team_a(std::string phase, bool deleting) {
  auto ns = named<api::Namespace>("team-a");
  ns.spec.finalizers = {"kubernetes"};
  ns.status.phase = std::move(phase);
  if (deleting) ns.metadata.deletion_timestamp = rfc3339(10);
  return ns;
}

Plan reconcile_once(const api::Namespace& ns, const ObjectStore& store) {
  return make_namespace_controller()->reconcile(*stored(ns), store, at(10));
}

api::ConfigMap config_map(std::string name) { return named<api::ConfigMap>(std::move(name), "team-a"); }

std::string phase_written(const Plan& plan) {
  if (plan.events.size() != 1 || plan.events[0].type != events::types::kStatusUpdated) return "";
  return plan.events[0].data.find("status")->find("phase")->as_string();
}

TEST(NamespaceLifecycle, LiveNamespaceIsActive) {
  EXPECT_EQ(phase_written(reconcile_once(team_a("", false), ObjectStore{})), "Active");
  EXPECT_TRUE(reconcile_once(team_a("Active", false), ObjectStore{}).empty());
}

TEST(NamespaceLifecycle, TerminationDeletesContentWaitsThenRemovesTheNamespace) {
  ObjectStore store;
  store.put(stored(config_map("settings")));
  store.put(PodBuilder("web-1", "team-a").running("n1").controlled_by("ReplicaSet", "web", "uid-rs").build());
  store.put(PodBuilder("web-0", "team-a").running("n1").terminating().build());
  store.put(PodBuilder("elsewhere", "team-b").build());

  // 1. Terminating, and every live object in it deleted (owners first).
  Plan first = reconcile_once(team_a("Active", true), store);
  EXPECT_EQ(phase_written(first), "Terminating");
  std::vector<std::string> deleted;
  for (const Command& c : first.commands) {
    EXPECT_EQ(c.op, Op::kDelete);
    EXPECT_EQ(c.propagation, Propagation::kBackground);
    EXPECT_EQ(c.actor, "controller:namespace");
    deleted.push_back(c.key);
  }
  EXPECT_EQ(deleted, (std::vector<std::string>{"ConfigMap/team-a/settings", "Pod/team-a/web-1"}));
  EXPECT_EQ(first.commands[0].expect_uid, "uid-settings");
  EXPECT_EQ(describe(first), describe(reconcile_once(team_a("Active", true), store)));  // idempotent

  // 2. Only terminating objects left: nothing to do but wait.
  store.erase("ConfigMap/team-a/settings");
  store.put(PodBuilder("web-1", "team-a").running("n1").terminating().build());
  EXPECT_TRUE(reconcile_once(team_a("Terminating", true), store).empty());

  // 3. Empty: the namespace removes itself.
  store.erase("Pod/team-a/web-1");
  store.erase("Pod/team-a/web-0");
  Plan last = reconcile_once(team_a("Terminating", true), store);
  EXPECT_TRUE(last.events.empty());
  ASSERT_EQ(last.commands.size(), 1u);
  EXPECT_EQ(last.commands[0].op, Op::kDelete);
  EXPECT_EQ(last.commands[0].key, "Namespace//team-a");
  EXPECT_EQ(last.commands[0].expect_uid, "uid-team-a");
  EXPECT_EQ(last.commands[0].actor, "controller:namespace");
}

TEST(NamespaceLifecycle, EmptyNamespaceIsRemovedInTheFirstStep) {
  Plan plan = reconcile_once(team_a("Active", true), ObjectStore{});
  EXPECT_EQ(phase_written(plan), "Terminating");
  ASSERT_EQ(plan.commands.size(), 1u);
  EXPECT_EQ(plan.commands[0].key, "Namespace//team-a");
}

TEST(NamespaceLifecycle, WaitsForOtherFinalizers) {
  api::Namespace ns = team_a("Terminating", true);
  ns.metadata.finalizers = {"example.com/cleanup"};
  EXPECT_TRUE(reconcile_once(ns, ObjectStore{}).empty());
}

TEST(NamespaceLifecycle, DeletesAtMostABurstPerStep) {
  ObjectStore store;
  for (int i = 0; i < kNamespaceDeleteBurst + 20; ++i) store.put(stored(config_map("c" + std::to_string(i))));
  Plan plan = reconcile_once(team_a("Terminating", true), store);
  EXPECT_EQ(plan.commands.size(), static_cast<size_t>(kNamespaceDeleteBurst));
}

}  // namespace
}  // namespace herd::actors
