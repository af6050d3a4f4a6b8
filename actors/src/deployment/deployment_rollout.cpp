// The RollingUpdate strategy, as Kubernetes' rolling.go: each step either
// scales the new ReplicaSet up (within replicas + maxSurge) or old ones down
// (keeping replicas - maxUnavailable available), then reports status.
//
// Worked example, 3 replicas, maxSurge 1, maxUnavailable 0 (at most 4 pods,
// at least 3 available), old ReplicaSet at 3 available, new template:
//
//   step  new (spec/avail)  old (spec/avail)  why
//   1     1/0               3/3               created at 4-3 = 1; old may not go: 4-3-1 = 0
//   2     1/1               2/2               new pod available: 4 pods, 4 available, 1 may go
//   3     2/1               2/2               3 pods: new scales up to 4 again
//   4     2/2               1/1               ... and so on, one pod at a time
//   5     3/2               1/1
//   6     3/3               0/0               complete: NewReplicaSetAvailable
//
// (Each row is the state after a step and after the ReplicaSet controller
// and the pods caught up; a step that changes nothing waits for them.)

#include <algorithm>

#include "deployment/deployment_reconcile.hpp"

namespace herd::actors::deployment {
namespace {

int32_t total_replicas(const std::vector<const RsEntry*>& rss) {
  int32_t n = 0;
  for (const RsEntry* e : rss) n += e->replicas();
  return n;
}

int32_t total_available(const std::vector<const RsEntry*>& rss) {
  int32_t n = 0;
  for (const RsEntry* e : rss) n += e->rs.status.available_replicas;
  return n;
}

// Kubernetes' reconcileNewReplicaSet: the new ReplicaSet up by what surge allows.
bool reconcile_new_replica_set(Step& s) {
  RsEntry& n = *s.new_entry();
  int32_t want = desired_replicas(s.d);
  if (n.replicas() == want) return false;
  if (n.replicas() > want) return s.scale(n, want);
  return s.scale(n, new_rs_new_replicas(s));
}

// Kubernetes' cleanupUnhealthyReplicas: old pods that are not available cost
// no availability, so they go first (oldest ReplicaSet first), at most
// `max_cleanup` of them. Returns how many went.
int32_t cleanup_unhealthy_replicas(Step& s, const std::vector<RsEntry*>& olds, int32_t max_cleanup) {
  int32_t scaled_down = 0;
  for (RsEntry* e : olds) {
    if (scaled_down >= max_cleanup) break;
    int32_t unhealthy = e->replicas() - e->rs.status.available_replicas;
    if (e->replicas() == 0 || unhealthy <= 0) continue;
    int32_t count = std::min(max_cleanup - scaled_down, unhealthy);
    s.scale(*e, e->replicas() - count);
    scaled_down += count;
  }
  return scaled_down;
}

// Kubernetes' scaleDownOldReplicaSetsForRollingUpdate: old ReplicaSets down
// (oldest first) by as many pods as are available beyond replicas -
// maxUnavailable. Returns how many went.
int32_t scale_down_old_replica_sets(Step& s, const std::vector<RsEntry*>& olds) {
  int32_t min_available = desired_replicas(s.d) - max_unavailable(s.d);
  int32_t available = total_available(s.all_entries());
  if (available <= min_available) return 0;
  int32_t to_scale_down = available - min_available;
  int32_t scaled_down = 0;
  for (RsEntry* e : olds) {
    if (scaled_down >= to_scale_down) break;
    if (e->replicas() == 0) continue;
    int32_t count = std::min(e->replicas(), to_scale_down - scaled_down);
    s.scale(*e, e->replicas() - count);
    scaled_down += count;
  }
  return scaled_down;
}

// Kubernetes' reconcileOldReplicaSets. How far old ReplicaSets may go down:
//
//   maxScaledDown = allPods - minAvailable - newUnavailable
//
// where newUnavailable are new pods not available yet (they must not count as
// capacity). Example: 10 replicas, maxUnavailable 2, maxSurge 3; the new
// ReplicaSet is at 5 and crash-loops, old at 8: 13 - 8 - 5 = 0, nothing old
// goes. After a rollback the old template is the new ReplicaSet (8, all
// available) and the crash-looping one is old: 13 - 8 - 0 = 5, and its 5
// unhealthy pods are cleaned up first.
bool reconcile_old_replica_sets(Step& s) {
  std::vector<RsEntry*> olds;
  for (RsEntry* e : s.old_entries()) {
    if (e->replicas() > 0) olds.push_back(e);
  }
  if (olds.empty()) return false;
  const RsEntry& n = *s.new_entry();
  int32_t min_available = desired_replicas(s.d) - max_unavailable(s.d);
  int32_t new_unavailable = n.replicas() - n.rs.status.available_replicas;
  int32_t max_scaled_down = total_replicas(s.all_entries()) - min_available - new_unavailable;
  if (max_scaled_down <= 0) return false;
  int32_t cleaned = cleanup_unhealthy_replicas(s, olds, max_scaled_down);
  int32_t scaled = scale_down_old_replica_sets(s, olds);
  return cleaned + scaled > 0;
}

}  // namespace

int32_t new_rs_new_replicas(const Step& s) {
  const RsEntry& n = *s.new_entry();
  int32_t want = desired_replicas(s.d);
  if (!is_rolling_update(s.d)) return want;
  int32_t max_total = want + max_surge(s.d);
  int32_t current = total_replicas(s.all_entries());
  if (current >= max_total) return n.replicas();
  return n.replicas() + std::min(max_total - current, want - n.replicas());
}

void rollout_rolling(Step& s) {
  if (!create_new_replica_set(s)) return;
  if (reconcile_new_replica_set(s) || reconcile_old_replica_sets(s)) {
    sync_rollout_status(s);
    return;
  }
  if (deployment_complete(s.d, s.d.status)) cleanup_history(s);
  sync_rollout_status(s);
}

}  // namespace herd::actors::deployment
