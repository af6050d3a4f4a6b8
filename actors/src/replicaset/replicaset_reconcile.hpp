#pragma once

// The pure steps of the replica controller, shared by ReplicaSet (apps/v1)
// and ReplicationController (core/v1): the two kinds differ only in the
// shape of their selector, so each is first read into a ReplicaTarget and
// every step works on that. One reconcile (replicaset_controller.cpp) runs
//
//   claim_pods       adopt matching orphans, release owned pods that no
//                    longer match (replicaset_claim.cpp)
//   manage_replicas  delete failed pods, then create or delete pods toward
//                    spec.replicas (replicaset_sync.cpp)
//   replica_status   count replicas, ready and available pods; when to look
//                    again for minReadySeconds (replicaset_status.cpp)
//
// as Kubernetes' syncReplicaSet does (pkg/controller/replicaset). Every step
// is a pure function of its arguments; any thread.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/object_store.hpp"
#include "core/plan.hpp"
#include "herd/api/label_selector.hpp"
#include "herd/api/object.hpp"

namespace herd::actors {

/// At most this many pods are created, deleted, adopted or released in one
/// step (Kubernetes' burstReplicas), so that a 30,000-replica set never puts
/// 30,000 commands into one plan.
inline constexpr int32_t kBurstReplicas = 500;

/// What the replica controller reads of a ReplicaSet or ReplicationController.
/// A value: it owns a copy of the template, so it never dangles (a target
/// read from a temporary is safe).
struct ReplicaTarget {
  std::string kind;         ///< "ReplicaSet" or "ReplicationController".
  std::string api_version;  ///< "apps/v1" or "v1", for ownerReferences.
  std::string name;
  std::string namespace_;
  std::string uid;
  int64_t generation = 0;
  bool deleting = false;    ///< metadata.deletionTimestamp is set.
  int32_t replicas = 1;     ///< spec.replicas, 1 when unset.
  int32_t min_ready_seconds = 0;
  /// Which pods belong: RS spec.selector, or RC's label map (falling back to
  /// the template's labels when empty). Matches nothing when missing or invalid.
  api::Selector selector = api::Selector::nothing();
  std::optional<api::PodTemplateSpec> pod_template;  ///< nullopt: an RC without one.
  api::ReplicaStatus status;
  std::string actor;        ///< "controller:replicaset" / "controller:replicationcontroller".
};

/// Reads `object`. Requires: it holds a ReplicaSet or a ReplicationController.
ReplicaTarget replica_target(const api::Object& object);

/// `object` (a ReplicaSet or ReplicationController) with its status replaced.
api::Object with_replica_status(api::Object object, const api::ReplicaStatus& status);

/// The ownerReference a pod controlled by `target` carries.
api::OwnerReference owner_reference_to(const ReplicaTarget& target);

// claim -----------------------------------------------------------------------

/// The pods `target` manages this step, and the commands that make the
/// store agree with that.
struct ClaimedPods {
  /// Owned (controller ownerReference to target.uid) and matching pods, plus
  /// the orphans adopted now; terminating and finished ones included (the
  /// other steps filter). Key order.
  std::vector<ObjectPtr> pods;
  std::vector<Command> commands;  ///< Adoptions and releases: Command::update of the pod.
  /// False when more adoptions or releases were due than kBurstReplicas: the
  /// set is not settled, so this step must not scale (it would count wrong).
  bool complete = true;
};

/// Kubernetes' ClaimPods: an active pod of the namespace that matches the
/// selector and has no controller is adopted (an update adding the
/// ownerReference); a pod controlled by `target` that no longer matches is
/// released (an update removing it), unless it is terminating. Both updates
/// expect the pod's seq as read (expect_resource_version), so a concurrent
/// change fails them with Conflict rather than being overwritten. Pods
/// controlled by someone else are left alone.
ClaimedPods claim_pods(const ReplicaTarget& target, const ObjectStore& store);

// sync ------------------------------------------------------------------------

/// How many pods to create in this step when `missing` are missing and
/// `active` exist: a slow start that doubles, capped at kBurstReplicas.
int32_t slow_start_batch(int32_t missing, int32_t active);

/// The pod a create command for `target` carries: generateName "<name>-",
/// the template's labels, annotations and spec, and the controller
/// ownerReference. Requires: target.pod_template.
api::Pod pod_from_template(const ReplicaTarget& target);

/// The first `count` pods of `active` in the order they should go:
/// unscheduled, then pending, then not ready, then the newest. Stable: equal
/// pods keep key order.
std::vector<ObjectPtr> pods_to_delete(std::vector<ObjectPtr> active, int32_t count);

/// Deletes the failed pods among `claimed` and creates (in slow-start
/// batches) or deletes (at most kBurstReplicas) pods so that the active ones
/// number target.replicas. Commands in that order.
std::vector<Command> manage_replicas(const ReplicaTarget& target, const std::vector<ObjectPtr>& claimed);

// status ----------------------------------------------------------------------

/// A status and when to compute it again.
struct ReplicaStatusResult {
  api::ReplicaStatus status;
  /// Set when a ready pod is not yet available: the time until the first
  /// one becomes so.
  std::optional<std::chrono::milliseconds> requeue_after;
};

/// The status of `target` from the active pods among `claimed` at `now_ns`:
/// replicas, fullyLabeledReplicas (pods carrying every template label),
/// readyReplicas, availableReplicas (ready for minReadySeconds) and
/// observedGeneration. Conditions are kept as they are.
ReplicaStatusResult replica_status(const ReplicaTarget& target, const std::vector<ObjectPtr>& claimed,
                                   int64_t now_ns);

}  // namespace herd::actors
