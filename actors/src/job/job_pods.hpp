#pragma once

// The pods of a Job: which it owns, what state each is in, the pod it
// stamps out from spec.template, and which active pods go first when there
// are too many. Pure; reads only the store.
//
// Counting is level-based: finished pods are kept (so `kubectl logs` still
// works) and counted from the store at every step. Kubernetes tracks counted
// pods with a finalizer instead; herd keeps status.succeeded/failed from
// ever going down (the controller takes the larger of status and store), so
// a finished pod that someone deletes stays counted.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "herd/api/batch.hpp"
#include "herd/base/clock.hpp"
#include "core/object_store.hpp"
#include "core/plan.hpp"

namespace herd::actors {

/// Labels every pod of a Job carries (the legacy names and the
/// batch.kubernetes.io/ ones Kubernetes 1.27+ adds beside them).
inline constexpr std::string_view kJobNameLabel = "job-name";
inline constexpr std::string_view kControllerUidLabel = "controller-uid";
inline constexpr std::string_view kBatchJobNameLabel = "batch.kubernetes.io/job-name";
inline constexpr std::string_view kBatchControllerUidLabel = "batch.kubernetes.io/controller-uid";

/// A Job's pods, by state. Pods are those whose controller ownerReference
/// names the Job's uid.
struct JobPods {
  /// Not finished (phase neither Succeeded nor Failed) and not being deleted.
  std::vector<ObjectPtr> active;
  /// Phase Succeeded (being deleted or not: the work was done).
  std::vector<ObjectPtr> succeeded;
  /// Phase Failed and not being deleted. A pod that fails while being
  /// deleted failed because of the deletion (suspend, deadline, a user) and
  /// is not held against backoffLimit.
  std::vector<ObjectPtr> failed;
  /// Being deleted (metadata.deletionTimestamp) and not finished.
  int32_t terminating = 0;
  /// Active pods whose Ready condition is "True".
  int32_t ready = 0;
  /// Container restarts (init containers too) of unfinished pods: with
  /// restartPolicy OnFailure the node restarts a failed container in place,
  /// and Kubernetes counts these restarts toward backoffLimit.
  int32_t restarts = 0;
};

/// True when `meta` has a controller ownerReference to `owner_uid` (how a
/// Job knows its pods and a CronJob its Jobs).
bool controlled_by_uid(const api::ObjectMeta& meta, std::string_view owner_uid);

/// Sorts the pods of `job` (whose uid is its metadata.uid) from `store`.
JobPods classify_job_pods(const api::Job& job, const ObjectStore& store);

/// A new pod for `job`: spec.template with generateName "<job>-", the Job's
/// namespace, the template's labels plus job-name and controller-uid, and a
/// controlling ownerReference (blockOwnerDeletion) to the Job.
api::Pod job_pod_from_template(const api::Job& job);

/// The `count` active pods to delete first when a Job has too many (or is
/// suspended, finished): as Kubernetes' controller.ActivePods orders them,
/// unscheduled before scheduled, pending before running, not ready before
/// ready, more restarts before fewer, newer before older.
std::vector<ObjectPtr> job_pods_to_delete(std::vector<ObjectPtr> active, std::size_t count);

/// Adds to `plan` the deletion of each of `pods` (a pod's own grace period;
/// each named by key and uid, so a re-created namesake is never hit).
void delete_job_pods(const std::vector<ObjectPtr>& pods, Plan& plan);

/// When a finished pod finished: the latest finishedAt of its containers;
/// else when its Ready condition last turned False; else its start time;
/// else its creation. Nullopt only when none of these parses.
std::optional<Clock::TimePoint> job_pod_finish_time(const api::Pod& pod);

}  // namespace herd::actors
