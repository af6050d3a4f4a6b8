#pragma once

// Test support for the Deployment controller (test target only): a small
// stand-in for the control plane around one Deployment. It keeps the store
// and the clock, carries out the controller's plans with the real event
// types (so the events' data must really apply), and lets a test play the
// user (edit the Deployment), the ReplicaSet controller and the pods (set
// ReplicaSet status, add pods) by hand between steps.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/object_store.hpp"
#include "core/plan.hpp"
#include "herd/api/object.hpp"
#include "herd/base/clock.hpp"

namespace herd::actors::deployment::testing {

/// "Deployment web in default, 3 replicas, app=web, image web:1", with
/// `extra_spec` appended to the spec (YAML lines indented by two spaces).
std::string deployment_yaml(int replicas, std::string_view extra_spec = {},
                            std::string_view annotations = {});

class FakeCluster {
 public:
  /// Decodes `yaml` (one Deployment) and stores it as created at `now`.
  explicit FakeCluster(std::string_view yaml);

  ObjectStore store;
  Clock::TimePoint now;

  const api::Deployment& deployment() const;
  const StoredObject& deployment_object() const;
  /// One controller step at `now`.
  Plan reconcile() const;
  /// Carries `plan` out: own events on the Deployment, commands on
  /// ReplicaSets (create fills uid and creationTimestamp); then one second passes.
  void apply(const Plan& plan);
  /// reconcile() then apply(); returns the plan.
  Plan step();

  /// As a user: changes the Deployment (generation +1 when the spec changed).
  void edit(const std::function<void(api::Deployment&)>& change);
  /// edit() of the (only) container's image, or of spec.replicas.
  void set_image(const std::string& image);
  void set_replicas(int32_t replicas);

  /// The ReplicaSets, oldest first.
  std::vector<api::ReplicaSet> replica_sets() const;
  api::ReplicaSet rs(std::string_view name) const;
  /// The ReplicaSet with annotation revision `revision`; fails the test if none.
  api::ReplicaSet rs_with_revision(int64_t revision) const;
  /// As the ReplicaSet controller: status.replicas follows spec, and
  /// `available` (capped at spec) pods are ready and available.
  void set_rs_status(std::string_view name, int32_t available);
  /// As the ReplicaSet controller: pods follow spec; available ones stay
  /// available (capped at spec), new ones are not available yet.
  void catch_up();
  /// Every pod of every ReplicaSet available.
  void settle();
  /// A pod owned by ReplicaSet `rs_name`.
  void add_pod(std::string_view rs_name, std::string_view pod_name, std::string_view phase, bool terminating);
  void remove_pod(std::string_view pod_name);

  /// Sum of spec.replicas, and of status.availableReplicas, over the ReplicaSets.
  int32_t total_spec() const;
  int32_t total_available() const;

 private:
  std::string key_;  // the Deployment's

  uint64_t seq_of(const std::string& key) const;
  void put(api::Object object, uint64_t seq);
  void put_rs(api::ReplicaSet rs);
};

/// Steps, with every pod becoming available at once before each, until a
/// step plans nothing; returns the number of steps (fails the test beyond 50).
int run_until_stable(FakeCluster& c);
/// `n` times: a step, then the ReplicaSets' pods follow (catch_up()).
void step_with_pods(FakeCluster& c, int n);
/// Rolls the current template out completely, then starts rolling `image`
/// out with `steps` step_with_pods() (its new pods never become available).
void start_rollout(FakeCluster& c, const std::string& image, int steps);
/// The whole file at `path` (the test fails when it cannot be read).
std::string read_text(const std::string& path);
/// Everything in `plan` as text, to compare plans.
std::string describe(const Plan& plan);

/// The ReplicaSetScaled commands of `plan` as "name from->to", and creates
/// as "name +N", in order.
std::vector<std::string> scalings(const Plan& plan);
/// The own domain events of `plan` by type (StatusUpdated left out).
std::vector<std::string> event_types(const Plan& plan);
/// The data of the first own event of `type`; null when none.
api::Value event_data(const Plan& plan, std::string_view type);
/// The condition `type` of the Deployment, or a default one with status "".
api::Condition condition(const api::Deployment& d, std::string_view type);

}  // namespace herd::actors::deployment::testing
