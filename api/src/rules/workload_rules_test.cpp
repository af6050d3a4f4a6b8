#include <string>

#include <gtest/gtest.h>

#include "rules/rules_test_util.hpp"

namespace herd::api::rules {
namespace {

using testing::dump;
using testing::has_error;
using testing::validate;

PodTemplateSpec web_template() {
  PodTemplateSpec t;
  t.metadata.labels = {{"app", "web"}};
  Container c;
  c.name = "web";
  c.image = "nginx:1.27";
  t.spec.containers.push_back(c);
  return t;
}

LabelSelector app_web() { return LabelSelector{{{"app", "web"}}, {}}; }

/// A Deployment as it is after the table defaults (what the decoder hands the rules).
Deployment web_deployment() {
  Deployment d;
  d.metadata.name = "web";
  d.metadata.namespace_ = "default";
  d.spec.replicas = 3;
  d.spec.selector = app_web();
  d.spec.pod_template = web_template();
  d.spec.strategy.type = "RollingUpdate";
  d.spec.revision_history_limit = 10;
  d.spec.progress_deadline_seconds = 600;
  apply_kind_defaults(d);
  return d;
}

// Deployment defaults --------------------------------------------------------------

TEST(DeploymentDefaults, RollingUpdateGetsQuarterBounds) {
  Deployment d = web_deployment();
  ASSERT_TRUE(d.spec.strategy.rolling_update.has_value());
  EXPECT_EQ(d.spec.strategy.rolling_update->max_surge, IntOrString::from_string("25%"));
  EXPECT_EQ(d.spec.strategy.rolling_update->max_unavailable, IntOrString::from_string("25%"));
}

TEST(DeploymentDefaults, KeepsAGivenBoundAndFillsTheOther) {
  Deployment d;
  d.spec.strategy.type = "RollingUpdate";
  d.spec.strategy.rolling_update = RollingUpdateDeployment{IntOrString::from_int(0), std::nullopt};
  apply_kind_defaults(d);
  EXPECT_EQ(d.spec.strategy.rolling_update->max_unavailable, IntOrString::from_int(0));
  EXPECT_EQ(d.spec.strategy.rolling_update->max_surge, IntOrString::from_string("25%"));
}

TEST(DeploymentDefaults, RecreateGetsNoRollingUpdate) {
  Deployment d;
  d.spec.strategy.type = "Recreate";
  apply_kind_defaults(d);
  EXPECT_FALSE(d.spec.strategy.rolling_update.has_value());
}

TEST(DeploymentDefaults, TemplateRestartPolicyBecomesAlways) {
  EXPECT_EQ(web_deployment().spec.pod_template.spec.restart_policy, "Always");
}

// Deployment validation -------------------------------------------------------------

TEST(DeploymentValidation, AcceptsAValidDeployment) {
  FieldErrors errors = validate(web_deployment());
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(DeploymentValidation, RejectsNegativeReplicas) {
  Deployment d = web_deployment();
  d.spec.replicas = -1;
  EXPECT_TRUE(has_error(validate(d), "spec.replicas", "must be greater than or equal to 0"));
}

TEST(DeploymentValidation, RejectsEmptySelector) {
  Deployment d = web_deployment();
  d.spec.selector = LabelSelector{};
  FieldErrors errors = validate(d);
  EXPECT_TRUE(has_error(errors, "spec.selector", "Required value")) << dump(errors);
}

TEST(DeploymentValidation, RejectsSelectorThatMissesTemplateLabels) {
  Deployment d = web_deployment();
  d.spec.selector = LabelSelector{{{"app", "db"}}, {}};
  EXPECT_TRUE(has_error(validate(d), "spec.template.metadata.labels", "does not match template"));
}

TEST(DeploymentValidation, ValidatesSelectorExpressions) {
  Deployment d = web_deployment();
  d.spec.selector->match_expressions.push_back({"tier", "In", {}});
  EXPECT_TRUE(has_error(validate(d), "spec.selector.matchExpressions[0].values", "Required value"));
}

// The rules report api::validate_label_selector's problems under the selector's path.
TEST(DeploymentValidation, SelectorProblemsUseLabelSelectorWordingUnderTheSelectorPath) {
  Deployment d = web_deployment();
  d.spec.selector->match_labels["tier"] = "bad value";
  d.spec.selector->match_expressions.push_back({"tier", "In", {}});
  d.spec.selector->match_expressions.push_back({"zone", "Near", {"a"}});
  d.spec.selector->match_expressions.push_back({"zone", "", {"a"}});
  FieldErrors errors = validate(d);
  EXPECT_TRUE(has_error(errors, "spec.selector.matchLabels", "Invalid value: \"bad value\": a valid label must"))
      << dump(errors);
  EXPECT_TRUE(has_error(errors, "spec.selector.matchExpressions[0].values",
                        "Required value: must be specified when `operator` is 'In' or 'NotIn'"));
  EXPECT_TRUE(has_error(errors, "spec.selector.matchExpressions[1].operator",
                        "Invalid value: \"Near\": not a valid selector operator"));
  // An empty operator is the schema table's "Required value", not reported again here.
  EXPECT_FALSE(has_error(errors, "spec.selector.matchExpressions[2].operator", "")) << dump(errors);
}

TEST(DeploymentValidation, ValidatesTemplatePodSpec) {
  Deployment d = web_deployment();
  d.spec.pod_template.spec.containers.push_back(d.spec.pod_template.spec.containers[0]);
  EXPECT_TRUE(has_error(validate(d), "spec.template.spec.containers[1].name", "Duplicate value"));
}

TEST(DeploymentValidation, ValidatesTemplateLabels) {
  Deployment d = web_deployment();
  d.spec.pod_template.metadata.labels["bad key!"] = "x";
  EXPECT_TRUE(has_error(validate(d), "spec.template.metadata.labels", "Invalid value: \"bad key!\""));
}

TEST(DeploymentValidation, RequiresRestartPolicyAlways) {
  Deployment d = web_deployment();
  d.spec.pod_template.spec.restart_policy = "OnFailure";
  EXPECT_TRUE(has_error(validate(d), "spec.template.spec.restartPolicy",
                        "Unsupported value: \"OnFailure\": supported values: \"Always\""));
}

TEST(DeploymentValidation, ForbidsActiveDeadlineInTemplate) {
  Deployment d = web_deployment();
  d.spec.pod_template.spec.active_deadline_seconds = 30;
  EXPECT_TRUE(has_error(validate(d), "spec.template.spec.activeDeadlineSeconds", "Forbidden"));
}

TEST(DeploymentValidation, ForbidsRollingUpdateWithRecreate) {
  Deployment d = web_deployment();
  d.spec.strategy.type = "Recreate";
  EXPECT_TRUE(has_error(validate(d), "spec.strategy.rollingUpdate",
                        "Forbidden: may not be specified when strategy `type` is 'Recreate'"));
}

TEST(DeploymentValidation, RejectsZeroSurgeAndZeroUnavailable) {
  Deployment d = web_deployment();
  d.spec.strategy.rolling_update = RollingUpdateDeployment{IntOrString::from_string("0%"),
                                                           IntOrString::from_int(0)};
  EXPECT_TRUE(has_error(validate(d), "spec.strategy.rollingUpdate.maxUnavailable",
                        "may not be 0 when `maxSurge` is 0"));
}

TEST(DeploymentValidation, RejectsMaxUnavailableAboveHundredPercent) {
  Deployment d = web_deployment();
  d.spec.strategy.rolling_update->max_unavailable = IntOrString::from_string("101%");
  EXPECT_TRUE(has_error(validate(d), "spec.strategy.rollingUpdate.maxUnavailable",
                        "must not be greater than 100%"));
}

TEST(DeploymentValidation, AllowsMaxSurgeAboveHundredPercent) {
  Deployment d = web_deployment();
  d.spec.strategy.rolling_update->max_surge = IntOrString::from_string("200%");
  FieldErrors errors = validate(d);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(DeploymentValidation, RejectsMalformedPercent) {
  Deployment d = web_deployment();
  d.spec.strategy.rolling_update->max_surge = IntOrString::from_string("ten%");
  EXPECT_TRUE(has_error(validate(d), "spec.strategy.rollingUpdate.maxSurge", "a valid percent string"));
}

TEST(DeploymentValidation, RejectsNegativeBound) {
  Deployment d = web_deployment();
  d.spec.strategy.rolling_update->max_surge = IntOrString::from_int(-1);
  EXPECT_TRUE(has_error(validate(d), "spec.strategy.rollingUpdate.maxSurge", "greater than or equal to 0"));
}

TEST(DeploymentValidation, RejectsNegativeMinReadySeconds) {
  Deployment d = web_deployment();
  d.spec.min_ready_seconds = -5;
  EXPECT_TRUE(has_error(validate(d), "spec.minReadySeconds", "greater than or equal to 0"));
}

TEST(DeploymentValidation, RejectsNegativeRevisionHistoryLimit) {
  Deployment d = web_deployment();
  d.spec.revision_history_limit = -1;
  EXPECT_TRUE(has_error(validate(d), "spec.revisionHistoryLimit", "greater than or equal to 0"));
}

TEST(DeploymentValidation, RequiresProgressDeadlineAboveMinReadySeconds) {
  Deployment d = web_deployment();
  d.spec.min_ready_seconds = 600;
  EXPECT_TRUE(has_error(validate(d), "spec.progressDeadlineSeconds", "must be greater than minReadySeconds"));
}

TEST(DeploymentValidation, ValidatesObjectMeta) {
  Deployment d = web_deployment();
  d.metadata.name = "Web_App";
  EXPECT_TRUE(has_error(validate(d), "metadata.name", "RFC 1123 subdomain"));
}

// ReplicaSet -------------------------------------------------------------------------

ReplicaSet web_replica_set() {
  ReplicaSet rs;
  rs.metadata.name = "web-abc12";
  rs.spec.replicas = 2;
  rs.spec.selector = app_web();
  rs.spec.pod_template = web_template();
  apply_kind_defaults(rs);
  return rs;
}

TEST(ReplicaSetValidation, AcceptsAValidReplicaSet) {
  FieldErrors errors = validate(web_replica_set());
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(ReplicaSetValidation, RejectsEmptySelector) {
  ReplicaSet rs = web_replica_set();
  rs.spec.selector = LabelSelector{};
  EXPECT_TRUE(has_error(validate(rs), "spec.selector", "Required value"));
}

TEST(ReplicaSetValidation, RejectsSelectorThatMissesTemplateLabels) {
  ReplicaSet rs = web_replica_set();
  rs.spec.pod_template.metadata.labels = {{"app", "other"}};
  EXPECT_TRUE(has_error(validate(rs), "spec.template.metadata.labels", "does not match template"));
}

TEST(ReplicaSetValidation, RejectsNegativeReplicasAndMinReadySeconds) {
  ReplicaSet rs = web_replica_set();
  rs.spec.replicas = -2;
  rs.spec.min_ready_seconds = -1;
  FieldErrors errors = validate(rs);
  EXPECT_TRUE(has_error(errors, "spec.replicas", "greater than or equal to 0"));
  EXPECT_TRUE(has_error(errors, "spec.minReadySeconds", "greater than or equal to 0"));
}

TEST(ReplicaSetValidation, RequiresRestartPolicyAlways) {
  ReplicaSet rs = web_replica_set();
  rs.spec.pod_template.spec.restart_policy = "Never";
  EXPECT_TRUE(has_error(validate(rs), "spec.template.spec.restartPolicy", "Unsupported value"));
}

// ReplicationController --------------------------------------------------------------

ReplicationController web_rc() {
  ReplicationController rc;
  rc.metadata.name = "rcex";
  rc.spec.replicas = 1;
  rc.spec.pod_template = web_template();
  return rc;
}

TEST(ReplicationControllerDefaults, SelectorAndLabelsComeFromTemplate) {
  ReplicationController rc = web_rc();
  apply_kind_defaults(rc);
  EXPECT_EQ(rc.spec.selector, (StringMap{{"app", "web"}}));
  EXPECT_EQ(rc.metadata.labels, (StringMap{{"app", "web"}}));
  EXPECT_EQ(rc.spec.pod_template->spec.restart_policy, "Always");
}

TEST(ReplicationControllerDefaults, KeepsGivenSelectorAndLabels) {
  ReplicationController rc = web_rc();
  rc.spec.selector = {{"app", "web"}};
  rc.metadata.labels = {{"team", "a"}};
  rc.spec.pod_template->metadata.labels["version"] = "2";
  apply_kind_defaults(rc);
  EXPECT_EQ(rc.spec.selector, (StringMap{{"app", "web"}}));
  EXPECT_EQ(rc.metadata.labels, (StringMap{{"team", "a"}}));
}

TEST(ReplicationControllerValidation, AcceptsTheSeedManifestShape) {
  ReplicationController rc = web_rc();
  rc.spec.pod_template->metadata.name = "somename";
  rc.spec.selector = {{"app", "web"}};
  apply_kind_defaults(rc);
  FieldErrors errors = validate(rc);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(ReplicationControllerValidation, RequiresSelectorWhenTemplateHasNoLabels) {
  ReplicationController rc = web_rc();
  rc.spec.pod_template->metadata.labels.clear();
  apply_kind_defaults(rc);
  EXPECT_TRUE(has_error(validate(rc), "spec.selector", "Required value"));
}

TEST(ReplicationControllerValidation, RequiresTemplate) {
  ReplicationController rc = web_rc();
  rc.spec.pod_template.reset();
  rc.spec.selector = {{"app", "web"}};
  EXPECT_TRUE(has_error(validate(rc), "spec.template", "Required value"));
}

TEST(ReplicationControllerValidation, RejectsSelectorThatMissesTemplateLabels) {
  ReplicationController rc = web_rc();
  rc.spec.selector = {{"app", "db"}};
  apply_kind_defaults(rc);
  EXPECT_TRUE(has_error(validate(rc), "spec.template.metadata.labels", "does not match template"));
}

TEST(ReplicationControllerValidation, RejectsNegativeCounts) {
  ReplicationController rc = web_rc();
  rc.spec.replicas = -1;
  rc.spec.min_ready_seconds = -1;
  apply_kind_defaults(rc);
  FieldErrors errors = validate(rc);
  EXPECT_TRUE(has_error(errors, "spec.replicas", "greater than or equal to 0"));
  EXPECT_TRUE(has_error(errors, "spec.minReadySeconds", "greater than or equal to 0"));
}

TEST(ReplicationControllerValidation, ForbidsActiveDeadlineInTemplate) {
  ReplicationController rc = web_rc();
  rc.spec.pod_template->spec.active_deadline_seconds = 10;
  apply_kind_defaults(rc);
  EXPECT_TRUE(has_error(validate(rc), "spec.template.spec.activeDeadlineSeconds",
                        "activeDeadlineSeconds in ReplicationController is not Supported"));
}

}  // namespace
}  // namespace herd::api::rules
