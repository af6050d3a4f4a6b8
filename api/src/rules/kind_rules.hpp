#pragma once

// Internal: the per-kind rules that the schema tables cannot express.
//
// For every kind K of Object there is a pair
//   void apply_kind_defaults(K&);                  // defaults that depend on other fields
//   void validate_kind(const K&, FieldErrors&);    // cross-field and format checks
// called after the table-driven passes (schema/defaults.hpp, schema/table_validation.hpp),
// so they need not repeat required-field or enumeration checks.
// Pod rules, shared by every kind with a pod template, are in pod_rules.cpp.

#include <string>
#include <string_view>
#include <vector>

#include "herd/api/field_errors.hpp"
#include "herd/api/object.hpp"

namespace herd::api::rules {

/// How a pod spec is used, which changes what is valid in it.
struct PodSpecContext {
  /// A Job's template: restartPolicy must be Never or OnFailure, and is not
  /// defaulted to Always (so a missing one is reported as missing).
  bool job_template = false;
};

// Shared rules -----------------------------------------------------------

/// Adds one "Invalid value" error at `path`, showing `value`, for each string of
/// `problems` (the result of a check from names.hpp such as is_dns1123_label).
/// Adds nothing when `problems` is empty.
void report_all(const std::vector<std::string>& problems, const FieldPath& path, std::string_view value,
                FieldErrors& errors);
/// `values` joined by ',' ("a,b,c"; "" when empty): how a list field is shown as an invalid value.
std::string join(const std::vector<std::string>& values);
/// name (or generateName), namespace presence as the kind requires, labels and annotations.
/// `name_is_label`: the name must be a DNS-1123 label (Namespace, Service) rather than a subdomain.
void validate_object_meta(const ObjectMeta& meta, bool namespaced, bool name_is_label,
                          const FieldPath& path, FieldErrors& errors);
/// Like validate_object_meta for kinds whose names need only be URL path segments
/// (RBAC kinds, Event): name and generateName are checked with is_path_segment_name.
void validate_path_segment_meta(const ObjectMeta& meta, bool namespaced, const FieldPath& path,
                                FieldErrors& errors);
/// Label keys are qualified names, values valid label values.
void validate_labels(const StringMap& labels, const FieldPath& path, FieldErrors& errors);
/// Annotation keys are qualified names; total size at most 256 KiB.
void validate_annotations(const StringMap& annotations, const FieldPath& path, FieldErrors& errors);
/// A LabelSelector's labels and requirements, as api::validate_label_selector
/// checks them, each problem reported under `path` ("spec.selector.matchLabels").
void validate_label_selector(const LabelSelector& selector, const FieldPath& path, FieldErrors& errors);
/// The template's labels must satisfy the selector ("`selector` does not match template `labels`").
void validate_selector_matches(const LabelSelector& selector, const StringMap& template_labels,
                               const FieldPath& template_labels_path, FieldErrors& errors);
void validate_pod_spec(const PodSpec& spec, const PodSpecContext& context, const FieldPath& path,
                       FieldErrors& errors);
void apply_pod_spec_defaults(PodSpec& spec, const PodSpecContext& context);
/// `value` must be a port number 1-65535.
void validate_port_number(int64_t value, const FieldPath& path, FieldErrors& errors);
/// `port` must be a port number or an IANA service name.
void validate_port_or_name(const IntOrString& port, const FieldPath& path, FieldErrors& errors);
/// Non-negative integer fields.
void validate_non_negative(int64_t value, const FieldPath& path, FieldErrors& errors);

// Per kind ----------------------------------------------------------------

#define HERD_KIND_RULES(K)        \
  void apply_kind_defaults(K& object); \
  void validate_kind(const K& object, FieldErrors& errors)

HERD_KIND_RULES(Pod);
HERD_KIND_RULES(ReplicationController);
HERD_KIND_RULES(ReplicaSet);
HERD_KIND_RULES(Deployment);
HERD_KIND_RULES(Service);
HERD_KIND_RULES(Endpoints);
HERD_KIND_RULES(ConfigMap);
HERD_KIND_RULES(Secret);
HERD_KIND_RULES(Job);
HERD_KIND_RULES(CronJob);
HERD_KIND_RULES(Namespace);
HERD_KIND_RULES(Node);
HERD_KIND_RULES(Role);
HERD_KIND_RULES(ClusterRole);
HERD_KIND_RULES(RoleBinding);
HERD_KIND_RULES(ClusterRoleBinding);
HERD_KIND_RULES(NetworkPolicy);
HERD_KIND_RULES(Ingress);
HERD_KIND_RULES(Event);

#undef HERD_KIND_RULES

}  // namespace herd::api::rules
