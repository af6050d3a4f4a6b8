#include "replicaset/replicaset_controller.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "herd/api/manifest.hpp"
#include "herd/events/event_types.hpp"
#include "replicaset/replicaset_testing.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;
using Op = Command::Op;

Plan reconcile_once(const api::Object& self, const ObjectStore& store, int64_t now_seconds = 1000) {
  return make_replicaset_controller()->reconcile(*stored(self), store, at(now_seconds));
}

// Carries out a plan as the core would, just enough for these tests: own
// events through events::apply, pods created with a name and uid, updates
// replace, deletes of scheduled pods only mark them terminating.
class FakeCore {
 public:
  explicit FakeCore(api::Object self) : self_(std::move(self)) {}

  Plan step(int64_t now_seconds) {
    Plan plan = make_replicaset_controller()->reconcile(*stored(self_, seq_), store_, at(now_seconds));
    for (const OwnEvent& e : plan.events) apply_own(e);
    for (const Command& c : plan.commands) carry_out(c, now_seconds);
    return plan;
  }
  ObjectStore& store() { return store_; }
  const api::ReplicaStatus& status() const { return std::get<api::ReplicaSet>(self_).status; }

 private:
  void apply_own(const OwnEvent& own) {
    events::Event e = events::event_about(self_, ++seq_, "controller:replicaset", {});
    e.type = own.type;
    e.data = own.data;
    std::optional<api::Object> o = self_;
    ASSERT_TRUE(events::apply(o, e).ok());
    self_ = *o;
  }
  void carry_out(const Command& c, int64_t now_seconds) {
    api::Object object = c.object ? *c.object : api::Object{};
    if (c.op == Op::kCreate) {
      api::ObjectMeta& m = api::meta(object);
      m.name = m.generate_name + std::to_string(next_++);
      m.uid = "uid-" + m.name;
      m.creation_timestamp = rfc3339(now_seconds);
      store_.put(stored(object));
    } else if (c.op == Op::kUpdate) {
      store_.put(stored(object, store_.get(c.key)->seq + 1));
    } else if (c.op == Op::kDelete) {
      store_.erase(c.key);
    }
  }

  api::Object self_;
  uint64_t seq_ = 1;
  int next_ = 0;
  ObjectStore store_;
};

TEST(ReplicaSetController, SameStateTwiceGivesTheSamePlan) {
  ObjectStore store;
  store.put(owned_pod("a").running("n1").ready_since(990).build());
  store.put(PodBuilder("orphan").label("app", "web").build());
  store.put(owned_pod("failed").phase("Failed").build());
  api::ReplicaSet rs = replica_set(5);
  rs.spec.min_ready_seconds = 30;
  Plan first = reconcile_once(rs, store);
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(describe(first), describe(reconcile_once(rs, store)));
}

TEST(ReplicaSetController, SetBeingDeletedDoesNothing) {
  api::ReplicaSet rs = replica_set(3);
  rs.metadata.deletion_timestamp = rfc3339(5);
  ObjectStore store;
  store.put(PodBuilder("orphan").label("app", "web").build());
  Plan plan = reconcile_once(rs, store);
  EXPECT_TRUE(plan.empty());
  EXPECT_FALSE(plan.requeue_after);
}

TEST(ReplicaSetController, StatusIsWrittenOnlyWhenItChanged) {
  ObjectStore store;
  store.put(owned_pod("a").running("n1").ready_since(1).build());
  api::ReplicaSet rs = replica_set(1);
  Plan plan = reconcile_once(rs, store);
  ASSERT_EQ(plan.events.size(), 1u);
  EXPECT_EQ(plan.events[0].type, events::types::kStatusUpdated);
  EXPECT_TRUE(plan.commands.empty());

  rs.status = {1, 1, 1, 1, 1, {}};
  EXPECT_TRUE(reconcile_once(rs, store).empty());
}

TEST(ReplicaSetController, DoesNotScaleUntilTheClaimIsSettled) {
  ObjectStore store;
  for (int i = 0; i < kBurstReplicas + 1; ++i) {
    store.put(PodBuilder("orphan-" + std::to_string(i)).label("app", "web").build());
  }
  // 501 orphans, replicas 1: adopt 500 now, delete nothing yet.
  Plan plan = reconcile_once(replica_set(1), store);
  EXPECT_EQ(keys_of(plan.commands, Op::kUpdate).size(), static_cast<size_t>(kBurstReplicas));
  EXPECT_TRUE(keys_of(plan.commands, Op::kDelete).empty());
}

