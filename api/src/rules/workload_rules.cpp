// Rules of the replicating workloads: ReplicationController, ReplicaSet and
// Deployment. Kubernetes sources: pkg/apis/core/v1/defaults.go
// (SetDefaults_ReplicationController), pkg/apis/apps/v1/defaults.go
// (SetDefaults_Deployment) and pkg/apis/{core,apps}/validation/validation.go.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "rules/kind_rules.hpp"

namespace herd::api::rules {
namespace {

const FieldPath kMetadata("metadata");
const FieldPath kSpec("spec");

constexpr std::array<std::string_view, 1> kAlways{"Always"};
constexpr std::string_view kPercentMessage =
    "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or "
    "'93%', regex used for validation is '[0-9]+%')";

/// The template of a replicating controller: its metadata, its pod spec, and
/// what such pods may not have (Kubernetes' ValidatePodTemplateSpecForReplicaSet):
/// they must restart Always, and may not have a deadline.
void validate_replica_template(const PodTemplateSpec& t, std::string_view kind, const FieldPath& path,
                               FieldErrors& errors) {
  validate_labels(t.metadata.labels, path.child("metadata").child("labels"), errors);
  validate_annotations(t.metadata.annotations, path.child("metadata").child("annotations"), errors);
  FieldPath spec = path.child("spec");
  validate_pod_spec(t.spec, PodSpecContext{}, spec, errors);
  if (t.spec.restart_policy != "Always") {
    errors.not_supported(spec.child("restartPolicy"), t.spec.restart_policy,
                         Choices{kAlways.data(), kAlways.size()});
  }
  if (t.spec.active_deadline_seconds) {
    errors.forbidden(spec.child("activeDeadlineSeconds"),
                     "activeDeadlineSeconds in " + std::string(kind) + " is not Supported");
  }
}

/// The selector of a ReplicaSet or Deployment. A missing one is reported by
/// the table (`.required()`); an empty one would select every pod of the
/// namespace, so it is refused too.
void validate_apps_selector(const std::optional<LabelSelector>& selector, const StringMap& template_labels,
                            FieldErrors& errors) {
  if (!selector) return;
  FieldPath path = kSpec.child("selector");
  if (selector->match_labels.empty() && selector->match_expressions.empty()) {
    errors.required(path, "empty selector is invalid for deployment");
    return;
  }
  validate_label_selector(*selector, path, errors);
  validate_selector_matches(*selector, template_labels,
                            kSpec.child("template").child("metadata").child("labels"), errors);
}

/// "25%" -> 25; nullopt when `text` is not a valid percentage.
std::optional<int> parse_percent(const std::string& text) {
  if (text.size() < 2 || text.back() != '%' || text.size() > 11) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
    if (value > 1000000) value = 1000000;  // clamp: only "> 100" matters
  }
  return value;
}

/// A rolling update bound: a non-negative count or a percentage.
void validate_int_or_percent(const IntOrString& v, const FieldPath& path, FieldErrors& errors) {
  if (v.is_string()) {
    if (!parse_percent(v.string_value())) errors.invalid(path, v.string_value(), kPercentMessage);
  } else {
    validate_non_negative(v.int_value(), path, errors);
  }
}

/// The number a bound stands for when compared with zero (Kubernetes'
/// getIntOrPercentValue: an unset or malformed bound counts as 0).
int bound_value(const std::optional<IntOrString>& v) {
  if (!v) return 0;
  if (!v->is_string()) return v->int_value();
  return parse_percent(v->string_value()).value_or(0);
}

void validate_rolling_update(const RollingUpdateDeployment& r, const FieldPath& path, FieldErrors& errors) {
  FieldPath unavailable = path.child("maxUnavailable");
  if (r.max_unavailable) validate_int_or_percent(*r.max_unavailable, unavailable, errors);
  if (r.max_surge) validate_int_or_percent(*r.max_surge, path.child("maxSurge"), errors);
  // With neither surge nor unavailability allowed, a rollout could never replace a pod.
  if (bound_value(r.max_unavailable) == 0 && bound_value(r.max_surge) == 0) {
    errors.invalid(unavailable, r.max_unavailable ? r.max_unavailable->to_string() : "0",
                   "may not be 0 when `maxSurge` is 0");
  }
  // Surge may exceed 100% (extra pods); unavailability may not exceed all pods.
  if (r.max_unavailable && r.max_unavailable->is_string()) {
    std::optional<int> percent = parse_percent(r.max_unavailable->string_value());
    if (percent && *percent > 100) {
      errors.invalid(unavailable, r.max_unavailable->string_value(), "must not be greater than 100%");
    }
  }
}

void validate_strategy(const DeploymentStrategy& s, FieldErrors& errors) {
  FieldPath path = kSpec.child("strategy");
  if (s.type == "Recreate") {
    if (s.rolling_update) {
      errors.forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'");
    }
  } else if (s.type == "RollingUpdate" && s.rolling_update) {
    validate_rolling_update(*s.rolling_update, path.child("rollingUpdate"), errors);
  }
  // Any other type is reported by the table's one_of.
}

}  // namespace

