// The WatchCache on its own, over a real ControlPlane's log: revisions,
// wait_for, and the bound on the Events it derives.

#include "watch/watch_cache.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "actors/testing/control_plane_fixture.hpp"
#include "events/testing/in_memory_event_log.hpp"

namespace herd::server::watch {
namespace {

class WatchCacheTest : public actors::testing::ControlPlaneFixture {
 protected:
  void SetUp() override { start(log_); }
  void TearDown() override {
    cache_.reset();
    ControlPlaneFixture::TearDown();
  }

  void start_cache(WatchCacheOptions options) {
    Result<std::unique_ptr<WatchCache>> cache = WatchCache::start(log_, options);
    ASSERT_TRUE(cache.ok()) << cache.status().to_string();
    cache_ = std::move(*cache);
  }

  events::testing::InMemoryEventLog log_;
  std::unique_ptr<WatchCache> cache_;
};

TEST_F(WatchCacheTest, RevisionsStartAtTheBaseAndWritesCanBeAwaited) {
  WatchCacheOptions options;
  options.revision_base = 5000;
  start_cache(options);
  uint64_t start = cache_->revision();
  EXPECT_GT(start, 5000u);  // the namespaces default and kube-system
  api::ConfigMap cm;
  cm.metadata.name = "a";
  cm.metadata.namespace_ = "default";
  Result<actors::ObjectView> created = plane().create(cm, "user:test");
  ASSERT_TRUE(created.ok());
  Result<std::pair<CachedPtr, uint64_t>> seen = cache_->wait_for("ConfigMap/default/a", created->seq, std::chrono::seconds(5));
  ASSERT_TRUE(seen.ok()) << seen.status().to_string();
  EXPECT_EQ(seen->first->revision, start + 1);
  EXPECT_EQ(api::meta(seen->first->object).resource_version, std::to_string(start + 1));
  EXPECT_FALSE(cache_->wait_for("ConfigMap/default/a", created->seq + 1, std::chrono::milliseconds(50)).ok());
}

TEST_F(WatchCacheTest, KeepsOnlyTheNewestDerivedEventsAndTellsWatchersOfTheOthers) {
  WatchCacheOptions options;
  options.derived_events = 2;
  start_cache(options);
  std::vector<std::string> seen;
  std::mutex mu;
  WatchStart watching = cache_->watch("Event", "", cache_->revision(), [&](const Change& c) {
    if (c.type == ChangeType::kBookmark) return true;
    // The scheduler's own Events (no node for the pods) are stored objects, not derived ones.
    if (std::get<api::Event>(c.object->object).reason != "SuccessfulCreate") return true;
    std::lock_guard<std::mutex> lock(mu);
    seen.push_back(std::string(c.type == ChangeType::kAdded ? "ADDED " : "DELETED ") +
                   std::get<api::Event>(c.object->object).message);
    return true;
  });
  ASSERT_FALSE(watching.too_old);
  // A ReplicaSet of 3 with no node: it creates 3 pods, 3 SuccessfulCreate Events,
  // of which the cache keeps 2.
  apply_yaml(R"(apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web, namespace: default}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
)");
  settle();
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < until) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (seen.size() >= 4) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(seen.size(), 4u) << ::testing::PrintToString(seen);
  EXPECT_EQ(seen[3], "DELETED " + seen[0].substr(6)) << ::testing::PrintToString(seen);
  std::size_t derived = 0;
  for (const CachedPtr& e : cache_->list("Event").objects) {
    derived += std::get<api::Event>(e->object).reason == "SuccessfulCreate";
  }
  EXPECT_EQ(derived, 2u);
}

}  // namespace
}  // namespace herd::server::watch
