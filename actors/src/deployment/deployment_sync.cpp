// Observed versus desired, as Kubernetes' sync.go: the new ReplicaSet and the
// revisions, scaling events (proportional scaling), the revision history
// limit, and sync() (the path of paused Deployments and scaling events).

#include <algorithm>
#include <cmath>

#include "deployment/deployment_reconcile.hpp"
#include "herd/events/event_types.hpp"

namespace herd::actors::deployment {
namespace {

constexpr std::chrono::seconds kPodsGoneRecheck{30};

int64_t max_old_revision(const Step& s) {
  int64_t max = 0;
  for (const RsEntry* e : s.old_entries()) max = std::max(max, e->revision());
  return max;
}

// DeploymentRevisionCreated when the Deployment's revision annotation is not `e`'s yet.
void record_revision(Step& s, const RsEntry& e) {
  auto it = s.d.metadata.annotations.find(std::string(kRevisionAnnotation));
  if (it != s.d.metadata.annotations.end() && it->second == std::to_string(e.revision())) return;
  api::Value data = api::Value::object();
  data.set("revision", api::Value::integer(e.revision()));
  data.set("replicaSet", api::Value::string(e.name()));
  s.events.push_back(OwnEvent{std::string(events::types::kDeploymentRevisionCreated), std::move(data)});
}

void set_revision(api::ReplicaSet& rs, int64_t revision) {
  rs.metadata.annotations[std::string(kRevisionAnnotation)] = std::to_string(revision);
}

// The ReplicaSet that runs `d`'s template under `name` (Kubernetes' getNewReplicaSet).
api::ReplicaSet new_replica_set(const api::Deployment& d, const std::string& name, const std::string& hash,
                                int64_t revision) {
  api::ReplicaSet rs;
  rs.api_version = "apps/v1";
  rs.kind = "ReplicaSet";
  rs.metadata.name = name;
  rs.metadata.namespace_ = d.metadata.namespace_;
  rs.spec.pod_template = d.spec.pod_template;
  rs.spec.pod_template.metadata.labels[std::string(kPodTemplateHashLabel)] = hash;
  rs.metadata.labels = rs.spec.pod_template.metadata.labels;
  rs.spec.selector = d.spec.selector.value_or(api::LabelSelector{});
  rs.spec.selector->match_labels[std::string(kPodTemplateHashLabel)] = hash;
  rs.spec.min_ready_seconds = d.spec.min_ready_seconds;
  rs.spec.replicas = 0;
  rs.metadata.owner_references.push_back(
      api::OwnerReference{"apps/v1", "Deployment", d.metadata.name, d.metadata.uid, true, true});
  copy_deployment_annotations(d, rs);
  set_revision(rs, revision);
  int32_t desired = desired_replicas(d);
  set_replicas_annotations(rs, desired, desired + max_surge(d));
  return rs;
}

// Kubernetes' FindActiveOrLatest: the only ReplicaSet with replicas, the
// newest when none has any, nullptr when several have.
RsEntry* active_or_latest(Step& s) {
  std::vector<RsEntry*> olds = s.old_entries();
  RsEntry* n = s.new_entry();
  std::vector<RsEntry*> active;
  for (RsEntry* e : olds) {
    if (e->replicas() > 0) active.push_back(e);
  }
  if (n != nullptr && n->replicas() > 0) active.push_back(n);
  if (active.size() == 1) return active[0];
  if (!active.empty()) return nullptr;
  if (n != nullptr) return n;
  return olds.empty() ? nullptr : olds.back();
}

// Kubernetes' IsSaturated: the new ReplicaSet runs every replica, available.
bool is_saturated(const Step& s, const RsEntry* n) {
  if (n == nullptr) return false;
  std::optional<int64_t> desired = int_annotation(n->rs.metadata, kDesiredReplicasAnnotation);
  int32_t want = desired_replicas(s.d);
  return desired && *desired == want && n->replicas() == want && n->rs.status.available_replicas == want;
}

// Kubernetes' getReplicaSetFraction: how many replicas `e` gains (or loses)
// to keep its share of the Deployment's size at its last scaling (the
// max-replicas annotation), e.g. 8 of 13 scaled to 18 is round(8*18/13)=11: +3.
int32_t fraction(const Step& s, const RsEntry& e) {
  int32_t want = desired_replicas(s.d);
  if (want == 0) return -e.replicas();
  int32_t deployment_replicas = want + max_surge(s.d);
  int64_t annotated = int_annotation(e.rs.metadata, kMaxReplicasAnnotation).value_or(s.d.status.replicas);
  if (annotated <= 0) return 0;
  double size = static_cast<double>(e.replicas()) * deployment_replicas / static_cast<double>(annotated);
  return static_cast<int32_t>(std::lround(size)) - e.replicas();
}

// Kubernetes' GetReplicaSetProportion: the fraction, never beyond what is left to add or remove.
int32_t proportion(const Step& s, const RsEntry& e, int32_t to_add, int32_t added) {
  if (e.replicas() == 0 || to_add == 0 || to_add == added) return 0;
  int32_t f = fraction(s, e);
  int32_t allowed = to_add - added;
  return to_add > 0 ? std::min(f, allowed) : std::max(f, allowed);
}

// Spreads a change of spec.replicas over the active ReplicaSets of a rolling
// Deployment in proportion to their sizes. Worked example: 10 replicas,
// maxSurge 3, mid-rollout old=8 new=5 (13 = 10+3, both annotated max 13);
// spec.replicas becomes 15, so 18 are allowed and 5 are to add. Larger first:
// old gets round(8*18/13)-8 = +3 -> 11, new round(5*18/13)-5 = +2 -> 7;
// 11+7 = 18 = 15+3. Whatever rounding leaves over goes to the first (largest)
// one; equal sizes put the newer first when adding, the older when removing.
void scale_proportionally(Step& s) {
  std::vector<RsEntry*> active;
  int32_t total = 0;
  for (RsEntry* e : s.old_entries()) {
    if (e->replicas() > 0) active.push_back(e);
  }
  if (RsEntry* n = s.new_entry(); n != nullptr && n->replicas() > 0) active.push_back(n);
  for (RsEntry* e : active) total += e->replicas();
  int32_t want = desired_replicas(s.d);
  int32_t to_add = (want > 0 ? want + max_surge(s.d) : 0) - total;
  std::stable_sort(active.begin(), active.end(), [&](const RsEntry* a, const RsEntry* b) {
    if (a->replicas() != b->replicas()) return a->replicas() > b->replicas();
    return to_add > 0 ? created_before(*b, *a) : created_before(*a, *b);
  });
  std::vector<int32_t> sizes;
  int32_t added = 0;
  for (RsEntry* e : active) {
    int32_t p = proportion(s, *e, to_add, added);
    sizes.push_back(e->replicas() + p);
    added += p;
  }
  if (to_add != 0 && !active.empty()) sizes[0] = std::max(0, sizes[0] + to_add - added);
  for (std::size_t i = 0; i < active.size(); ++i) s.scale_with_annotations(*active[i], sizes[i]);
}

bool has_pods(const Step& s, const RsEntry& e) {
  for (const ObjectPtr& o : s.store.owned_by(e.stored->meta().uid)) {
    if (o->is<api::Pod>()) return true;
  }
  return false;
}

}  // namespace

void sync_revision(Step& s) {
  RsEntry* n = s.new_entry();
  if (n == nullptr) return;
  int64_t revision = max_old_revision(s) + 1;
  copy_deployment_annotations(s.d, n->rs);
  // A template that comes back (rollback, re-apply) takes the next revision.
  if (n->revision() < revision) set_revision(n->rs, revision);
  n->rs.spec.min_ready_seconds = s.d.spec.min_ready_seconds;
  record_revision(s, *n);
  if (progress_deadline_seconds(s.d) && find_condition(s.status, kProgressing) == nullptr) {
    set_condition(s.status, new_condition(kProgressing, "True", kFoundNewReplicaSet,
                                          "Found new replica set \"" + n->name() + "\"", s.now));
  }
}

bool create_new_replica_set(Step& s) {
  if (s.new_rs) return true;
  const api::Deployment& d = s.d;
  std::string hash = template_hash(d.spec.pod_template, s.status.collision_count);
  std::string name = d.metadata.name + "-" + hash;
  if (s.store.get("ReplicaSet", d.metadata.namespace_, name) != nullptr) {
    // The name is taken by a ReplicaSet that is not this template's: hash
    // again with the next collision count, on the step this status change starts.
    s.status.collision_count = s.status.collision_count.value_or(0) + 1;
    return false;
  }
  s.rss.push_back(RsEntry{nullptr, new_replica_set(d, name, hash, max_old_revision(s) + 1), false});
  s.new_rs = s.rss.size() - 1;
  s.rss.back().rs.spec.replicas = is_rolling_update(d) ? new_rs_new_replicas(s) : desired_replicas(d);
  record_revision(s, s.rss.back());
  if (progress_deadline_seconds(d)) {
    set_condition(s.status, new_condition(kProgressing, "True", kNewReplicaSetCreated,
                                          "Created new replica set \"" + name + "\"", s.now));
  }
  return true;
}

bool is_scaling_event(const Step& s) {
  for (const RsEntry* e : s.all_entries()) {
    if (e->replicas() == 0) continue;
    std::optional<int64_t> desired = int_annotation(e->rs.metadata, kDesiredReplicasAnnotation);
    if (desired && *desired != desired_replicas(s.d)) return true;
  }
  return false;
}

void scale(Step& s) {
  int32_t want = desired_replicas(s.d);
  if (RsEntry* only = active_or_latest(s)) {
    s.scale(*only, want);
    return;
  }
  // Several active: a saturated new ReplicaSet (e.g. after adopting old
  // ones) leaves nothing for the old ones.
  if (is_saturated(s, s.new_entry())) {
    for (RsEntry* e : s.old_entries()) s.scale(*e, 0);
    return;
  }
  if (is_rolling_update(s.d)) scale_proportionally(s);
}

void cleanup_history(Step& s) {
  std::optional<int32_t> limit = revision_history_limit(s.d);
  if (!limit) return;
  std::vector<RsEntry*> cleanable;
  for (RsEntry* e : s.old_entries()) {
    if (e->rs.metadata.deletion_timestamp.empty()) cleanable.push_back(e);
  }
  auto diff = static_cast<int64_t>(cleanable.size()) - *limit;
  if (diff <= 0) return;
  std::stable_sort(cleanable.begin(), cleanable.end(), [](const RsEntry* a, const RsEntry* b) {
    return a->revision() != b->revision() ? a->revision() < b->revision() : created_before(*a, *b);
  });
  for (int64_t i = 0; i < diff; ++i) {
    RsEntry& e = *cleanable[static_cast<std::size_t>(i)];
    const api::ReplicaSetStatus& st = e.rs.status;
    // Only what is truly idle: no replicas wanted or reported, the last
    // scaling observed, and no pod left (terminating ones included).
    if (st.replicas != 0 || e.replicas() != 0 || e.rs.metadata.generation > st.observed_generation) continue;
    if (has_pods(s, e)) {
      // Pods do not wake their ReplicaSet's owner: look again later.
      s.requeue(kPodsGoneRecheck);
      continue;
    }
    e.remove = true;
  }
}

void sync(Step& s) {
  scale(s);
  if (s.d.spec.paused && !rollback_request(s.d)) cleanup_history(s);
  sync_deployment_status(s);
}

}  // namespace herd::actors::deployment
