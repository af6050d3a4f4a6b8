#pragma once

// Pure helpers of the Deployment controller, the herd counterpart of
// Kubernetes' pkg/controller/deployment/util: the names of the annotations
// and condition reasons, the rollout bounds (maxSurge / maxUnavailable), the
// pod-template hash, revisions, and the Deployment's conditions. No store, no
// plan: plain functions of API values, safe from any thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/object.hpp"
#include "herd/api/value.hpp"
#include "herd/base/clock.hpp"

namespace herd::actors::deployment {

// Annotations and labels ------------------------------------------------------

/// Label on a ReplicaSet, its selector and its pod template: the template's hash.
inline constexpr std::string_view kPodTemplateHashLabel = "pod-template-hash";
/// On ReplicaSets and the Deployment: the rollout sequence number.
inline constexpr std::string_view kRevisionAnnotation = "deployment.kubernetes.io/revision";
/// On ReplicaSets: the Deployment's spec.replicas when the RS was last scaled.
inline constexpr std::string_view kDesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
/// On ReplicaSets: spec.replicas + maxSurge when the RS was last scaled.
inline constexpr std::string_view kMaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
/// On the Deployment: a rollback request ("<revision>"; "" or "0" = the previous one).
inline constexpr std::string_view kRollbackToAnnotation = "deployment.kubernetes.io/rollback-to";
/// On the Deployment (copied to its ReplicaSets): why this revision was made.
inline constexpr std::string_view kChangeCauseAnnotation = "kubernetes.io/change-cause";
/// kubectl apply's record of the applied manifest; never copied to ReplicaSets.
inline constexpr std::string_view kLastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";
/// On the Deployment: "true" turns on herd's automatic rollback.
inline constexpr std::string_view kAutoRollbackAnnotation = "herd.io/auto-rollback";
/// On a ReplicaSet: "true" once it ran all of the Deployment's replicas available.
inline constexpr std::string_view kAvailableAnnotation = "herd.io/available";
/// On a ReplicaSet: the revision it had when herd rolled it back automatically.
inline constexpr std::string_view kAutoRolledBackAnnotation = "herd.io/auto-rolled-back-revision";

// Conditions ------------------------------------------------------------------

inline constexpr std::string_view kAvailable = "Available";
inline constexpr std::string_view kProgressing = "Progressing";

inline constexpr std::string_view kMinimumReplicasAvailable = "MinimumReplicasAvailable";
inline constexpr std::string_view kMinimumReplicasUnavailable = "MinimumReplicasUnavailable";
inline constexpr std::string_view kNewReplicaSetCreated = "NewReplicaSetCreated";
inline constexpr std::string_view kFoundNewReplicaSet = "FoundNewReplicaSet";
inline constexpr std::string_view kReplicaSetUpdated = "ReplicaSetUpdated";
inline constexpr std::string_view kNewReplicaSetAvailable = "NewReplicaSetAvailable";
inline constexpr std::string_view kProgressDeadlineExceeded = "ProgressDeadlineExceeded";
inline constexpr std::string_view kDeploymentPaused = "DeploymentPaused";
inline constexpr std::string_view kDeploymentResumed = "DeploymentResumed";
/// herd's own: the Progressing condition right after an automatic rollback.
inline constexpr std::string_view kDeploymentRolledBack = "DeploymentRolledBack";

/// Reasons of a rollback request that changed nothing (as Kubernetes' events).
inline constexpr std::string_view kRollbackRevisionNotFound = "DeploymentRollbackRevisionNotFound";
inline constexpr std::string_view kRollbackTemplateUnchanged = "DeploymentRollbackTemplateUnchanged";

// Spec with defaults ----------------------------------------------------------

/// spec.replicas; unset means 1.
int32_t desired_replicas(const api::Deployment& d);
/// spec.replicas of a ReplicaSet; unset means 1.
int32_t rs_replicas(const api::ReplicaSet& rs);
bool is_rolling_update(const api::Deployment& d);
/// spec.progressDeadlineSeconds (default 600); nullopt when there is no
/// deadline (INT32_MAX, Kubernetes' "never").
std::optional<int32_t> progress_deadline_seconds(const api::Deployment& d);
/// spec.revisionHistoryLimit (default 10); nullopt for INT32_MAX ("keep all").
std::optional<int32_t> revision_history_limit(const api::Deployment& d);

/// The rolling-update bounds resolved against spec.replicas.
struct Fenceposts {
  int32_t max_surge = 0;
  int32_t max_unavailable = 0;
};

/// Resolves maxSurge (percentages round up) and maxUnavailable (round down)
/// as Kubernetes' ResolveFenceposts, defaults 25% each. When both come out 0
/// (validation forbids it, but "0%/25%" of 1 replica rounds to it) herd
/// allows one surge pod, so the rollout moves without losing availability
/// (Kubernetes takes one unavailable pod instead).
Fenceposts resolve_fenceposts(const api::Deployment& d);
/// Surge pods a rollout may add; 0 for Recreate.
int32_t max_surge(const api::Deployment& d);
/// Pods a rollout may take away, at most spec.replicas; 0 for Recreate or 0 replicas.
int32_t max_unavailable(const api::Deployment& d);

// Templates and revisions -----------------------------------------------------

/// The template as a Value (the shape DeploymentRolledBack carries).
api::Value template_value(const api::PodTemplateSpec& t);
/// Kubernetes' ComputeHash: FNV-1a 32 of the template (here its canonical
/// JSON), then the collision count's 8 little-endian bytes when set, printed
/// in decimal and safe-encoded (no vowels, so no words), e.g. "7b9d8f6c5".
std::string template_hash(const api::PodTemplateSpec& t, std::optional<int32_t> collision_count);
/// Kubernetes' rand.SafeEncodeString: each byte mapped onto "bcdfghjklmnpqrstvwxz2456789".
std::string safe_encode(std::string_view s);
uint32_t fnv1a32(std::string_view data, uint32_t hash = 2166136261u);
/// Whether two templates are equal apart from the pod-template-hash label.
bool equal_ignore_hash(const api::PodTemplateSpec& a, const api::PodTemplateSpec& b);
/// The template without its pod-template-hash label.
api::PodTemplateSpec without_hash(api::PodTemplateSpec t);

/// The revision annotation; 0 when absent or not a number.
int64_t revision_of(const api::ObjectMeta& m);
/// An integer annotation, or nullopt when absent or not a number.
std::optional<int64_t> int_annotation(const api::ObjectMeta& m, std::string_view key);
/// Parses a whole decimal number ("12"); nullopt for anything else.
std::optional<int64_t> parse_int(std::string_view text);

/// Copies the Deployment's annotations onto `rs`, except the ones that
/// belong to one object (revision, desired/max replicas, rollback-to,
/// kubectl's last-applied); returns whether `rs` changed. This is how
/// kubernetes.io/change-cause reaches the revision's ReplicaSet.
bool copy_deployment_annotations(const api::Deployment& d, api::ReplicaSet& rs);
/// Sets the desired-replicas and max-replicas annotations; returns whether they changed.
bool set_replicas_annotations(api::ReplicaSet& rs, int32_t desired, int32_t max);

/// The controller ownerReference of `o`, or nullptr.
const api::OwnerReference* controller_of(const api::ObjectMeta& m);

// Conditions ------------------------------------------------------------------

/// `t` as RFC 3339 seconds, as Kubernetes' metav1.Time prints.
std::string format_seconds(Clock::TimePoint t);
api::Condition new_condition(std::string_view type, std::string_view status, std::string_view reason,
                             std::string message, Clock::TimePoint now);
const api::Condition* find_condition(const api::DeploymentStatus& s, std::string_view type);
/// Kubernetes' SetDeploymentCondition: no change when status and reason are
/// the same; the transition time is kept when only the reason changes.
void set_condition(api::DeploymentStatus& s, api::Condition c);
void remove_condition(api::DeploymentStatus& s, std::string_view type);

}  // namespace herd::actors::deployment
