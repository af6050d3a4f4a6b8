#pragma once

// Role-based access control (rbac.authorization.k8s.io/v1): Role and
// ClusterRole grant permissions, RoleBinding and ClusterRoleBinding give them
// to users, groups and service accounts. None of them has a spec.
//
// Subject.apiGroup defaults by kind in api/src/rules/rbac_rules.cpp.

#include <optional>
#include <string>
#include <vector>

#include "herd/api/meta.hpp"
#include "herd/api/schema.hpp"

namespace herd::api {

/// The API group of RBAC, and the only group a roleRef (and a User or Group subject) may name.
inline constexpr std::string_view kRbacGroup = "rbac.authorization.k8s.io";
inline constexpr std::array<std::string_view, 3> kSubjectKinds{"User", "Group", "ServiceAccount"};

/// One permission: `verbs` on `resources` in `apiGroups` (optionally only
/// `resourceNames`), or on raw `nonResourceURLs` (ClusterRole only).
struct PolicyRule {
  std::vector<std::string> verbs;
  std::vector<std::string> api_groups;
  std::vector<std::string> resources;
  std::vector<std::string> resource_names;
  std::vector<std::string> non_resource_urls;
  bool operator==(const PolicyRule&) const = default;
};
HERD_SCHEMA(PolicyRule,
  field("verbs", &PolicyRule::verbs).required(),
  field("apiGroups", &PolicyRule::api_groups),
  field("resources", &PolicyRule::resources),
  field("resourceNames", &PolicyRule::resource_names),
  field("nonResourceURLs", &PolicyRule::non_resource_urls));

/// Permissions within one namespace.
struct Role {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  std::vector<PolicyRule> rules;
  bool operator==(const Role&) const = default;
};
HERD_SCHEMA(Role,
  field("apiVersion", &Role::api_version),
  field("kind", &Role::kind),
  field("metadata", &Role::metadata),
  field("rules", &Role::rules));

/// Builds a ClusterRole's rules from the ClusterRoles its selectors match.
struct AggregationRule {
  std::vector<LabelSelector> cluster_role_selectors;
  bool operator==(const AggregationRule&) const = default;
};
HERD_SCHEMA(AggregationRule,
  field("clusterRoleSelectors", &AggregationRule::cluster_role_selectors));

/// Permissions across the cluster, or on non-resource URLs (cluster-scoped).
struct ClusterRole {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  std::vector<PolicyRule> rules;
  std::optional<AggregationRule> aggregation_rule;  ///< When set, the controller owns `rules`.
  bool operator==(const ClusterRole&) const = default;
};
HERD_SCHEMA(ClusterRole,
  field("apiVersion", &ClusterRole::api_version),
  field("kind", &ClusterRole::kind),
  field("metadata", &ClusterRole::metadata),
  field("rules", &ClusterRole::rules),
  field("aggregationRule", &ClusterRole::aggregation_rule));

/// Who a binding grants to: a User, a Group or a ServiceAccount.
struct Subject {
  std::string kind;
  std::string api_group;  ///< "" for ServiceAccount, rbac.authorization.k8s.io otherwise.
  std::string name;
  std::string namespace_;  ///< ServiceAccount only; required in a ClusterRoleBinding.
  bool operator==(const Subject&) const = default;
};
HERD_SCHEMA(Subject,
  field("kind", &Subject::kind).required().one_of(kSubjectKinds),
  field("apiGroup", &Subject::api_group),
  field("name", &Subject::name).required(),
  field("namespace", &Subject::namespace_));

/// The role a binding grants: a Role or ClusterRole (RoleBinding), a ClusterRole (ClusterRoleBinding).
struct RoleRef {
  std::string api_group;
  std::string kind;
  std::string name;
  bool operator==(const RoleRef&) const = default;
};
HERD_SCHEMA(RoleRef,
  field("apiGroup", &RoleRef::api_group).required().defaults(kRbacGroup),
  field("kind", &RoleRef::kind).required(),
  field("name", &RoleRef::name).required());

/// Grants a Role's (or a ClusterRole's) permissions within one namespace.
struct RoleBinding {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  std::vector<Subject> subjects;
  RoleRef role_ref;
  bool operator==(const RoleBinding&) const = default;
};
HERD_SCHEMA(RoleBinding,
  field("apiVersion", &RoleBinding::api_version),
  field("kind", &RoleBinding::kind),
  field("metadata", &RoleBinding::metadata),
  field("subjects", &RoleBinding::subjects),
  field("roleRef", &RoleBinding::role_ref).required());

/// Grants a ClusterRole's permissions across the cluster (cluster-scoped).
struct ClusterRoleBinding {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  std::vector<Subject> subjects;
  RoleRef role_ref;
  bool operator==(const ClusterRoleBinding&) const = default;
};
HERD_SCHEMA(ClusterRoleBinding,
  field("apiVersion", &ClusterRoleBinding::api_version),
  field("kind", &ClusterRoleBinding::kind),
  field("metadata", &ClusterRoleBinding::metadata),
  field("subjects", &ClusterRoleBinding::subjects),
  field("roleRef", &ClusterRoleBinding::role_ref).required());

}  // namespace herd::api
