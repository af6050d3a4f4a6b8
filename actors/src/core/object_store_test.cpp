#include "core/object_store.hpp"

#include <gtest/gtest.h>

#include "herd/events/cluster_state.hpp"
#include "herd/events/event_types.hpp"

namespace herd::actors {
namespace {

ObjectPtr pod(std::string name, std::string node = {}, std::string owner_uid = {}) {
  api::Pod p;
  p.api_version = "v1";
  p.kind = "Pod";
  p.metadata.name = name;
  p.metadata.namespace_ = "default";
  p.metadata.uid = "uid-" + name;
  p.spec.node_name = node;
  if (!owner_uid.empty()) p.metadata.owner_references.push_back({"apps/v1", "ReplicaSet", "rs", owner_uid, true, {}});
  auto o = std::make_shared<StoredObject>();
  o->key = "Pod/default/" + name;
  o->object = p;
  o->seq = 1;
  return o;
}

TEST(ObjectStore, IndexesFollowPutAndErase) {
  ObjectStore store;
  store.put(pod("a", "", "rs-1"));
  store.put(pod("b", "node-1", "rs-1"));
  EXPECT_EQ(store.unscheduled_pods().size(), 1u);
  EXPECT_EQ(store.pods_on_node("node-1").size(), 1u);
  EXPECT_EQ(store.owned_by("rs-1").size(), 2u);

  store.put(pod("a", "node-1"));  // scheduled, and released by its owner
  EXPECT_TRUE(store.unscheduled_pods().empty());
  EXPECT_EQ(store.pods_on_node("node-1").size(), 2u);
  EXPECT_EQ(store.owned_by("rs-1").size(), 1u);

  store.erase("Pod/default/b");
  EXPECT_EQ(store.pods_on_node("node-1").size(), 1u);
  EXPECT_TRUE(store.owned_by("rs-1").empty());
  EXPECT_EQ(store.list("Pod").size(), 1u);
  EXPECT_EQ(store.list("Pod", "other").size(), 0u);
  EXPECT_EQ(store.get("Pod", "default", "a")->meta().uid, "uid-a");
}

TEST(ObjectStore, ListDoesNotMatchKindPrefixes) {
  ObjectStore store;
  auto rs = std::make_shared<StoredObject>();
  rs->key = "ReplicaSet/default/x";
  rs->object = api::ReplicaSet{};
  store.put(rs);
  auto rc = std::make_shared<StoredObject>();
  rc->key = "ReplicationController/default/x";
  rc->object = api::ReplicationController{};
  store.put(rc);
  EXPECT_EQ(store.list("ReplicaSet").size(), 1u);
  EXPECT_EQ(store.list("ReplicaSet", "default").size(), 1u);
}

TEST(ObjectStore, DigestEqualsClusterStateDigest) {
  ObjectStore store;
  events::ClusterState state;
  for (std::string name : {"b", "a", "c"}) {
    ObjectPtr p = pod(name, "node-1");
    store.put(p);
    Status s = state.apply(events::object_created(p->object, "user:test"));
    ASSERT_TRUE(s.ok()) << s.to_string();
  }
  EXPECT_EQ(store.digest(), state.digest());
  store.erase("Pod/default/c");
  EXPECT_NE(store.digest(), state.digest());
}

}  // namespace
}  // namespace herd::actors
