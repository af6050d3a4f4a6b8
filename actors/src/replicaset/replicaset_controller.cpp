// Dispatch of one replica reconcile, as Kubernetes' syncReplicaSet: a set
// being deleted does nothing (its pods go by garbage collection); otherwise
// claim the pods, and only when the claim is settled create or delete pods;
// then write the status if it changed.

#include "replicaset/replicaset_controller.hpp"

#include "replicaset/pod_filters.hpp"
#include "replicaset/replicaset_reconcile.hpp"

namespace herd::actors {
namespace {

class ReplicaController final : public Controller {
 public:
  Plan reconcile(const StoredObject& self, const ObjectStore& store, Clock::TimePoint now) override {
    Plan plan;
    ReplicaTarget target = replica_target(self.object);
    if (target.deleting) return plan;
    ClaimedPods claimed = claim_pods(target, store);
    plan.commands = std::move(claimed.commands);
    if (claimed.complete) {
      for (Command& c : manage_replicas(target, claimed.pods)) plan.commands.push_back(std::move(c));
    }
    ReplicaStatusResult status = replica_status(target, claimed.pods, unix_ns(now));
    if (auto event = status_change(self.object, with_replica_status(self.object, status.status))) {
      plan.events.push_back(std::move(*event));
    }
    if (status.requeue_after) plan.requeue(*status.requeue_after);
    return plan;
  }
};

}  // namespace

std::unique_ptr<Controller> make_replicaset_controller() { return std::make_unique<ReplicaController>(); }

std::unique_ptr<Controller> make_replication_controller_controller() {
  return std::make_unique<ReplicaController>();
}

}  // namespace herd::actors