// ReplicationController ---------------------------------------------------------

void apply_kind_defaults(ReplicationController& rc) {
  if (!rc.spec.pod_template) return;
  const StringMap& labels = rc.spec.pod_template->metadata.labels;
  if (rc.spec.selector.empty()) rc.spec.selector = labels;
  if (rc.metadata.labels.empty()) rc.metadata.labels = labels;
  apply_pod_spec_defaults(rc.spec.pod_template->spec, PodSpecContext{});
}

void validate_kind(const ReplicationController& rc, FieldErrors& errors) {
  validate_object_meta(rc.metadata, /*namespaced=*/true, /*name_is_label=*/false, kMetadata, errors);
  const ReplicationControllerSpec& spec = rc.spec;
  if (spec.replicas) validate_non_negative(*spec.replicas, kSpec.child("replicas"), errors);
  validate_non_negative(spec.min_ready_seconds, kSpec.child("minReadySeconds"), errors);
  if (spec.selector.empty()) errors.required(kSpec.child("selector"));
  FieldPath template_path = kSpec.child("template");
  if (!spec.pod_template) {
    errors.required(template_path);
    return;
  }
  if (!spec.selector.empty()) {
    validate_selector_matches(LabelSelector{spec.selector, {}}, spec.pod_template->metadata.labels,
                              template_path.child("metadata").child("labels"), errors);
  }
  validate_replica_template(*spec.pod_template, "ReplicationController", template_path, errors);
}

// ReplicaSet ------------------------------------------------------------------------

void apply_kind_defaults(ReplicaSet& rs) { apply_pod_spec_defaults(rs.spec.pod_template.spec, PodSpecContext{}); }

void validate_kind(const ReplicaSet& rs, FieldErrors& errors) {
  validate_object_meta(rs.metadata, /*namespaced=*/true, /*name_is_label=*/false, kMetadata, errors);
  const ReplicaSetSpec& spec = rs.spec;
  if (spec.replicas) validate_non_negative(*spec.replicas, kSpec.child("replicas"), errors);
  validate_non_negative(spec.min_ready_seconds, kSpec.child("minReadySeconds"), errors);
  validate_apps_selector(spec.selector, spec.pod_template.metadata.labels, errors);
  validate_replica_template(spec.pod_template, "ReplicaSet", kSpec.child("template"), errors);
}

// Deployment ------------------------------------------------------------------------

void apply_kind_defaults(Deployment& d) {
  // The bounds default only for RollingUpdate: Recreate must not carry them.
  DeploymentStrategy& strategy = d.spec.strategy;
  if (strategy.type == "RollingUpdate") {
    RollingUpdateDeployment& r = strategy.rolling_update ? *strategy.rolling_update
                                                         : strategy.rolling_update.emplace();
    if (!r.max_unavailable) r.max_unavailable = IntOrString::from_string("25%");
    if (!r.max_surge) r.max_surge = IntOrString::from_string("25%");
  }
  apply_pod_spec_defaults(d.spec.pod_template.spec, PodSpecContext{});
}

void validate_kind(const Deployment& d, FieldErrors& errors) {
  validate_object_meta(d.metadata, /*namespaced=*/true, /*name_is_label=*/false, kMetadata, errors);
  const DeploymentSpec& spec = d.spec;
  if (spec.replicas) validate_non_negative(*spec.replicas, kSpec.child("replicas"), errors);
  validate_apps_selector(spec.selector, spec.pod_template.metadata.labels, errors);
  validate_replica_template(spec.pod_template, "Deployment", kSpec.child("template"), errors);
  validate_strategy(spec.strategy, errors);
  validate_non_negative(spec.min_ready_seconds, kSpec.child("minReadySeconds"), errors);
  if (spec.revision_history_limit) {
    validate_non_negative(*spec.revision_history_limit, kSpec.child("revisionHistoryLimit"), errors);
  }
  if (spec.progress_deadline_seconds) {
    FieldPath path = kSpec.child("progressDeadlineSeconds");
    int32_t deadline = *spec.progress_deadline_seconds;
    validate_non_negative(deadline, path, errors);
    // A pod must be able to become available before the rollout is declared stuck.
    if (deadline <= spec.min_ready_seconds) {
      errors.invalid(path, std::to_string(deadline), "must be greater than minReadySeconds");
    }
  }
}

}  // namespace herd::api::rules
