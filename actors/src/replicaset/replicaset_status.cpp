// The status of a ReplicaSet or ReplicationController: Kubernetes'
// calculateStatus, plus the requeue that minReadySeconds needs (a pod that
// became ready must be looked at again when it becomes available, and
// nothing else would wake the controller then).

#include <algorithm>

#include "replicaset/pod_filters.hpp"
#include "replicaset/replicaset_reconcile.hpp"

namespace herd::actors {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kNanosPerMilli = 1'000'000;

// Every label of the template, with its value (extra pod labels are fine).
bool fully_labeled(const api::Pod& pod, const api::StringMap& template_labels) {
  return std::all_of(template_labels.begin(), template_labels.end(), [&](const auto& kv) {
    auto it = pod.metadata.labels.find(kv.first);
    return it != pod.metadata.labels.end() && it->second == kv.second;
  });
}

// Time from `now_ns` until a ready-but-not-available pod becomes available,
// rounded up to whole milliseconds so the requeue never comes early. E.g.
// ready at 10.0004 s, minReadySeconds 5, now 12 s: 3.0004 s -> 3001 ms.
std::chrono::milliseconds until_available(const api::Pod& pod, int32_t min_ready_seconds, int64_t now_ns) {
  int64_t at = pod_ready_since(pod).value_or(now_ns) + min_ready_seconds * kNanosPerSecond;
  int64_t wait = std::max<int64_t>(at - now_ns, 0);
  return std::chrono::milliseconds((wait + kNanosPerMilli - 1) / kNanosPerMilli);
}

}  // namespace

ReplicaStatusResult replica_status(const ReplicaTarget& target, const std::vector<ObjectPtr>& claimed,
                                   int64_t now_ns) {
  ReplicaStatusResult out;
  out.status = target.status;
  api::ReplicaStatus& s = out.status;
  s.replicas = s.fully_labeled_replicas = s.ready_replicas = s.available_replicas = 0;
  s.observed_generation = target.generation;
  static const api::StringMap kNoLabels;
  const api::StringMap& template_labels = target.pod_template ? target.pod_template->metadata.labels : kNoLabels;
  for (const ObjectPtr& o : claimed) {
    const api::Pod& pod = o->as<api::Pod>();
    if (!is_pod_active(pod)) continue;
    s.replicas += 1;
    if (fully_labeled(pod, template_labels)) s.fully_labeled_replicas += 1;
    if (!is_pod_ready(pod)) continue;
    s.ready_replicas += 1;
    if (is_pod_available(pod, target.min_ready_seconds, now_ns)) {
      s.available_replicas += 1;
    } else if (pod_ready_since(pod)) {
      std::chrono::milliseconds after = until_available(pod, target.min_ready_seconds, now_ns);
      if (!out.requeue_after || after < *out.requeue_after) out.requeue_after = after;
    }
  }
  return out;
}

}  // namespace herd::actors
