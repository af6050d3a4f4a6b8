#include "watch/derived_events.hpp"

#include <gtest/gtest.h>

#include <map>

#include "herd/api/manifest.hpp"
#include "herd/events/event_types.hpp"

namespace herd::server::watch {
namespace {

events::Event event(std::string type, std::string kind, std::string name, std::string actor, api::Value data) {
  events::Event e;
  e.id = "0123abcd-4567-89ef-0123-456789abcdef";
  e.type = std::move(type);
  e.kind = std::move(kind);
  e.namespace_ = "default";
  e.name = std::move(name);
  e.uid = "uid-1";
  e.time_ns = 1'795'830'000'000'000'000;
  e.actor = std::move(actor);
  e.data = std::move(data);
  return e;
}

api::Value data(std::initializer_list<std::pair<const char*, api::Value>> members) {
  api::Value v = api::Value::object();
  for (const auto& [k, x] : members) v.set(k, x);
  return v;
}

api::ReplicaSet owned_rs() {
  api::ReplicaSet rs;
  rs.api_version = "apps/v1";
  rs.kind = "ReplicaSet";
  rs.metadata.name = "web-5d4f";
  rs.metadata.namespace_ = "default";
  api::OwnerReference owner;
  owner.api_version = "apps/v1";
  owner.kind = "Deployment";
  owner.name = "web";
  owner.uid = "d-uid";
  owner.controller = true;
  rs.metadata.owner_references.push_back(owner);
  return rs;
}

TEST(DerivedEventsTest, SchedulingAndStartsAreEventsOfThePod) {
  ObjectLookup none = [](const std::string&) { return nullptr; };
  std::optional<api::Event> scheduled = kubernetes_event(
      event(std::string(events::types::kPodScheduled), "Pod", "web-0", "controller:scheduler",
            data({{"nodeName", api::Value::string("n1")}})),
      nullptr, none);
  ASSERT_TRUE(scheduled);
  EXPECT_EQ(scheduled->reason, "Scheduled");
  EXPECT_EQ(scheduled->message, "Successfully assigned default/web-0 to n1");
  EXPECT_EQ(scheduled->source.component, "default-scheduler");
  EXPECT_EQ(scheduled->involved_object.kind, "Pod");
  EXPECT_EQ(scheduled->involved_object.uid, "uid-1");
  EXPECT_EQ(scheduled->metadata.name, "web-0.0123abcd456789ef");
  EXPECT_EQ(scheduled->metadata.namespace_, "default");

  std::optional<api::Event> waiting = kubernetes_event(
      event(std::string(events::types::kContainerWaiting), "Pod", "web-0", "node:n1",
            data({{"container", api::Value::string("app")}, {"reason", api::Value::string("CrashLoopBackOff")}})),
      nullptr, none);
  ASSERT_TRUE(waiting);
  EXPECT_EQ(waiting->type, "Warning");
  EXPECT_EQ(waiting->reason, "BackOff");
  EXPECT_EQ(waiting->source.component, "kubelet");

  EXPECT_FALSE(kubernetes_event(event(std::string(events::types::kStatusUpdated), "Pod", "web-0", "node:n1",
                                      api::Value::object()),
                                nullptr, none));
}

TEST(DerivedEventsTest, WhatAControllerDoesIsAnEventOfTheOwner) {
  api::Object rs = owned_rs();
  std::map<std::string, api::Object> store{{"ReplicaSet/default/web-5d4f", rs}};
  ObjectLookup lookup = [&](const std::string& key) -> const api::Object* {
    auto it = store.find(key);
    return it == store.end() ? nullptr : &it->second;
  };
  std::optional<api::Event> scaled = kubernetes_event(
      event(std::string(events::types::kReplicaSetScaled), "ReplicaSet", "web-5d4f", "controller:deployment",
            data({{"from", api::Value::integer(3)}, {"to", api::Value::integer(1)}})),
      nullptr, lookup);
  ASSERT_TRUE(scaled);
  EXPECT_EQ(scaled->involved_object.kind, "Deployment");
  EXPECT_EQ(scaled->involved_object.name, "web");
  EXPECT_EQ(scaled->message, "Scaled down replica set web-5d4f from 3 to 1");
  EXPECT_EQ(scaled->source.component, "deployment-controller");

  std::optional<api::Event> created = kubernetes_event(
      event(std::string(events::types::kObjectCreated), "ReplicaSet", "web-5d4f", "controller:deployment",
            data({{"object", api::encode_object(rs)}})),
      nullptr, lookup);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->reason, "SuccessfulCreate");
  EXPECT_EQ(created->message, "Created replicaset: web-5d4f");
  EXPECT_EQ(created->involved_object.uid, "d-uid");

  std::optional<api::Event> deleted = kubernetes_event(
      event(std::string(events::types::kObjectDeleted), "ReplicaSet", "web-5d4f", "controller:deployment",
            api::Value::object()),
      &rs, lookup);
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->reason, "SuccessfulDelete");

  api::ConfigMap lone;
  lone.api_version = "v1";
  lone.kind = "ConfigMap";
  lone.metadata.name = "c";
  EXPECT_FALSE(kubernetes_event(event(std::string(events::types::kObjectCreated), "ConfigMap", "c", "user:admin",
                                      data({{"object", api::encode_object(lone)}})),
                                nullptr, lookup));
}

}  // namespace
}  // namespace herd::server::watch
