// Which pods a ReplicaSet or ReplicationController manages: Kubernetes'
// PodControllerRefManager.ClaimPods. A pod is managed when its controller
// ownerReference names the target and it matches the selector; the store is
// made to agree by adopting matching orphans and releasing owned pods that
// stopped matching (a user relabelled them, or the selector changed).

#include <algorithm>

#include "replicaset/pod_filters.hpp"
#include "replicaset/replicaset_reconcile.hpp"

namespace herd::actors {
namespace {

const api::Pod* as_pod(const ObjectPtr& o) { return o->is<api::Pod>() ? &o->as<api::Pod>() : nullptr; }

bool controlled_by(const api::ObjectMeta& meta, const std::string& uid) {
  const api::OwnerReference* ref = controller_ref(meta);
  return ref != nullptr && ref->uid == uid;
}

// Only active orphans are adopted, as Kubernetes claims only the pods
// FilterActivePods keeps: adopting a failed pod would just delete it.
bool adoptable(const api::Pod& pod, const ReplicaTarget& target) {
  return controller_ref(pod.metadata) == nullptr && is_pod_active(pod) && target.selector.matches(pod.metadata.labels);
}

// Both updates carry the pod as this step read it, so they are conditional
// on its seq (the resourceVersion): two sets adopting the same orphan, or a
// user relabelling the pod meanwhile, make one fail with Conflict instead of
// one overwriting the other. The pod's change wakes the loser, which looks
// again.
Command conditional_update(api::Pod updated, const ObjectPtr& read, const ReplicaTarget& target) {
  Command c = Command::update(std::move(updated), target.actor);
  c.expect_resource_version = std::to_string(read->seq);
  return c;
}

Command adopt(const ObjectPtr& o, const ReplicaTarget& target) {
  api::Pod updated = o->as<api::Pod>();
  updated.metadata.owner_references.push_back(owner_reference_to(target));
  return conditional_update(std::move(updated), o, target);
}

Command release(const ObjectPtr& o, const ReplicaTarget& target) {
  api::Pod updated = o->as<api::Pod>();
  std::erase_if(updated.metadata.owner_references,
                [&](const api::OwnerReference& ref) { return ref.uid == target.uid; });
  return conditional_update(std::move(updated), o, target);
}

void by_key(std::vector<ObjectPtr>& pods) {
  std::sort(pods.begin(), pods.end(), [](const ObjectPtr& a, const ObjectPtr& b) { return a->key < b->key; });
}

}  // namespace

ClaimedPods claim_pods(const ReplicaTarget& target, const ObjectStore& store) {
  ClaimedPods out;
  // Adoptions and releases share the step's budget; running out of it marks
  // the claim incomplete.
  auto budget_left = [&] {
    if (static_cast<int32_t>(out.commands.size()) < kBurstReplicas) return true;
    out.complete = false;
    return false;
  };
  // Owned pods: keep the matching ones, release the rest. A terminating pod
  // that no longer matches is left alone (Kubernetes does the same): it is
  // on its way out, and releasing it would only add a write.
  for (const ObjectPtr& o : store.owned_by(target.uid)) {
    const api::Pod* pod = as_pod(o);
    if (pod == nullptr || !controlled_by(pod->metadata, target.uid)) continue;
    if (target.selector.matches(pod->metadata.labels)) {
      out.pods.push_back(o);
    } else if (!is_terminating(pod->metadata) && budget_left()) {
      out.commands.push_back(release(o, target));
    }
  }
  // Orphans of the namespace that match: adopt them.
  for (const ObjectPtr& o : store.list("Pod", target.namespace_)) {
    const api::Pod* pod = as_pod(o);
    if (pod == nullptr || !adoptable(*pod, target)) continue;
    if (!budget_left()) break;
    out.commands.push_back(adopt(o, target));
    out.pods.push_back(o);
  }
  by_key(out.pods);
  return out;
}

}  // namespace herd::actors
