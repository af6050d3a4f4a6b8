// Step: the Deployment's ReplicaSets as working copies, and the Plan their
// changes become. Also adoption and release of ReplicaSets (Kubernetes'
// ClaimReplicaSets), which runs before anything else.

#include <algorithm>

#include "core/controller.hpp"
#include "deployment/deployment_reconcile.hpp"
#include "herd/events/event.hpp"
#include "herd/events/event_types.hpp"

namespace herd::actors::deployment {
namespace {

api::Selector compile(const std::optional<api::LabelSelector>& s) {
  if (!s) return api::Selector::nothing();
  Result<api::Selector> r = api::Selector::from_label_selector(*s);
  return r.ok() ? r.value() : api::Selector::nothing();
}

bool controlled_by(const api::ObjectMeta& m, const std::string& uid) {
  const api::OwnerReference* ref = controller_of(m);
  return ref != nullptr && ref->uid == uid;
}

int64_t creation_ns(const RsEntry& e) {
  Result<int64_t> t = events::parse_time(e.rs.metadata.creation_timestamp);
  return t.ok() ? t.value() : 0;
}

api::Value scaled_data(int32_t from, int32_t to) {
  api::Value v = api::Value::object();
  v.set("from", api::Value::integer(from));
  v.set("to", api::Value::integer(to));
  return v;
}

}  // namespace

std::string actor_name() { return controller_actor("Deployment"); }

bool created_before(const RsEntry& a, const RsEntry& b) {
  if (a.created() != b.created()) return b.created();
  if (creation_ns(a) != creation_ns(b)) return creation_ns(a) < creation_ns(b);
  return a.name() < b.name();
}

int32_t RsEntry::stored_replicas() const {
  return stored ? rs_replicas(stored->as<api::ReplicaSet>()) : 0;
}

Step::Step(const StoredObject& self_, const ObjectStore& store_, Clock::TimePoint now_)
    : self(self_),
      d(self_.as<api::Deployment>()),
      store(store_),
      now(now_),
      selector(compile(d.spec.selector)),
      status(d.status) {
  for (const ObjectPtr& o : store.list("ReplicaSet", d.metadata.namespace_)) {
    if (!controlled_by(o->meta(), d.metadata.uid) || !selector.matches(o->meta().labels)) continue;
    rss.push_back(RsEntry{o, o->as<api::ReplicaSet>(), false});
  }
  std::stable_sort(rss.begin(), rss.end(), created_before);
  for (std::size_t i = 0; i < rss.size(); ++i) {
    if (equal_ignore_hash(rss[i].rs.spec.pod_template, d.spec.pod_template)) {
      new_rs = i;  // the oldest one, should there be several (Kubernetes' FindNewReplicaSet)
      break;
    }
  }
}

RsEntry* Step::new_entry() { return new_rs ? &rss[*new_rs] : nullptr; }
const RsEntry* Step::new_entry() const { return new_rs ? &rss[*new_rs] : nullptr; }

std::vector<RsEntry*> Step::old_entries() {
  std::vector<RsEntry*> out;
  for (std::size_t i = 0; i < rss.size(); ++i) {
    if (i != new_rs) out.push_back(&rss[i]);
  }
  return out;
}

std::vector<const RsEntry*> Step::old_entries() const {
  std::vector<const RsEntry*> out;
  for (std::size_t i = 0; i < rss.size(); ++i) {
    if (i != new_rs) out.push_back(&rss[i]);
  }
  return out;
}

std::vector<const RsEntry*> Step::all_entries() const {
  std::vector<const RsEntry*> out = old_entries();
  if (const RsEntry* n = new_entry()) out.push_back(n);
  return out;
}

bool Step::scale(RsEntry& e, int32_t to) {
  if (e.replicas() == to) return false;
  scale_with_annotations(e, to);
  return true;
}

void Step::scale_with_annotations(RsEntry& e, int32_t to) {
  e.rs.spec.replicas = to;
  int32_t desired = desired_replicas(d);
  set_replicas_annotations(e.rs, desired, desired + max_surge(d));
}

void Step::requeue(std::chrono::milliseconds after) {
  if (!requeue_after || after < *requeue_after) requeue_after = after;
}

Plan Step::finish() const {
  Plan plan;
  plan.events = events;
  api::Object updated = d;
  std::get<api::Deployment>(updated).status = status;
  if (std::optional<OwnEvent> e = status_change(self.object, updated)) plan.events.push_back(std::move(*e));
  plan.commands = commands;
  for (const RsEntry& e : rss) {
    if (e.created()) {
      plan.commands.push_back(Command::create(e.rs, actor_name()));
      continue;
    }
    const std::string& uid = e.stored->meta().uid;
    if (e.remove) {
      plan.commands.push_back(Command::remove(e.stored->key, uid, actor_name()));
      continue;
    }
    if (e.replicas() != e.stored_replicas()) {
      plan.commands.push_back(Command::record(e.stored->key, uid, std::string(events::types::kReplicaSetScaled),
                                              scaled_data(e.stored_replicas(), e.replicas()), actor_name()));
    }
    api::ReplicaSet before = e.stored->as<api::ReplicaSet>();
    before.spec.replicas = e.rs.spec.replicas;
    if (!(before == e.rs)) plan.commands.push_back(Command::update(e.rs, actor_name()));
  }
  plan.requeue_after = requeue_after;
  return plan;
}

std::vector<Command> claim_replica_sets(const Step& s) {
  std::vector<Command> out;
  const api::ObjectMeta& dm = s.d.metadata;
  for (const ObjectPtr& o : s.store.list("ReplicaSet", dm.namespace_)) {
    const api::ObjectMeta& m = o->meta();
    if (!m.deletion_timestamp.empty()) continue;
    bool matches = s.selector.matches(m.labels);
    const api::OwnerReference* owner = controller_of(m);
    api::ReplicaSet rs = o->as<api::ReplicaSet>();
    if (owner == nullptr && matches) {
      rs.metadata.owner_references.push_back(api::OwnerReference{"apps/v1", "Deployment", dm.name, dm.uid, true, true});
    } else if (owner != nullptr && owner->uid == dm.uid && !matches) {
      std::erase_if(rs.metadata.owner_references, [&](const api::OwnerReference& r) { return r.uid == dm.uid; });
    } else {
      continue;
    }
    out.push_back(Command::update(std::move(rs), actor_name()));
  }
  return out;
}

}  // namespace herd::actors::deployment
