#pragma once

// ObjectMeta and the other pieces every kind shares (Kubernetes' meta/v1).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "herd/api/label_selector.hpp"
#include "herd/api/schema.hpp"

namespace herd::api {

/// String-to-string maps: labels, annotations, nodeSelector, ConfigMap data.
using StringMap = std::map<std::string, std::string>;

/// Timestamps are RFC 3339 strings in UTC ("2026-11-27T09:03:05Z"), as on the wire.
using Time = std::string;

/// Points from a dependent to its owner (garbage collection, adoption).
struct OwnerReference {
  std::string api_version;
  std::string kind;
  std::string name;
  std::string uid;
  std::optional<bool> controller;
  std::optional<bool> block_owner_deletion;
  bool operator==(const OwnerReference&) const = default;
};
HERD_SCHEMA(OwnerReference,
  field("apiVersion", &OwnerReference::api_version).required(),
  field("kind", &OwnerReference::kind).required(),
  field("name", &OwnerReference::name).required(),
  field("uid", &OwnerReference::uid).required(),
  field("controller", &OwnerReference::controller),
  field("blockOwnerDeletion", &OwnerReference::block_owner_deletion));

/// Metadata every object has. The server owns uid, resourceVersion,
/// generation and the timestamps; users set the rest.
struct ObjectMeta {
  std::string name;
  std::string generate_name;
  std::string namespace_;
  std::string uid;
  std::string resource_version;
  int64_t generation = 0;
  Time creation_timestamp;
  Time deletion_timestamp;
  std::optional<int64_t> deletion_grace_period_seconds;
  StringMap labels;
  StringMap annotations;
  std::vector<OwnerReference> owner_references;
  std::vector<std::string> finalizers;
  bool operator==(const ObjectMeta&) const = default;
};
HERD_SCHEMA(ObjectMeta,
  field("name", &ObjectMeta::name),
  field("generateName", &ObjectMeta::generate_name),
  field("namespace", &ObjectMeta::namespace_),
  field("uid", &ObjectMeta::uid),
  field("resourceVersion", &ObjectMeta::resource_version),
  field("generation", &ObjectMeta::generation),
  field("creationTimestamp", &ObjectMeta::creation_timestamp),
  field("deletionTimestamp", &ObjectMeta::deletion_timestamp),
  field("deletionGracePeriodSeconds", &ObjectMeta::deletion_grace_period_seconds),
  field("labels", &ObjectMeta::labels),
  field("annotations", &ObjectMeta::annotations),
  field("ownerReferences", &ObjectMeta::owner_references),
  field("finalizers", &ObjectMeta::finalizers));

HERD_SCHEMA(LabelSelectorRequirement,
  field("key", &LabelSelectorRequirement::key).required(),
  field("operator", &LabelSelectorRequirement::op).required(),
  field("values", &LabelSelectorRequirement::values));

HERD_SCHEMA(LabelSelector,
  field("matchLabels", &LabelSelector::match_labels),
  field("matchExpressions", &LabelSelector::match_expressions));

/// The common condition shape of workload kinds (Deployment, Job, ...).
struct Condition {
  std::string type;
  std::string status;  ///< "True", "False" or "Unknown".
  Time last_update_time;
  Time last_transition_time;
  Time last_probe_time;
  std::string reason;
  std::string message;
  bool operator==(const Condition&) const = default;
};
inline constexpr std::array<std::string_view, 3> kConditionStatuses{"True", "False", "Unknown"};
HERD_SCHEMA(Condition,
  field("type", &Condition::type).required(),
  field("status", &Condition::status).required().one_of(kConditionStatuses),
  field("lastUpdateTime", &Condition::last_update_time),
  field("lastTransitionTime", &Condition::last_transition_time),
  field("lastProbeTime", &Condition::last_probe_time),
  field("reason", &Condition::reason),
  field("message", &Condition::message));

/// A reference to an object in the same namespace by name.
struct LocalObjectReference {
  std::string name;
  bool operator==(const LocalObjectReference&) const = default;
};
HERD_SCHEMA(LocalObjectReference, field("name", &LocalObjectReference::name));

}  // namespace herd::api
