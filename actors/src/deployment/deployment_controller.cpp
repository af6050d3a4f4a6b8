#include "deployment/deployment_controller.hpp"

#include "deployment/deployment_reconcile.hpp"

namespace herd::actors {
namespace {

using namespace deployment;  // NOLINT(google-build-using-namespace): this file only dispatches to it

// A Deployment whose selector selects everything (or nothing usable) would
// fight every other controller over its pods: it only reports that the
// generation was seen.
Plan observe_only(const Step& s) {
  Step observed = s;
  observed.rss.clear();
  observed.new_rs.reset();
  observed.status.observed_generation = s.d.metadata.generation;
  return observed.finish();
}

class DeploymentController final : public Controller {
 public:
  // The dispatch of Kubernetes' syncDeployment: deleted → nothing (the
  // garbage collector removes the ReplicaSets); adoption first; paused →
  // scaling only; a rollback request; herd's automatic rollback; a scaling
  // event → proportional scaling; otherwise the strategy's rollout step.
  Plan reconcile(const StoredObject& self, const ObjectStore& store, Clock::TimePoint now) override {
    const auto& d = self.as<api::Deployment>();
    if (!d.metadata.deletion_timestamp.empty()) return {};
    Step s(self, store, now);
    if (s.selector.empty() || s.selector.matches_nothing()) return observe_only(s);
    if (std::vector<Command> claims = claim_replica_sets(s); !claims.empty()) {
      Plan plan;
      plan.commands = std::move(claims);
      return plan;
    }
    check_paused_conditions(s);
    sync_revision(s);
    if (d.spec.paused) {
      sync(s);
    } else if (rollback_request(d)) {
      rollback(s);
    } else if (auto_rollback(s)) {
      // the rollback is this step
    } else if (is_scaling_event(s)) {
      sync(s);
    } else if (is_rolling_update(d)) {
      rollout_rolling(s);
    } else {
      rollout_recreate(s);
    }
    return s.finish();
  }
};

}  // namespace

std::unique_ptr<Controller> make_deployment_controller() { return std::make_unique<DeploymentController>(); }

}  // namespace herd::actors
