#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rules/rules_test_util.hpp"

namespace herd::api::rules {
namespace {

using testing::has;
using testing::problems;

Pod valid_pod() {
  Pod p;
  p.metadata.name = "web";
  Container c;
  c.name = "app";
  c.image = "nginx:1.27";
  p.spec.containers.push_back(c);
  return p;
}

TEST(PodRules, AValidPodHasNoProblems) { EXPECT_EQ(problems(valid_pod()), std::vector<std::string>{}); }

TEST(PodRules, ContainerNamesAreUniqueAcrossInitAndRegularContainers) {
  Pod p = valid_pod();
  p.spec.init_containers.push_back(p.spec.containers[0]);
  EXPECT_TRUE(has(problems(p), "spec.containers[0].name: Duplicate value: \"app\""));
}

TEST(PodRules, ImageIsRequired) {
  Pod p = valid_pod();
  p.spec.containers[0].image.clear();
  EXPECT_TRUE(has(problems(p), "spec.containers[0].image: Required value"));
}

TEST(PodRules, PortsAreInRangeWithUniqueNamesAndNumbers) {
  Pod p = valid_pod();
  p.spec.containers[0].ports = {{"http", std::nullopt, 80, "TCP", ""}, {"http", std::nullopt, 80, "TCP", ""},
                                {"", 70000, 0, "TCP", ""}};
  auto got = problems(p);
  EXPECT_TRUE(has(got, "ports[1].name: Duplicate value: \"http\""));
  EXPECT_TRUE(has(got, "ports[1].containerPort: Duplicate value: \"80/TCP\""));
  EXPECT_TRUE(has(got, "ports[2].containerPort: Invalid value: \"0\""));
  EXPECT_TRUE(has(got, "ports[2].hostPort: Invalid value: \"70000\""));
}

TEST(PodRules, VolumeMountsMustNameAVolume) {
  Pod p = valid_pod();
  p.spec.containers[0].volume_mounts.push_back(VolumeMount{"data", false, "/data", "", ""});
  EXPECT_TRUE(has(problems(p), "volumeMounts[0].name: Not found: \"data\""));
  Volume v;
  v.name = "data";
  v.empty_dir.emplace();
  p.spec.volumes.push_back(v);
  EXPECT_EQ(problems(p), std::vector<std::string>{});
}

TEST(PodRules, VolumesNeedExactlyOneSource) {
  Pod p = valid_pod();
  Volume v;
  v.name = "v";
  p.spec.volumes.push_back(v);
  EXPECT_TRUE(has(problems(p), "spec.volumes[0]: Required value: must specify a volume type"));
  p.spec.volumes[0].empty_dir.emplace();
  p.spec.volumes[0].host_path = HostPathVolumeSource{"/data", ""};
  EXPECT_TRUE(has(problems(p), "spec.volumes[0]: Forbidden: may not specify more than 1 volume type"));
}

TEST(PodRules, VolumeModesAreBetweenZeroAnd0777) {
  Pod p = valid_pod();
  Volume v;
  v.name = "cfg";
  v.config_map = ConfigMapVolumeSource{"c", {KeyToPath{"k", "f", 01000}}, 99999, std::nullopt};
  p.spec.volumes.push_back(v);
  auto got = problems(p);
  EXPECT_TRUE(has(got, "spec.volumes[0].configMap.defaultMode: Invalid value: \"99999\""));
  EXPECT_TRUE(has(got, "spec.volumes[0].configMap.items[0].mode: Invalid value: \"512\""));
}

TEST(PodRules, EnvNamesAndSourcesAreChecked) {
  Pod p = valid_pod();
  EnvVar bad;
  bad.name = "1=bad";
  EnvVar both;
  both.name = "BOTH";
  both.value = "x";
  both.value_from = EnvVarSource{};
  both.value_from->secret_key_ref = KeySelector{"s", "k", std::nullopt};
  p.spec.containers[0].env = {bad, both};
  auto got = problems(p);
  EXPECT_TRUE(has(got, "env[0].name: Invalid value: \"1=bad\""));
  EXPECT_TRUE(has(got, "env[1].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"));
}

TEST(PodRules, ProbesNeedOneHandlerAndLivenessSuccessThresholdOne) {
  Pod p = valid_pod();
  Probe probe;
  probe.timeout_seconds = probe.period_seconds = probe.failure_threshold = 1;
  probe.success_threshold = 2;
  p.spec.containers[0].liveness_probe = probe;
  auto got = problems(p);
  EXPECT_TRUE(has(got, "livenessProbe: Required value: must specify a handler type"));
  EXPECT_TRUE(has(got, "livenessProbe.successThreshold: Invalid value: \"2\": must be 1"));
}

TEST(PodRules, RequestsMayNotExceedLimits) {
  Pod p = valid_pod();
  p.spec.containers[0].resources.limits["cpu"] = Quantity::parse("500m").value();
  p.spec.containers[0].resources.requests["cpu"] = Quantity::parse("1").value();
  EXPECT_TRUE(has(problems(p), "resources.requests[cpu]: Invalid value: \"1\": must be less than or equal to cpu "
                               "limit of 500m"));
}

TEST(PodRules, JobTemplatesNeedNeverOrOnFailure) {
  PodSpec spec = valid_pod().spec;
  FieldErrors errors;
  apply_pod_spec_defaults(spec, PodSpecContext{true});
  EXPECT_EQ(spec.restart_policy, "");
  validate_pod_spec(spec, PodSpecContext{true}, FieldPath("spec.template.spec"), errors);
  ASSERT_EQ(errors.list().size(), 1u);
  EXPECT_EQ(errors.list()[0].path, "spec.template.spec.restartPolicy");
  spec.restart_policy = "Always";
  FieldErrors again;
  validate_pod_spec(spec, PodSpecContext{true}, FieldPath("spec.template.spec"), again);
  EXPECT_EQ(again.list().at(0).message, "Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");
}

TEST(PodRules, RestartPolicyOnARegularContainerIsForbiddenWithAHint) {
  Pod p = valid_pod();
  p.spec.containers[0].restart_policy = "Never";
  EXPECT_TRUE(has(problems(p), "spec.containers[0].restartPolicy: Forbidden: may only be set on init containers; "
                               "did you mean spec.restartPolicy?"));
}

TEST(PodDefaults, PullPolicyFollowsTheTagAndLimitsBecomeRequests) {
  Pod p = valid_pod();
  Container latest = p.spec.containers[0];
  latest.name = "b";
  latest.image = "busybox";
  Container digest = latest;
  digest.name = "c";
  digest.image = "busybox@sha256:abc";
  p.spec.containers.push_back(latest);
  p.spec.containers.push_back(digest);
  p.spec.containers[0].resources.limits["memory"] = Quantity::parse("64Mi").value();
  apply_kind_defaults(p);
  EXPECT_EQ(p.spec.containers[0].image_pull_policy, "IfNotPresent");
  EXPECT_EQ(p.spec.containers[1].image_pull_policy, "Always");
  EXPECT_EQ(p.spec.containers[2].image_pull_policy, "IfNotPresent");
  EXPECT_EQ(p.spec.restart_policy, "Always");
  EXPECT_EQ(p.spec.containers[0].resources.requests.at("memory").to_string(), "64Mi");
}

}  // namespace
}  // namespace herd::api::rules
