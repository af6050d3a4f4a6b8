#pragma once

// Internal to the Deployment controller: the state one reconcile step works
// on (Step) and the pure step functions, one file per concern as Kubernetes'
// pkg/controller/deployment splits them:
//
//   deployment_step.cpp      Step: the Deployment's ReplicaSets, adoption, the Plan it becomes
//   deployment_sync.cpp      revisions, the new ReplicaSet, scaling events, history cleanup
//   deployment_rollout.cpp   the RollingUpdate strategy
//   deployment_recreate.cpp  the Recreate strategy
//   deployment_rollback.cpp  rollback requests, herd's automatic rollback
//   deployment_progress.cpp  status, conditions, the progress deadline and its requeue
//
// A step reads the Deployment and the store, changes working copies of the
// ReplicaSets and of the Deployment's status, and Step::finish() turns the
// differences into a Plan. Nothing here does I/O; every function is
// deterministic in (Deployment, store, now).

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "herd/api/label_selector.hpp"
#include "herd/api/object.hpp"
#include "herd/base/clock.hpp"
#include "core/object_store.hpp"
#include "core/plan.hpp"
#include "deployment/deployment_util.hpp"

namespace herd::actors::deployment {

/// One ReplicaSet of the Deployment as a step sees it.
struct RsEntry {
  ObjectPtr stored;     ///< As published; nullptr for one this step creates.
  api::ReplicaSet rs;   ///< Working copy: what this step makes of it (status untouched).
  bool remove = false;  ///< Deleted by this step (revision history limit).

  bool created() const { return stored == nullptr; }
  int32_t replicas() const { return rs_replicas(rs); }
  int32_t stored_replicas() const;
  int64_t revision() const { return revision_of(rs.metadata); }
  const std::string& name() const { return rs.metadata.name; }
};

/// Kubernetes' ReplicaSetsByCreationTimestamp: oldest first, then by name;
/// one this step creates is the newest.
bool created_before(const RsEntry& a, const RsEntry& b);

/// The working state of one reconcile step of one Deployment. Lives for the
/// duration of one Controller::reconcile call; borrows `self` and `store`.
struct Step {
  /// Reads the Deployment's controlled ReplicaSets whose labels match its
  /// selector, oldest first (creation time, then name), and finds the new one.
  Step(const StoredObject& self, const ObjectStore& store, Clock::TimePoint now);

  const StoredObject& self;
  const api::Deployment& d;  ///< As stored; steps never change it (own events do).
  const ObjectStore& store;
  Clock::TimePoint now;
  api::Selector selector;    ///< nothing() when the selector is missing or invalid.

  std::vector<RsEntry> rss;            ///< Oldest first; a created one is last.
  std::optional<std::size_t> new_rs;   ///< Index of the ReplicaSet running d's template.
  api::DeploymentStatus status;        ///< d's status with this step's changes.
  std::vector<OwnEvent> events;        ///< Domain events on the Deployment, in order.
  std::vector<Command> commands;       ///< Commands besides the ReplicaSet changes (adoption).
  std::optional<std::chrono::milliseconds> requeue_after;

  RsEntry* new_entry();
  const RsEntry* new_entry() const;
  /// Every ReplicaSet but the new one, oldest first.
  std::vector<RsEntry*> old_entries();
  std::vector<const RsEntry*> old_entries() const;
  /// The old ones, then the new one (Kubernetes' allRSs).
  std::vector<const RsEntry*> all_entries() const;

  /// Kubernetes' scaleReplicaSetAndRecordEvent: nothing when `e` already has
  /// `to` replicas; else sets them and the desired/max-replicas annotations.
  /// Returns whether the size changed.
  bool scale(RsEntry& e, int32_t to);
  /// Kubernetes' scaleReplicaSet: sets the size and always refreshes the
  /// desired/max-replicas annotations (proportional scaling).
  void scale_with_annotations(RsEntry& e, int32_t to);
  /// Asks to be reconciled again after `after` (the earliest request wins).
  void requeue(std::chrono::milliseconds after);

