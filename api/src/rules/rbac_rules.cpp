// Rules of Role, ClusterRole, RoleBinding and ClusterRoleBinding. Kubernetes
// sources: pkg/apis/rbac/v1/defaults.go and pkg/apis/rbac/validation/validation.go.
// RBAC object names only have to be usable as one URL path segment.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/names.hpp"
#include "rules/kind_rules.hpp"

namespace herd::api::rules {
namespace {

const FieldPath kMetadata("metadata");

constexpr std::array<std::string_view, 1> kRbacGroups{kRbacGroup};

/// Namespaced rules (in a Role) cannot grant non-resource URLs, and a rule
/// grants either resources or URLs, never both.
void validate_policy_rule(const PolicyRule& rule, bool namespaced, const FieldPath& path, FieldErrors& errors) {
  if (!rule.non_resource_urls.empty()) {
    FieldPath urls = path.child("nonResourceURLs");
    std::string shown = join(rule.non_resource_urls);
    if (namespaced) errors.invalid(urls, shown, "namespaced rules cannot apply to non-resource URLs");
    if (!rule.api_groups.empty() || !rule.resources.empty() || !rule.resource_names.empty()) {
      errors.invalid(urls, shown, "rules cannot apply to both regular resources and non-resource URLs");
    }
    return;
  }
  if (rule.api_groups.empty()) {
    errors.required(path.child("apiGroups"), "resource rules must supply at least one api group");
  }
  if (rule.resources.empty()) {
    errors.required(path.child("resources"), "resource rules must supply at least one resource");
  }
}

void validate_rules(const std::vector<PolicyRule>& rules, bool namespaced, FieldErrors& errors) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    validate_policy_rule(rules[i], namespaced, FieldPath("rules").index(i), errors);
  }
}

/// `namespaced`: the subject belongs to a RoleBinding, whose namespace a
/// ServiceAccount without one defaults to.
void validate_subject(const Subject& s, bool namespaced, const FieldPath& path, FieldErrors& errors) {
  FieldPath api_group = path.child("apiGroup");
  if (s.kind == "ServiceAccount") {
    if (!s.name.empty()) {
      report_all(is_dns1123_subdomain(s.name), path.child("name"), s.name, errors);
    }
    if (!s.api_group.empty()) {
      // FieldErrors::not_supported does not list "", the one allowed value here.
      errors.add(api_group, "Unsupported value: \"" + s.api_group + "\": supported values: \"\"");
    }
    if (!namespaced && s.namespace_.empty()) errors.required(path.child("namespace"));
  } else if (s.kind == "User" || s.kind == "Group") {
    if (s.api_group != kRbacGroup) {
      errors.not_supported(api_group, s.api_group, Choices{kRbacGroups.data(), kRbacGroups.size()});
    }
  }
  // Any other kind is reported by the table's one_of.
}

/// `allowed_kinds`: Role and ClusterRole for a RoleBinding, ClusterRole for a ClusterRoleBinding.
void validate_binding(const RoleRef& ref, const std::vector<Subject>& subjects, bool namespaced,
                      const Choices& allowed_kinds, FieldErrors& errors) {
  FieldPath role_ref("roleRef");
  if (ref.api_group != kRbacGroup) {
    errors.not_supported(role_ref.child("apiGroup"), ref.api_group, Choices{kRbacGroups.data(), kRbacGroups.size()});
  }
  if (!ref.kind.empty() && !allowed_kinds.contains(ref.kind)) {
    errors.not_supported(role_ref.child("kind"), ref.kind, allowed_kinds);
  }
  report_all(is_path_segment_name(ref.name), role_ref.child("name"), ref.name, errors);
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    validate_subject(subjects[i], namespaced, FieldPath("subjects").index(i), errors);
  }
}

void default_subjects(std::vector<Subject>& subjects) {
  for (Subject& s : subjects) {
    if (s.api_group.empty() && (s.kind == "User" || s.kind == "Group")) s.api_group = std::string(kRbacGroup);
  }
}

}  // namespace

// Role / ClusterRole ------------------------------------------------------------------

void apply_kind_defaults(Role& /*role*/) {}

void validate_kind(const Role& role, FieldErrors& errors) {
  validate_path_segment_meta(role.metadata, /*namespaced=*/true, kMetadata, errors);
  validate_rules(role.rules, /*namespaced=*/true, errors);
}

void apply_kind_defaults(ClusterRole& /*role*/) {}

void validate_kind(const ClusterRole& role, FieldErrors& errors) {
  validate_path_segment_meta(role.metadata, /*namespaced=*/false, kMetadata, errors);
  validate_rules(role.rules, /*namespaced=*/false, errors);
  if (!role.aggregation_rule) return;
  FieldPath selectors = FieldPath("aggregationRule").child("clusterRoleSelectors");
  const std::vector<LabelSelector>& list = role.aggregation_rule->cluster_role_selectors;
  if (list.empty()) {
    errors.required(selectors, "at least one clusterRoleSelector required if aggregationRule is non-nil");
  }
  for (std::size_t i = 0; i < list.size(); ++i) validate_label_selector(list[i], selectors.index(i), errors);
}

// RoleBinding / ClusterRoleBinding ----------------------------------------------------

void apply_kind_defaults(RoleBinding& binding) { default_subjects(binding.subjects); }

void validate_kind(const RoleBinding& binding, FieldErrors& errors) {
  static constexpr std::array<std::string_view, 2> kKinds{"Role", "ClusterRole"};
  validate_path_segment_meta(binding.metadata, /*namespaced=*/true, kMetadata, errors);
  validate_binding(binding.role_ref, binding.subjects, /*namespaced=*/true, Choices{kKinds.data(), kKinds.size()},
                   errors);
}

void apply_kind_defaults(ClusterRoleBinding& binding) { default_subjects(binding.subjects); }

void validate_kind(const ClusterRoleBinding& binding, FieldErrors& errors) {
  static constexpr std::array<std::string_view, 1> kKinds{"ClusterRole"};
  validate_path_segment_meta(binding.metadata, /*namespaced=*/false, kMetadata, errors);
  validate_binding(binding.role_ref, binding.subjects, /*namespaced=*/false, Choices{kKinds.data(), kKinds.size()},
                   errors);
}

}  // namespace herd::api::rules
