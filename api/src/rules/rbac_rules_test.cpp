#include <string>

#include <gtest/gtest.h>

#include "rules/rules_test_util.hpp"

namespace herd::api::rules {
namespace {

using testing::dump;
using testing::has_error;
using testing::validate;

PolicyRule read_pods() { return PolicyRule{{"get", "list", "watch"}, {""}, {"pods"}, {}, {}}; }

Role pod_reader() {
  Role role;
  role.metadata.name = "pod-reader";
  role.metadata.namespace_ = "default";
  role.rules = {read_pods()};
  return role;
}

ClusterRole metrics_reader() {
  ClusterRole role;
  role.metadata.name = "system:metrics-reader";
  role.rules = {read_pods(), PolicyRule{{"get"}, {}, {}, {}, {"/metrics", "/healthz"}}};
  return role;
}

RoleRef role_ref(std::string kind, std::string name) {
  return RoleRef{std::string(kRbacGroup), std::move(kind), std::move(name)};
}

RoleBinding read_pods_binding() {
  RoleBinding b;
  b.metadata.name = "read-pods";
  b.metadata.namespace_ = "default";
  b.subjects = {Subject{"User", "", "jane", ""}, Subject{"ServiceAccount", "", "builder", ""}};
  b.role_ref = role_ref("Role", "pod-reader");
  return b;
}

ClusterRoleBinding metrics_binding() {
  ClusterRoleBinding b;
  b.metadata.name = "metrics";
  b.subjects = {Subject{"Group", "", "system:monitoring", ""},
                Subject{"ServiceAccount", "", "prometheus", "monitoring"}};
  b.role_ref = role_ref("ClusterRole", "system:metrics-reader");
  return b;
}

// Roles ------------------------------------------------------------------------------

TEST(RoleValidation, AcceptsAValidRole) {
  FieldErrors errors = validate(pod_reader());
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(RoleValidation, ResourceRulesNeedGroupsAndResources) {
  Role role = pod_reader();
  role.rules = {PolicyRule{{"get"}, {}, {}, {}, {}}};
  FieldErrors errors = validate(role);
  EXPECT_TRUE(has_error(errors, "rules[0].apiGroups", "resource rules must supply at least one api group"));
  EXPECT_TRUE(has_error(errors, "rules[0].resources", "resource rules must supply at least one resource"));
}

TEST(RoleValidation, ForbidsNonResourceUrlsInNamespacedRules) {
  Role role = pod_reader();
  role.rules = {PolicyRule{{"get"}, {}, {}, {}, {"/healthz"}}};
  EXPECT_TRUE(has_error(validate(role), "rules[0].nonResourceURLs",
                        "namespaced rules cannot apply to non-resource URLs"));
}

TEST(RoleValidation, NameIsAPathSegment) {
  Role role = pod_reader();
  role.metadata.name = "system:pod-reader";
  EXPECT_TRUE(validate(role).list().empty());
  role.metadata.name = "a/b";
  EXPECT_TRUE(has_error(validate(role), "metadata.name", "may not contain '/'"));
}

TEST(RoleValidation, NameAndGenerateNameUseKubernetesPathSegmentWording) {
  Role role = pod_reader();
  role.metadata.name = "..";
  EXPECT_TRUE(has_error(validate(role), "metadata.name", "Invalid value: \"..\": may not be '..'"));
  role.metadata.name.clear();
  role.metadata.generate_name = "a%b/";
  FieldErrors errors = validate(role);
  EXPECT_TRUE(has_error(errors, "metadata.generateName", "may not contain '/'")) << dump(errors);
  EXPECT_TRUE(has_error(errors, "metadata.generateName", "may not contain '%'")) << dump(errors);
}

TEST(ClusterRoleValidation, AcceptsNonResourceUrls) {
  FieldErrors errors = validate(metrics_reader());
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(ClusterRoleValidation, RuleCannotMixResourcesAndUrls) {
  ClusterRole role = metrics_reader();
  role.rules[1].resources = {"pods"};
  EXPECT_TRUE(has_error(validate(role), "rules[1].nonResourceURLs",
                        "rules cannot apply to both regular resources and non-resource URLs"));
}

TEST(ClusterRoleValidation, AggregationRuleNeedsSelectors) {
  ClusterRole role = metrics_reader();
  role.aggregation_rule = AggregationRule{};
  EXPECT_TRUE(has_error(validate(role), "aggregationRule.clusterRoleSelectors", "Required value"));
  role.aggregation_rule->cluster_role_selectors = {LabelSelector{{}, {{"rbac.example.com/aggregate", "In", {}}}}};
  EXPECT_TRUE(has_error(validate(role), "aggregationRule.clusterRoleSelectors[0].matchExpressions[0].values",
                        "Required value"));
}

TEST(ClusterRoleValidation, IsClusterScoped) {
  ClusterRole role = metrics_reader();
  role.metadata.namespace_ = "default";
  EXPECT_TRUE(has_error(validate(role), "metadata.namespace", "Forbidden"));
}

// Bindings ---------------------------------------------------------------------------

TEST(RoleBindingDefaults, SubjectApiGroupFollowsKind) {
  RoleBinding b = read_pods_binding();
  b.subjects.push_back(Subject{"Group", "", "devs", ""});
  apply_kind_defaults(b);
  EXPECT_EQ(b.subjects[0].api_group, kRbacGroup);
  EXPECT_EQ(b.subjects[1].api_group, "");
  EXPECT_EQ(b.subjects[2].api_group, kRbacGroup);
}

TEST(RoleBindingValidation, AcceptsAValidBinding) {
  RoleBinding b = read_pods_binding();
  apply_kind_defaults(b);
  FieldErrors errors = validate(b);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(RoleBindingValidation, RoleRefMustBeAnRbacRole) {
  RoleBinding b = read_pods_binding();
  apply_kind_defaults(b);
  b.role_ref = RoleRef{"example.com", "Policy", "x/y"};
  FieldErrors errors = validate(b);
  EXPECT_TRUE(has_error(errors, "roleRef.apiGroup", "supported values: \"rbac.authorization.k8s.io\""));
  EXPECT_TRUE(has_error(errors, "roleRef.kind", "supported values: \"Role\", \"ClusterRole\""));
  EXPECT_TRUE(has_error(errors, "roleRef.name", "may not contain '/'"));
}

TEST(RoleBindingValidation, ServiceAccountSubjectsHaveTheCoreGroup) {
  RoleBinding b = read_pods_binding();
  apply_kind_defaults(b);
  b.subjects[1].api_group = std::string(kRbacGroup);
  EXPECT_TRUE(has_error(validate(b), "subjects[1].apiGroup", "Unsupported value"));
}

TEST(RoleBindingValidation, UserSubjectsHaveTheRbacGroup) {
  RoleBinding b = read_pods_binding();
  b.subjects[0].api_group = "example.com";
  EXPECT_TRUE(has_error(validate(b), "subjects[0].apiGroup", "Unsupported value"));
}

TEST(RoleBindingValidation, ServiceAccountNamesAreSubdomains) {
  RoleBinding b = read_pods_binding();
  apply_kind_defaults(b);
  b.subjects[1].name = "Builder";
  EXPECT_TRUE(has_error(validate(b), "subjects[1].name", "RFC 1123 subdomain"));
}

TEST(RoleBindingValidation, ServiceAccountMayOmitNamespace) {
  RoleBinding b = read_pods_binding();
  apply_kind_defaults(b);
  EXPECT_FALSE(has_error(validate(b), "subjects[1].namespace", "Required value"));
}

TEST(ClusterRoleBindingValidation, AcceptsAValidBinding) {
  ClusterRoleBinding b = metrics_binding();
  apply_kind_defaults(b);
  FieldErrors errors = validate(b);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(ClusterRoleBindingValidation, RoleRefMustBeAClusterRole) {
  ClusterRoleBinding b = metrics_binding();
  apply_kind_defaults(b);
  b.role_ref.kind = "Role";
  EXPECT_TRUE(has_error(validate(b), "roleRef.kind", "Unsupported value: \"Role\": supported values: \"ClusterRole\""));
}

TEST(ClusterRoleBindingValidation, ServiceAccountNeedsNamespace) {
  ClusterRoleBinding b = metrics_binding();
  apply_kind_defaults(b);
  b.subjects[1].namespace_.clear();
  EXPECT_TRUE(has_error(validate(b), "subjects[1].namespace", "Required value"));
}

TEST(RoleBindingValidation, RoleRefNameMayNotBeDotOrDotDot) {
  RoleBinding b = read_pods_binding();
  apply_kind_defaults(b);
  b.role_ref.name = "..";
  EXPECT_TRUE(has_error(validate(b), "roleRef.name", "may not be '..'"));
}

}  // namespace
}  // namespace herd::api::rules
