#include "herd/events/cluster_state.hpp"

#include <gtest/gtest.h>

#include "events/testing/in_memory_event_log.hpp"
#include "herd/api/manifest.hpp"
#include "herd/events/event_types.hpp"

namespace herd::events {
namespace {

api::Object config_map(const std::string& name, const std::string& value) {
  api::Manifest m = api::decode_manifest("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name +
                                             ", namespace: default}\ndata: {k: \"" + value + "\"}\n",
                                         api::DecodeOptions{"t", true});
  return m.objects.at(0).object;
}

std::vector<Event> history() {
  api::Object a1 = config_map("a", "1"), a2 = config_map("a", "2"), b = config_map("b", "x");
  return {object_created(a1, "u"), object_created(b, "u"), object_updated(a1, a2, 2, "u"), object_deleted(b, 2, "u")};
}

TEST(ClusterState, FoldsEventsAndCountsKinds) {
  ClusterState state;
  for (const Event& e : history()) ASSERT_TRUE(state.apply(e).ok());
  ASSERT_EQ(state.objects().size(), 1u);
  EXPECT_EQ(state.objects().begin()->first, "ConfigMap/default/a");
  EXPECT_EQ(state.objects().begin()->second.seq, 2u);
  EXPECT_EQ(state.count_by_kind().at("ConfigMap"), 1u);
}

TEST(ClusterState, DigestIsEqualForEqualStatesAndDiffersOtherwise) {
  ClusterState a, b, c;
  for (const Event& e : history()) {
    ASSERT_TRUE(a.apply(e).ok());
    ASSERT_TRUE(b.apply(e).ok());
  }
  ASSERT_TRUE(c.apply(object_created(config_map("a", "1"), "u")).ok());
  EXPECT_EQ(a.digest(), b.digest());
  EXPECT_NE(a.digest(), c.digest());
  EXPECT_EQ(a.digest().size(), 64u);
}

TEST(ClusterState, AlreadyFoldedEventsAreSkippedAndGapsAreCorrupt) {
  ClusterState state;
  std::vector<Event> h = history();
  ASSERT_TRUE(state.apply(h[0]).ok());
  ASSERT_TRUE(state.apply(h[0]).ok());
  EXPECT_EQ(state.skipped_events(), 1u);
  Event gap = h[2];
  gap.seq = 5;
  EXPECT_EQ(state.apply(gap).code(), StatusCode::kCorrupt);
}

TEST(ClusterState, AnUpdateThatDoesNotDecodeIsCorruptAndLeavesTheObject) {
  ClusterState state;
  std::vector<Event> h = history();
  ASSERT_TRUE(state.apply(h[0]).ok());
  std::string before = state.digest();
  Event bad = h[2];
  bad.data.find("object")->find("data")->set("k", api::Value::integer(3));
  Status s = state.apply(bad);
  EXPECT_EQ(s.code(), StatusCode::kCorrupt);
  EXPECT_EQ(s.message().rfind("ConfigMap/default/a seq 2: ObjectUpdated: stored ConfigMap: data", 0), 0u)
      << s.message();
  EXPECT_EQ(state.digest(), before);
  EXPECT_EQ(state.objects().at("ConfigMap/default/a").seq, 1u);
  Event no_object = h[2];
  no_object.data = api::Value::object();
  EXPECT_EQ(state.apply(no_object).code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(state.apply(h[2]).ok());
  EXPECT_EQ(std::get<api::ConfigMap>(state.objects().at("ConfigMap/default/a").object).data.at("k"), "2");
}

TEST(ClusterState, ACopyFoldsOnItsOwn) {
  ClusterState original;
  std::vector<Event> h = history();
  ASSERT_TRUE(original.apply(h[0]).ok());
  ASSERT_TRUE(original.apply(h[1]).ok());
  ClusterState copy = original;
  ClusterState assigned;
  assigned = original;
  ClusterState moved = ClusterState(original);
  for (ClusterState* s : {&copy, &assigned, &moved}) {
    ASSERT_TRUE(s->apply(h[2]).ok());
    ASSERT_TRUE(s->apply(h[3]).ok());
  }
  EXPECT_EQ(original.objects().size(), 2u);
  EXPECT_EQ(original.objects().at("ConfigMap/default/a").seq, 1u);
  ClusterState full;
  for (const Event& e : h) ASSERT_TRUE(full.apply(e).ok());
  EXPECT_EQ(copy.digest(), full.digest());
  EXPECT_EQ(assigned.digest(), full.digest());
  EXPECT_EQ(moved.digest(), full.digest());
  // The deleted object comes back in the copy, not in the original.
  Event again = h[1];
  again.seq = 3;
  ASSERT_TRUE(copy.apply(again).ok());
  EXPECT_EQ(copy.objects().size(), 2u);
  EXPECT_EQ(original.skipped_events(), 0u);
  EXPECT_EQ(original.apply(again).code(), StatusCode::kInvalidArgument);  // b is live there: already exists
}

TEST(Replay, FromSnapshotGivesTheSameDigestAsFromTheStart) {
  testing::InMemoryEventLog log;
  std::vector<Event> h = history();
  ASSERT_TRUE(log.append_and_wait({h[0], h[1]}).ok());
  ClusterState first;
  Result<ReplayStats> stats = replay(log, first);
  ASSERT_TRUE(stats.ok());
  ASSERT_TRUE(write_snapshot(log, first, stats->end).ok());
  ASSERT_TRUE(log.append_and_wait({h[2], h[3]}).ok());

  ClusterState from_snapshot;
  Result<ReplayStats> again = replay(log, from_snapshot);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->from_snapshot);
  EXPECT_EQ(again->events_read, 2u);

  ClusterState full;
  for (const Event& e : h) ASSERT_TRUE(full.apply(e).ok());
  EXPECT_EQ(from_snapshot.digest(), full.digest());
}

}  // namespace
}  // namespace herd::events
