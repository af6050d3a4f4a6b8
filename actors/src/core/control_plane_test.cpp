// The control plane's object lifecycle through real actors over the
// in-memory event log fake: create, update with resourceVersion, delete with
// each propagation policy, garbage collection, and restart from the log.

#include "herd/actors/control_plane.hpp"

#include <gtest/gtest.h>

#include "actors/testing/control_plane_fixture.hpp"
#include "events/testing/in_memory_event_log.hpp"

namespace herd::actors {
namespace {

api::ConfigMap config_map(std::string name, std::string value, std::string ns = "default") {
  api::ConfigMap cm;
  cm.metadata.name = std::move(name);
  cm.metadata.namespace_ = std::move(ns);
  cm.data["key"] = std::move(value);
  return cm;
}

api::ConfigMap owned(std::string name, const ObjectView& owner) {
  api::ConfigMap cm = config_map(std::move(name), "dependent");
  const api::ObjectMeta& m = api::meta(owner.object);
  cm.metadata.owner_references.push_back({"v1", "ConfigMap", m.name, m.uid, true, true});
  return cm;
}

class ControlPlaneLifecycle : public testing::ControlPlaneFixture {
 protected:
  events::testing::InMemoryEventLog log_;
};

TEST_F(ControlPlaneLifecycle, StartsWithDefaultNamespaces) {
  start(log_);
  EXPECT_TRUE(plane().get("Namespace", "", "default").has_value());
  EXPECT_TRUE(plane().get("Namespace", "", "kube-system").has_value());
  EXPECT_EQ(std::get<api::Namespace>(plane().get("Namespace", "", "default")->object).status.phase, "Active");
}

TEST_F(ControlPlaneLifecycle, CreateFillsServerMetadataAndRejectsDuplicates) {
  start(log_);
  Result<ObjectView> created = plane().create(config_map("app", "v1"), "user:test");
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  const api::ObjectMeta& m = api::meta(created->object);
  EXPECT_FALSE(m.uid.empty());
  EXPECT_FALSE(m.creation_timestamp.empty());
  EXPECT_EQ(m.generation, 1);
  EXPECT_EQ(m.resource_version, "1");
  EXPECT_EQ(std::get<api::ConfigMap>(created->object).kind, "ConfigMap");

  Result<ObjectView> again = plane().create(config_map("app", "v2"), "user:test");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
}

TEST_F(ControlPlaneLifecycle, CreateInMissingNamespaceIsNotFound) {
  start(log_);
  Result<ObjectView> r = plane().create(config_map("app", "v1", "nowhere"), "user:test");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("namespaces \"nowhere\" not found"), std::string::npos);
}

TEST_F(ControlPlaneLifecycle, InvalidObjectsAreRejectedWithTheirFieldErrors) {
  start(log_);
  api::Pod pod;
  pod.metadata.name = "no-image";
  pod.metadata.namespace_ = "default";
  pod.spec.containers.push_back(api::Container{});
  pod.spec.containers[0].name = "c";
  Result<ObjectView> created = plane().create(pod, "user:test");
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(created.status().message().find("Pod \"no-image\" is invalid: spec.containers[0].image: Required value"),
            std::string::npos)
      << created.status().to_string();
  EXPECT_FALSE(plane().get("Pod", "default", "no-image").has_value());

  ObjectView cm = *plane().create(config_map("app", "v1"), "user:test");
  api::ConfigMap bad = std::get<api::ConfigMap>(cm.object);
  bad.data["not a key!"] = "x";
  Result<ObjectView> updated = plane().update(bad, "user:test");
  ASSERT_FALSE(updated.ok());
  EXPECT_EQ(updated.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(updated.status().message().find("data[not a key!]"), std::string::npos) << updated.status().to_string();
  EXPECT_EQ(plane().get("ConfigMap", "default", "app")->seq, 1u) << "nothing was appended";
  expect_replay_matches(log_);
}

TEST_F(ControlPlaneLifecycle, GenerateNameGivesDistinctNames) {
  start(log_);
  api::ConfigMap cm = config_map("", "x");
  cm.metadata.generate_name = "gen-";
  Result<ObjectView> a = plane().create(cm, "user:test");
  Result<ObjectView> b = plane().create(cm, "user:test");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(api::meta(a->object).name, api::meta(b->object).name);
  EXPECT_EQ(api::meta(a->object).name.substr(0, 4), "gen-");
  EXPECT_EQ(api::meta(a->object).name.size(), 9u);
}

TEST_F(ControlPlaneLifecycle, UpdateChecksResourceVersion) {
  start(log_);
  ObjectView v1 = *plane().create(config_map("app", "v1"), "user:test");
  api::ConfigMap change = std::get<api::ConfigMap>(v1.object);
  change.data["key"] = "v2";
  Result<ObjectView> v2 = plane().update(change, "user:test");
  ASSERT_TRUE(v2.ok()) << v2.status().to_string();
  EXPECT_EQ(api::meta(v2->object).resource_version, "2");
  EXPECT_EQ(std::get<api::ConfigMap>(v2->object).data.at("key"), "v2");

  change.data["key"] = "stale";  // still carries resourceVersion 1
  Result<ObjectView> stale = plane().update(change, "user:test");
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(std::get<api::ConfigMap>(plane().get("ConfigMap", "default", "app")->object).data.at("key"), "v2");
}

TEST_F(ControlPlaneLifecycle, UnchangedUpdateAppendsNothing) {
  start(log_);
  ObjectView v1 = *plane().create(config_map("app", "v1"), "user:test");
  Result<ObjectView> same = plane().update(v1.object, "user:test");
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->seq, 1u);
}

TEST_F(ControlPlaneLifecycle, BackgroundDeletionCollectsDependents) {
  start(log_);
  ObjectView owner = *plane().create(config_map("owner", "x"), "user:test");
  ASSERT_TRUE(plane().create(owned("dep-1", owner), "user:test").ok());
  ASSERT_TRUE(plane().create(owned("dep-2", owner), "user:test").ok());
  ASSERT_TRUE(plane().remove("ConfigMap", "default", "owner", DeletePropagation::kBackground, "user:test").ok());
  settle();
  EXPECT_FALSE(plane().get("ConfigMap", "default", "owner"));
  EXPECT_FALSE(plane().get("ConfigMap", "default", "dep-1"));
  EXPECT_FALSE(plane().get("ConfigMap", "default", "dep-2"));
  expect_replay_matches(log_);
}

TEST_F(ControlPlaneLifecycle, ForegroundDeletionRemovesOwnerLast) {
  start(log_);
  ObjectView owner = *plane().create(config_map("owner", "x"), "user:test");
  ASSERT_TRUE(plane().create(owned("dep", owner), "user:test").ok());
  Result<ObjectView> r = plane().remove("ConfigMap", "default", "owner", DeletePropagation::kForeground, "user:test");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(api::meta(r->object).deletion_timestamp.empty());
  settle();
  EXPECT_FALSE(plane().get("ConfigMap", "default", "dep"));
  EXPECT_FALSE(plane().get("ConfigMap", "default", "owner"));
  expect_replay_matches(log_);
}

TEST_F(ControlPlaneLifecycle, OrphanDeletionKeepsDependents) {
  start(log_);
  ObjectView owner = *plane().create(config_map("owner", "x"), "user:test");
  ASSERT_TRUE(plane().create(owned("dep", owner), "user:test").ok());
  ASSERT_TRUE(plane().remove("ConfigMap", "default", "owner", DeletePropagation::kOrphan, "user:test").ok());
  settle();
  EXPECT_FALSE(plane().get("ConfigMap", "default", "owner"));
  std::optional<ObjectView> dep = plane().get("ConfigMap", "default", "dep");
  ASSERT_TRUE(dep.has_value());
  EXPECT_TRUE(api::meta(dep->object).owner_references.empty());
  expect_replay_matches(log_);
}

TEST_F(ControlPlaneLifecycle, ObjectWithMissingOwnerIsCollected) {
  start(log_);
  api::ConfigMap orphan = config_map("dangling", "x");
  orphan.metadata.owner_references.push_back({"v1", "ConfigMap", "gone", "no-such-uid", true, true});
  ASSERT_TRUE(plane().create(orphan, "user:test").ok());
  settle();
  EXPECT_FALSE(plane().get("ConfigMap", "default", "dangling"));
}

TEST_F(ControlPlaneLifecycle, RecreatedObjectGetsNewUid) {
  start(log_);
  ObjectView first = *plane().create(config_map("app", "v1"), "user:test");
  ASSERT_TRUE(plane().remove("ConfigMap", "default", "app", DeletePropagation::kBackground, "user:test").ok());
  settle();
  Result<ObjectView> second = plane().create(config_map("app", "v2"), "user:test");
  ASSERT_TRUE(second.ok()) << second.status().to_string();
  EXPECT_NE(api::meta(second->object).uid, api::meta(first.object).uid);
  expect_replay_matches(log_);
}

TEST_F(ControlPlaneLifecycle, RestartRebuildsTheSameState) {
  start(log_);
  ObjectView owner = *plane().create(config_map("owner", "x"), "user:test");
  ASSERT_TRUE(plane().create(owned("dep", owner), "user:test").ok());
  settle();
  std::string before = plane().digest();
  stop();
  start(log_);
  EXPECT_EQ(plane().digest(), before);
  // The restarted actors serve commands on the replayed state.
  api::ConfigMap change = std::get<api::ConfigMap>(plane().get("ConfigMap", "default", "owner")->object);
  change.data["key"] = "after-restart";
  Result<ObjectView> r = plane().update(change, "user:test");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->seq, 2u);
  expect_replay_matches(log_);
}


// Stopping must wait for every actor: they read the plane's context, which
// goes with it. Stopped here while a ReplicaSet's pods are still being made,
// scheduled and started on simulated nodes.
TEST_F(ControlPlaneLifecycle, StopsWhileActorsAreBusySimulated) {
  for (int round = 0; round < 20; ++round) {
    events::testing::InMemoryEventLog log;
    start(log, 2);
    apply_yaml(R"(apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: busy
spec:
  replicas: 50
  selector:
    matchLabels: {app: busy}
  template:
    metadata:
      labels: {app: busy}
    spec:
      containers:
      - name: c
        image: busybox
)");
    stop();
  }
}

}  // namespace
}  // namespace herd::actors