  /// The Plan: own events, then StatusUpdated when `status` changed; per
  /// ReplicaSet a create, a delete, or ReplicaSetScaled {from, to} followed
  /// by an update of its metadata when that changed (the update carries the
  /// new size too, so either order of the two gives the same object).
  Plan finish() const;
};

/// The actor name of the Deployment controller's commands and events.
std::string actor_name();

// deployment_step.cpp ----------------------------------------------------------

/// Adoption and release (Kubernetes' ClaimReplicaSets): updates that give a
/// matching ReplicaSet without a controller an ownerReference to the
/// Deployment, and take it away from controlled ones that no longer match.
std::vector<Command> claim_replica_sets(const Step& s);

// deployment_sync.cpp ----------------------------------------------------------

/// Keeps the existing new ReplicaSet's annotations (revision max(old)+1 when
/// it is lower, e.g. on a rollback; the Deployment's annotations) and
/// minReadySeconds in line, records the revision on the Deployment
/// (DeploymentRevisionCreated) and notes FoundNewReplicaSet when there is no
/// Progressing condition yet.
void sync_revision(Step& s);
/// Creates the new ReplicaSet when there is none ("<name>-<hash>", revision
/// max(old)+1, Progressing NewReplicaSetCreated). Returns false when the
/// name is taken by another ReplicaSet: collisionCount goes up so the next
/// step hashes differently, and the caller must stop.
bool create_new_replica_set(Step& s);
/// Whether spec.replicas changed since the active ReplicaSets were last
/// scaled (their desired-replicas annotation differs).
bool is_scaling_event(const Step& s);
/// Kubernetes' scale(): proportional scaling for a scaling event or a paused Deployment.
void scale(Step& s);
/// Deletes the oldest old ReplicaSets beyond revisionHistoryLimit that have
/// no replicas and no pods.
void cleanup_history(Step& s);
/// Kubernetes' sync(): scaling (and cleanup when paused) without rollout progress.
void sync(Step& s);

// deployment_rollout.cpp -------------------------------------------------------

/// Kubernetes' NewRSNewReplicas: the size of the new ReplicaSet this step.
int32_t new_rs_new_replicas(const Step& s);
/// The RollingUpdate strategy: one bounded step of rolloutRolling.
void rollout_rolling(Step& s);

// deployment_recreate.cpp ------------------------------------------------------

/// Whether pods of old ReplicaSets still run (not terminating, not finished).
bool old_pods_running(const Step& s);
/// The Recreate strategy: old ReplicaSets to 0, wait, then the new one up.
void rollout_recreate(Step& s);

// deployment_rollback.cpp ------------------------------------------------------

/// The rollback-to annotation's value, or nullopt when there is no request.
std::optional<std::string> rollback_request(const api::Deployment& d);
/// Carries out the rollback request and clears it (DeploymentRolledBack).
void rollback(Step& s);
/// herd's automatic rollback: when the Deployment asks for it and its new
/// revision missed the progress deadline, rolls back to the newest revision
/// that was fully available, once per failed revision. Returns whether it did.
bool auto_rollback(Step& s);
/// Marks the new ReplicaSet herd.io/available once it runs all replicas available.
void mark_available(Step& s);

// deployment_progress.cpp ------------------------------------------------------

/// Kubernetes' checkPausedConditions: Progressing Unknown DeploymentPaused /
/// DeploymentResumed as spec.paused changes (not over a timed-out condition).
void check_paused_conditions(Step& s);
/// The status the ReplicaSets add up to, with the Available condition.
api::DeploymentStatus calculate_status(const Step& s);
/// Kubernetes' syncDeploymentStatus: status without progress estimation.
void sync_deployment_status(Step& s);
/// Kubernetes' syncRolloutStatus: status, the Progressing condition, and a
/// requeue at the progress deadline.
void sync_rollout_status(Step& s);
/// All replicas updated and available, none old, generation observed.
bool deployment_complete(const api::Deployment& d, const api::DeploymentStatus& status);

}  // namespace herd::actors::deployment