TEST(ReplicaSetController, ConvergesAndReportsAvailabilityThroughRequeue) {
  api::ReplicaSet rs = replica_set(3);
  rs.spec.min_ready_seconds = 10;
  FakeCore core(rs);
  core.store().put(PodBuilder("orphan").label("app", "web").build());
  for (int i = 0; i < 5; ++i) core.step(100);
  EXPECT_EQ(core.store().owned_by(kSetUid).size(), 3u);  // the orphan and two created
  EXPECT_EQ(core.status().replicas, 3);
  EXPECT_TRUE(core.step(100).empty());

  // All three become ready at 100: available at 110, and the step says so.
  for (const ObjectPtr& p : core.store().list("Pod", "default")) {
    PodBuilder ready(p->meta().name);
    ready.pod() = p->as<api::Pod>();
    core.store().put(ready.running("n1").ready_since(100).build(p->seq + 1));
  }
  Plan ready = core.step(103);
  EXPECT_EQ(core.status().ready_replicas, 3);
  EXPECT_EQ(core.status().available_replicas, 0);
  EXPECT_EQ(ready.requeue_after, std::chrono::milliseconds(7000));
  core.step(110);
  EXPECT_EQ(core.status().available_replicas, 3);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The object as the core stores it after creating it from the manifest.
api::Object as_created(const std::string& path) {
  api::Manifest m = api::decode_manifest(read_file(path), api::DecodeOptions{path, true});
  EXPECT_EQ(m.error_count(), 0u);
  EXPECT_EQ(m.objects.size(), 1u);
  api::Object object = m.objects.at(0).object;
  api::ObjectMeta& meta = api::meta(object);
  if (meta.namespace_.empty()) meta.namespace_ = "default";
  meta.uid = "uid-rcex";
  meta.generation = 1;
  return object;
}

TEST(ReplicaSetController, SeedReplicationControllerStampsItsPod) {
  for (const std::string& path : {std::string(HERD_SOURCE_DIR "/examples/seed/replicationcontroller-rcex.yaml"),
                                  std::string(HERD_SHARED_DIR "/seed/manifests/replicationcontroller-rcex.yaml")}) {
    SCOPED_TRACE(path);
    api::Object rc = as_created(path);
    ASSERT_TRUE(std::holds_alternative<api::ReplicationController>(rc));
    ObjectStore store;
    Plan plan = make_replication_controller_controller()->reconcile(*stored(rc), store, at(0));
    ASSERT_EQ(plan.commands.size(), 1u);  // replicas: 1
    const Command& create = plan.commands[0];
    EXPECT_EQ(create.op, Op::kCreate);
    EXPECT_EQ(create.actor, "controller:replicationcontroller");
    const api::Pod& pod = std::get<api::Pod>(*create.object);
    EXPECT_EQ(pod.metadata.generate_name, "rcex-");  // not the template's "somename"
    EXPECT_EQ(pod.metadata.name, "");
    EXPECT_EQ(pod.metadata.namespace_, "default");
    EXPECT_EQ(pod.metadata.labels, (api::StringMap{{"app", "sise"}}));
    EXPECT_EQ(pod.metadata.owner_references,
              (std::vector<api::OwnerReference>{{"v1", "ReplicationController", "rcex", "uid-rcex", true, true}}));
    ASSERT_EQ(pod.spec.containers.size(), 1u);
    EXPECT_EQ(pod.spec.containers[0].image, "mhausenblas/simple-service:0.5.0");
    EXPECT_EQ(pod.spec.containers[0].ports.at(0).container_port, 9876);
    EXPECT_EQ(pod.spec.restart_policy, "Always");  // the template's defaults came along

    // Once named by the core, the pod is a valid Pod.
    api::Pod named = pod;
    named.metadata.name = "rcex-x7k2p";
    api::Manifest check = api::decode_document(api::encode_object(named), api::DecodeOptions{"pod", true});
    EXPECT_EQ(check.error_count(), 0u) << (check.diagnostics.empty() ? "" : check.diagnostics[0].to_string());

    // The RC's status: observed its generation, no replicas yet.
    ASSERT_EQ(plan.events.size(), 1u);
    EXPECT_EQ(api::to_json(plan.events[0].data),
              R"({"status":{"observedGeneration":1}})");  // zero counts are not encoded
  }
}

}  // namespace
}  // namespace herd::actors
