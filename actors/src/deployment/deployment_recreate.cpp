// The Recreate strategy, as Kubernetes' recreate.go: every old ReplicaSet to
// 0, then wait until none of their pods runs, then the new ReplicaSet (created
// only now, so nothing new starts early) up to spec.replicas in one go.

#include "deployment/deployment_reconcile.hpp"

namespace herd::actors::deployment {
namespace {

bool finished(const api::Pod& p) { return p.status.phase == "Succeeded" || p.status.phase == "Failed"; }

}  // namespace

bool old_pods_running(const Step& s) {
  for (const RsEntry* e : s.old_entries()) {
    if (e->created()) continue;
    if (e->rs.status.replicas > 0) return true;
    for (const ObjectPtr& o : s.store.owned_by(e->stored->meta().uid)) {
      if (!o->is<api::Pod>()) continue;
      if (o->meta().deletion_timestamp.empty() && !finished(o->as<api::Pod>())) return true;
    }
  }
  return false;
}

void rollout_recreate(Step& s) {
  bool scaled_down = false;
  for (RsEntry* e : s.old_entries()) {
    if (e->replicas() > 0) scaled_down = s.scale(*e, 0) || scaled_down;
  }
  if (scaled_down || old_pods_running(s)) {
    sync_rollout_status(s);
    return;
  }
  if (!create_new_replica_set(s)) return;
  s.scale(*s.new_entry(), desired_replicas(s.d));
  if (deployment_complete(s.d, s.d.status)) cleanup_history(s);
  sync_rollout_status(s);
}

}  // namespace herd::actors::deployment
