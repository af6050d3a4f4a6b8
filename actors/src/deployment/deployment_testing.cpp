#include "deployment/deployment_testing.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>

#include "deployment/deployment_controller.hpp"
#include "deployment/deployment_util.hpp"
#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/events/event.hpp"
#include "herd/events/event_types.hpp"

namespace herd::actors::deployment::testing {
namespace {

// 2026-01-01T00:00:00Z
const Clock::TimePoint kStart = Clock::TimePoint(std::chrono::seconds(1767225600));

std::string name_of(const std::string& key) { return key.substr(key.rfind('/') + 1); }

api::Value spec_of(const api::Object& o) {
  api::Value v = api::encode_object(o);
  v.take("metadata");
  v.take("status");
  return v;
}

// What the core's update does: the caller's metadata and spec, the server's
// fields and the status kept, generation +1 when the spec changed.
api::Object merged(const api::Object& current, api::Object given) {
  api::ObjectMeta& m = api::meta(given);
  const api::ObjectMeta& c = api::meta(current);
  m.uid = c.uid;
  m.creation_timestamp = c.creation_timestamp;
  m.generation = c.generation;
  m.deletion_timestamp = c.deletion_timestamp;
  if (auto* rs = std::get_if<api::ReplicaSet>(&given)) rs->status = std::get<api::ReplicaSet>(current).status;
  if (auto* d = std::get_if<api::Deployment>(&given)) d->status = std::get<api::Deployment>(current).status;
  if (!(spec_of(given) == spec_of(current))) m.generation += 1;
  return given;
}

void apply_event(std::optional<api::Object>& object, const std::string& type, const api::Value& data, uint64_t seq) {
  events::Event e = events::event_about(*object, seq, "test", "");
  e.type = type;
  e.data = data;
  Status s = events::apply(object, e);
  ASSERT_TRUE(s.ok()) << type << ": " << s.to_string();
}

}  // namespace

std::string deployment_yaml(int replicas, std::string_view extra_spec, std::string_view annotations) {
  std::string y = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\n";
  if (!annotations.empty()) y += "  annotations: {" + std::string(annotations) + "}\n";
  y += "spec:\n  replicas: " + std::to_string(replicas) +
       "\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n"
       "    spec:\n      containers:\n      - name: web\n        image: web:1\n";
  return y + std::string(extra_spec);
}

FakeCluster::FakeCluster(std::string_view yaml) : now(kStart) {
  api::Manifest m = api::decode_manifest(yaml, api::DecodeOptions{"test.yaml", true});
  EXPECT_EQ(m.error_count(), 0u) << (m.diagnostics.empty() ? "" : m.diagnostics[0].to_string());
  HERD_CHECK(m.objects.size() == 1) << "one Deployment expected";
  api::Object d = m.objects[0].object;
  api::ObjectMeta& meta = api::meta(d);
  if (meta.namespace_.empty()) meta.namespace_ = "default";
  meta.uid = "uid-" + meta.name;
  meta.generation = 1;
  meta.creation_timestamp = format_seconds(now);
  key_ = events::object_key("Deployment", meta.namespace_, meta.name);
  put(std::move(d), 1);
}

const StoredObject& FakeCluster::deployment_object() const {
  ObjectPtr o = store.get(key_);
  HERD_CHECK(o != nullptr) << "no Deployment";
  return *o;
}

const api::Deployment& FakeCluster::deployment() const { return deployment_object().as<api::Deployment>(); }

Plan FakeCluster::reconcile() const {
  ObjectPtr self = store.get(key_);  // held: the store may change under a later apply
  return make_deployment_controller()->reconcile(*self, store, now);
}

uint64_t FakeCluster::seq_of(const std::string& key) const {
  ObjectPtr o = store.get(key);
  return o ? o->seq : 0;
}

void FakeCluster::put(api::Object object, uint64_t seq) {
  auto o = std::make_shared<StoredObject>();
  const api::ObjectMeta& m = api::meta(object);
  o->key = events::object_key(api::kind_of(object).kind, m.namespace_, m.name);
  o->object = std::move(object);
  o->seq = seq;
  store.put(std::move(o));
}

void FakeCluster::put_rs(api::ReplicaSet rs) {
  std::string key = events::object_key("ReplicaSet", rs.metadata.namespace_, rs.metadata.name);
  put(std::move(rs), seq_of(key) + 1);
}

void FakeCluster::apply(const Plan& plan) {
  std::optional<api::Object> d = deployment_object().object;
  uint64_t seq = seq_of(key_);
  for (const OwnEvent& e : plan.events) apply_event(d, e.type, e.data, ++seq);
  put(std::move(*d), seq);
  for (const Command& c : plan.commands) {
    ObjectPtr current = store.get(c.key);
    if (c.op == Command::Op::kCreate) {
      ASSERT_EQ(current, nullptr) << c.key << " created twice";
      api::Object o = *c.object;
      api::ObjectMeta& m = api::meta(o);
      m.uid = "uid-" + m.name;
      m.creation_timestamp = format_seconds(now);
      m.generation = 1;
      put(std::move(o), 1);
      continue;
    }
    ASSERT_NE(current, nullptr) << c.key << " does not exist";
    ASSERT_EQ(current->meta().uid, c.expect_uid) << c.key;
    if (c.op == Command::Op::kDelete) {
      store.erase(c.key);
    } else if (c.op == Command::Op::kRecord) {
      std::optional<api::Object> o = current->object;
      apply_event(o, c.event_type, c.data, current->seq + 1);
      put(std::move(*o), current->seq + 1);
    } else if (c.op == Command::Op::kUpdate) {
      put(merged(current->object, *c.object), current->seq + 1);
    } else {
      ADD_FAILURE() << "unexpected command on " << c.key;
    }
  }
  now += std::chrono::seconds(1);
}

Plan FakeCluster::step() {
  Plan plan = reconcile();
  apply(plan);
  return plan;
}

void FakeCluster::edit(const std::function<void(api::Deployment&)>& change) {
  const StoredObject& current = deployment_object();
  api::Object changed = current.object;
  change(std::get<api::Deployment>(changed));
  put(merged(current.object, std::move(changed)), current.seq + 1);
}

void FakeCluster::set_image(const std::string& image) {
  edit([&](api::Deployment& d) { d.spec.pod_template.spec.containers.at(0).image = image; });
}

void FakeCluster::set_replicas(int32_t replicas) {
  edit([&](api::Deployment& d) { d.spec.replicas = replicas; });
}

std::vector<api::ReplicaSet> FakeCluster::replica_sets() const {
  std::vector<api::ReplicaSet> out;
  for (const ObjectPtr& o : store.list("ReplicaSet", "default")) out.push_back(o->as<api::ReplicaSet>());
  std::stable_sort(out.begin(), out.end(), [](const api::ReplicaSet& a, const api::ReplicaSet& b) {
    return a.metadata.creation_timestamp < b.metadata.creation_timestamp;
  });
  return out;
}

api::ReplicaSet FakeCluster::rs(std::string_view name) const {
  ObjectPtr o = store.get("ReplicaSet", "default", name);
  HERD_CHECK(o != nullptr) << "no ReplicaSet " << name;
  return o->as<api::ReplicaSet>();
}

api::ReplicaSet FakeCluster::rs_with_revision(int64_t revision) const {
  for (const api::ReplicaSet& r : replica_sets()) {
    if (revision_of(r.metadata) == revision) return r;
  }
  ADD_FAILURE() << "no ReplicaSet with revision " << revision;
  return {};
}

void FakeCluster::set_rs_status(std::string_view name, int32_t available) {
  api::ReplicaSet r = rs(name);
  int32_t replicas = rs_replicas(r);
  r.status.replicas = replicas;
  r.status.fully_labeled_replicas = replicas;
  r.status.available_replicas = std::min(available, replicas);
  r.status.ready_replicas = r.status.available_replicas;
  r.status.observed_generation = r.metadata.generation;
  put_rs(std::move(r));
}

void FakeCluster::catch_up() {
  for (const api::ReplicaSet& r : replica_sets()) set_rs_status(r.metadata.name, r.status.available_replicas);
}

void FakeCluster::settle() {
  for (const api::ReplicaSet& r : replica_sets()) set_rs_status(r.metadata.name, rs_replicas(r));
}

void FakeCluster::add_pod(std::string_view rs_name, std::string_view pod_name, std::string_view phase,
                          bool terminating) {
  api::ReplicaSet r = rs(rs_name);
  api::Pod p;
  p.metadata.name = std::string(pod_name);
  p.metadata.namespace_ = "default";
  p.metadata.uid = "uid-" + std::string(pod_name);
  p.metadata.owner_references.push_back({"apps/v1", "ReplicaSet", r.metadata.name, r.metadata.uid, true, true});
  if (terminating) p.metadata.deletion_timestamp = format_seconds(now);
  p.spec.node_name = "node-1";
  p.status.phase = std::string(phase);
  put(std::move(p), 1);
}

void FakeCluster::remove_pod(std::string_view pod_name) { store.erase("Pod/default/" + std::string(pod_name)); }

int32_t FakeCluster::total_spec() const {
  int32_t n = 0;
  for (const api::ReplicaSet& r : replica_sets()) n += rs_replicas(r);
  return n;
}

int32_t FakeCluster::total_available() const {
  int32_t n = 0;
  for (const api::ReplicaSet& r : replica_sets()) n += r.status.available_replicas;
  return n;
}

int run_until_stable(FakeCluster& c) {
  for (int steps = 1; steps <= 50; ++steps) {
    c.settle();
    if (c.step().empty()) return steps;
  }
  ADD_FAILURE() << "no stable state after 50 steps";
  return 50;
}

void step_with_pods(FakeCluster& c, int n) {
  for (int i = 0; i < n; ++i) {
    c.step();
    c.catch_up();
  }
}

void start_rollout(FakeCluster& c, const std::string& image, int steps) {
  run_until_stable(c);
  c.set_image(image);
  step_with_pods(c, steps);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string describe(const Plan& plan) {
  std::string out;
  for (const OwnEvent& e : plan.events) out += "event " + e.type + " " + api::to_json(e.data) + "\n";
  for (const Command& c : plan.commands) {
    out += "command " + std::to_string(static_cast<int>(c.op)) + " " + c.key + " " + c.expect_uid + " " +
           c.event_type + " " + api::to_json(c.data) + " " +
           (c.object ? api::to_json(api::encode_object(*c.object)) : std::string()) + "\n";
  }
  if (plan.requeue_after) out += "requeue " + std::to_string(plan.requeue_after->count()) + "ms\n";
  return out;
}

std::vector<std::string> scalings(const Plan& plan) {
  std::vector<std::string> out;
  for (const Command& c : plan.commands) {
    if (c.op == Command::Op::kCreate) {
      const auto& r = std::get<api::ReplicaSet>(*c.object);
      out.push_back(r.metadata.name + " +" + std::to_string(rs_replicas(r)));
    } else if (c.op == Command::Op::kRecord && c.event_type == events::types::kReplicaSetScaled) {
      out.push_back(name_of(c.key) + " " + c.data.find("from")->scalar_text() + "->" + c.data.find("to")->scalar_text());
    }
  }
  return out;
}

std::vector<std::string> event_types(const Plan& plan) {
  std::vector<std::string> out;
  for (const OwnEvent& e : plan.events) {
    if (e.type != events::types::kStatusUpdated) out.push_back(e.type);
  }
  return out;
}

api::Value event_data(const Plan& plan, std::string_view type) {
  for (const OwnEvent& e : plan.events) {
    if (e.type == type) return e.data;
  }
  return api::Value::null();
}

api::Condition condition(const api::Deployment& d, std::string_view type) {
  const api::Condition* c = find_condition(d.status, type);
  return c ? *c : api::Condition{};
}

}  // namespace herd::actors::deployment::testing
