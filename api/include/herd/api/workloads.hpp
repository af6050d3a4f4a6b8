#pragma once

// The replicating workload kinds: ReplicationController (core/v1), ReplicaSet
// and Deployment (apps/v1). Each keeps `replicas` copies of a pod template
// running; Deployment adds rollouts between templates through ReplicaSets.
//
// Defaults that are constants sit in the tables below; the ones that depend
// on other fields (RC selector and labels from the template, the rolling
// update bounds) are applied by api/src/rules/workload_rules.cpp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "herd/api/int_or_string.hpp"
#include "herd/api/meta.hpp"
#include "herd/api/pod.hpp"
#include "herd/api/schema.hpp"

namespace herd::api {

inline constexpr std::array<std::string_view, 2> kDeploymentStrategyTypes{"Recreate",
                                                                         "RollingUpdate"};

// ReplicationController ---------------------------------------------------

/// What a ReplicationController keeps running. The selector is a plain label
/// map (equality only); it and the object's labels default to the template's labels.
struct ReplicationControllerSpec {
  std::optional<int32_t> replicas;  ///< Unset means 1 (table default).
  int32_t min_ready_seconds = 0;
  StringMap selector;
  std::optional<PodTemplateSpec> pod_template;  ///< Required by validation.
  bool operator==(const ReplicationControllerSpec&) const = default;
};
HERD_SCHEMA(ReplicationControllerSpec,
  field("replicas", &ReplicationControllerSpec::replicas).defaults("1"),
  field("minReadySeconds", &ReplicationControllerSpec::min_ready_seconds),
  field("selector", &ReplicationControllerSpec::selector),
  field("template", &ReplicationControllerSpec::pod_template));

/// What a ReplicationController or ReplicaSet last observed (written by its
/// controller only); the two kinds report the same fields.
struct ReplicaStatus {
  int32_t replicas = 0;
  int32_t fully_labeled_replicas = 0;
  int32_t ready_replicas = 0;
  int32_t available_replicas = 0;
  int64_t observed_generation = 0;
  std::vector<Condition> conditions;
  bool operator==(const ReplicaStatus&) const = default;
};
HERD_SCHEMA(ReplicaStatus,
  field("replicas", &ReplicaStatus::replicas),
  field("fullyLabeledReplicas", &ReplicaStatus::fully_labeled_replicas),
  field("readyReplicas", &ReplicaStatus::ready_replicas),
  field("availableReplicas", &ReplicaStatus::available_replicas),
  field("observedGeneration", &ReplicaStatus::observed_generation),
  field("conditions", &ReplicaStatus::conditions));
using ReplicationControllerStatus = ReplicaStatus;
using ReplicaSetStatus = ReplicaStatus;

/// The original replicating controller (core/v1), superseded by ReplicaSet.
struct ReplicationController {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  ReplicationControllerSpec spec;
  ReplicationControllerStatus status;
  bool operator==(const ReplicationController&) const = default;
};
HERD_SCHEMA(ReplicationController,
  field("apiVersion", &ReplicationController::api_version),
  field("kind", &ReplicationController::kind),
  field("metadata", &ReplicationController::metadata),
  field("spec", &ReplicationController::spec),
  field("status", &ReplicationController::status));

// ReplicaSet ----------------------------------------------------------------

/// What a ReplicaSet keeps running: `replicas` pods matching `selector`.
struct ReplicaSetSpec {
  std::optional<int32_t> replicas;  ///< Unset means 1 (table default).
  int32_t min_ready_seconds = 0;
  std::optional<LabelSelector> selector;  ///< Required; must match the template's labels.
  PodTemplateSpec pod_template;
  bool operator==(const ReplicaSetSpec&) const = default;
};
HERD_SCHEMA(ReplicaSetSpec,
  field("replicas", &ReplicaSetSpec::replicas).defaults("1"),
  field("minReadySeconds", &ReplicaSetSpec::min_ready_seconds),
  field("selector", &ReplicaSetSpec::selector).required(),
  field("template", &ReplicaSetSpec::pod_template));

/// Keeps a set of identical pods running (apps/v1); usually owned by a Deployment.
struct ReplicaSet {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  ReplicaSetSpec spec;
  ReplicaSetStatus status;
  bool operator==(const ReplicaSet&) const = default;
};
HERD_SCHEMA(ReplicaSet,
  field("apiVersion", &ReplicaSet::api_version),
  field("kind", &ReplicaSet::kind),
  field("metadata", &ReplicaSet::metadata),
  field("spec", &ReplicaSet::spec),
  field("status", &ReplicaSet::status));

// Deployment ----------------------------------------------------------------

/// Bounds of a rolling update: absolute counts or percentages ("25%") of replicas.
/// Both default to 25%, and only when the strategy type is RollingUpdate.
struct RollingUpdateDeployment {
  std::optional<IntOrString> max_unavailable;
  std::optional<IntOrString> max_surge;
  bool operator==(const RollingUpdateDeployment&) const = default;
};
HERD_SCHEMA(RollingUpdateDeployment,
  field("maxUnavailable", &RollingUpdateDeployment::max_unavailable),
  field("maxSurge", &RollingUpdateDeployment::max_surge));

/// How a Deployment replaces old pods: all at once (Recreate) or gradually.
struct DeploymentStrategy {
  std::string type;
  std::optional<RollingUpdateDeployment> rolling_update;  ///< Only with RollingUpdate.
  bool operator==(const DeploymentStrategy&) const = default;
};
HERD_SCHEMA(DeploymentStrategy,
  field("type", &DeploymentStrategy::type).defaults("RollingUpdate").one_of(kDeploymentStrategyTypes),
  field("rollingUpdate", &DeploymentStrategy::rolling_update));

/// The desired state of a Deployment.
struct DeploymentSpec {
  std::optional<int32_t> replicas;  ///< Unset means 1 (table default).
  std::optional<LabelSelector> selector;  ///< Required; must match the template's labels.
  PodTemplateSpec pod_template;
  DeploymentStrategy strategy;
  int32_t min_ready_seconds = 0;
  std::optional<int32_t> revision_history_limit;
  bool paused = false;
  std::optional<int32_t> progress_deadline_seconds;  ///< Must exceed minReadySeconds.
  bool operator==(const DeploymentSpec&) const = default;
};
HERD_SCHEMA(DeploymentSpec,
  field("replicas", &DeploymentSpec::replicas).defaults("1"),
  field("selector", &DeploymentSpec::selector).required(),
  field("template", &DeploymentSpec::pod_template).required(),
  field("strategy", &DeploymentSpec::strategy),
  field("minReadySeconds", &DeploymentSpec::min_ready_seconds),
  field("revisionHistoryLimit", &DeploymentSpec::revision_history_limit).defaults("10"),
  field("paused", &DeploymentSpec::paused),
  field("progressDeadlineSeconds", &DeploymentSpec::progress_deadline_seconds).defaults("600"));

/// What a Deployment last observed (written by its controller only).
struct DeploymentStatus {
  int64_t observed_generation = 0;
  int32_t replicas = 0;
  int32_t updated_replicas = 0;
  int32_t ready_replicas = 0;
  int32_t available_replicas = 0;
  int32_t unavailable_replicas = 0;
  std::vector<Condition> conditions;
  std::optional<int32_t> collision_count;
  bool operator==(const DeploymentStatus&) const = default;
};
HERD_SCHEMA(DeploymentStatus,
  field("observedGeneration", &DeploymentStatus::observed_generation),
  field("replicas", &DeploymentStatus::replicas),
  field("updatedReplicas", &DeploymentStatus::updated_replicas),
  field("readyReplicas", &DeploymentStatus::ready_replicas),
  field("availableReplicas", &DeploymentStatus::available_replicas),
  field("unavailableReplicas", &DeploymentStatus::unavailable_replicas),
  field("conditions", &DeploymentStatus::conditions),
  field("collisionCount", &DeploymentStatus::collision_count));

/// Declarative updates for pods (apps/v1): rolls a pod template out through ReplicaSets.
struct Deployment {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  DeploymentSpec spec;
  DeploymentStatus status;
  bool operator==(const Deployment&) const = default;
};
HERD_SCHEMA(Deployment,
  field("apiVersion", &Deployment::api_version),
  field("kind", &Deployment::kind),
  field("metadata", &Deployment::metadata),
  field("spec", &Deployment::spec),
  field("status", &Deployment::status));

}  // namespace herd::api
