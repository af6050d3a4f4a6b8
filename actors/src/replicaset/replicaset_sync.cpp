// Creating and deleting pods toward spec.replicas: Kubernetes'
// manageReplicas, one bounded step at a time.

#include <algorithm>
#include <tuple>

#include "herd/base/check.hpp"
#include "replicaset/pod_filters.hpp"
#include "replicaset/replicaset_reconcile.hpp"

namespace herd::actors {
namespace {

const api::Pod& pod_of(const ObjectPtr& o) { return o->as<api::Pod>(); }

// Kubernetes ranks phases Pending < Unknown < Running for deletion; a pod
// with no phase yet has not started either.
int phase_rank(const std::string& phase) {
  if (phase.empty() || phase == "Pending") return 0;
  if (phase == "Unknown") return 1;
  return 2;
}

// The sort key of Kubernetes' ActivePods, simplified: smaller goes first.
// Newer pods go before older ones, hence the negated creation time.
auto deletion_rank(const api::Pod& pod) {
  return std::make_tuple(!pod.spec.node_name.empty(), phase_rank(pod.status.phase), is_pod_ready(pod),
                         -time_ns_or_zero(pod.metadata.creation_timestamp));
}

Command remove_pod(const ObjectPtr& o, const ReplicaTarget& target) {
  return Command::remove(o->key, o->meta().uid, target.actor);
}

}  // namespace

// Slow start, level-based: the batch is one more than the pods that exist,
// so each step at most doubles what is known to work, as Kubernetes'
// slowStartBatch doubles after each successful batch. Worked example for
// replicas 30,000 from none: the steps create 1 (1 active), 2 (3), 4 (7),
// 8 (15), ..., 256 (511), then 500 per step (the burst cap) until 30,000:
// about 68 steps, none with more than 500 commands.
int32_t slow_start_batch(int32_t missing, int32_t active) {
  if (missing <= 0) return 0;
  int32_t proven = std::clamp(active, 0, kBurstReplicas - 1) + 1;  // active + 1, without overflow
  return std::min(missing, proven);
}

api::Pod pod_from_template(const ReplicaTarget& target) {
  HERD_CHECK(target.pod_template.has_value()) << target.kind << " " << target.name << " has no template";
  api::Pod pod;
  pod.api_version = "v1";
  pod.kind = "Pod";
  // The core names the pod from generateName; the template's own name, if
  // any, is ignored as Kubernetes does.
  pod.metadata.generate_name = target.name + "-";
  pod.metadata.namespace_ = target.namespace_;
  pod.metadata.labels = target.pod_template->metadata.labels;
  pod.metadata.annotations = target.pod_template->metadata.annotations;
  pod.metadata.owner_references.push_back(owner_reference_to(target));
  pod.spec = target.pod_template->spec;
  return pod;
}

std::vector<ObjectPtr> pods_to_delete(std::vector<ObjectPtr> active, int32_t count) {
  std::stable_sort(active.begin(), active.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
    return deletion_rank(pod_of(a)) < deletion_rank(pod_of(b));
  });
  if (count < static_cast<int32_t>(active.size())) active.resize(std::max(count, 0));
  return active;
}

std::vector<Command> manage_replicas(const ReplicaTarget& target, const std::vector<ObjectPtr>& claimed) {
  std::vector<Command> out;
  std::vector<ObjectPtr> active;
  // A failed pod is not coming back (its restartPolicy gave up): delete it,
  // and as it is not active a replacement is created below.
  for (const ObjectPtr& o : claimed) {
    const api::Pod& pod = pod_of(o);
    if (is_pod_active(pod)) {
      active.push_back(o);
    } else if (pod.status.phase == "Failed" && !is_terminating(pod.metadata) &&
               static_cast<int32_t>(out.size()) < kBurstReplicas) {
      out.push_back(remove_pod(o, target));
    }
  }
  int32_t diff = target.replicas - static_cast<int32_t>(active.size());
  if (diff > 0 && target.pod_template) {
    int32_t batch = slow_start_batch(diff, static_cast<int32_t>(active.size()));
    for (int32_t i = 0; i < batch; ++i) out.push_back(Command::create(pod_from_template(target), target.actor));
  } else if (diff < 0) {
    for (const ObjectPtr& o : pods_to_delete(std::move(active), std::min(-diff, kBurstReplicas))) {
      out.push_back(remove_pod(o, target));
    }
  }
  return out;
}

}  // namespace herd::actors
