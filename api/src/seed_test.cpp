// The manifests of the talk herd started from (../shared/seed/manifests),
// verbatim, give exactly the outcomes listed in ../shared/seed/README.md; the
// corrected copies in examples/seed validate clean and convert as expected.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"

namespace herd::api {
namespace {

Manifest decode_file(const std::string& dir, const std::string& name) {
  std::ifstream in(dir + "/" + name);
  EXPECT_TRUE(in.good()) << "cannot read " << dir << "/" << name;
  std::stringstream text;
  text << in.rdbuf();
  return decode_manifest(text.str(), DecodeOptions{name, true});
}

Manifest seed(const std::string& name) { return decode_file(HERD_SHARED_DIR "/seed/manifests", name); }
Manifest corrected(const std::string& name) { return decode_file(HERD_SOURCE_DIR "/examples/seed", name); }

std::vector<std::string> lines(const Manifest& m) {
  std::vector<std::string> out;
  for (const Diagnostic& d : m.diagnostics) out.push_back(d.to_string());
  return out;
}

template <class K>
K only(const Manifest& m) {
  EXPECT_EQ(m.objects.size(), 1u);
  return std::get<K>(m.objects.at(0).object);
}

TEST(SeedManifests, ConstraintPodNamesBothMisplacedFieldsAndWhereTheyBelong) {
  Manifest m = seed("pod-constraintpod.yaml");
  EXPECT_EQ(lines(m), (std::vector<std::string>{
                          "pod-constraintpod.yaml:6:3: metadata.env: unknown field; did you mean "
                          "metadata.labels[env]? (\"labels:\" on line 5 has no value; indent this line under it)",
                          "pod-constraintpod.yaml:17:3: spec.livenessProbe: unknown field; did you mean "
                          "spec.containers[0].livenessProbe?",
                      }));
  ASSERT_EQ(m.objects.size(), 1u);
  EXPECT_FALSE(m.objects[0].valid);
}

TEST(SeedManifests, ReplicationControllerIsValid) {
  Manifest m = seed("replicationcontroller-rcex.yaml");
  EXPECT_EQ(lines(m), std::vector<std::string>{});
  const auto& rc = only<ReplicationController>(m);
  EXPECT_EQ(rc.spec.selector, (StringMap{{"app", "sise"}}));
}

TEST(SeedManifests, LegacyDeploymentIsStoredAsAppsV1WithSelectorFromTemplateLabels) {
  Manifest m = seed("deployment-sise-deploy.yaml");
  EXPECT_EQ(lines(m), std::vector<std::string>{});
  const auto& d = only<Deployment>(m);
  EXPECT_EQ(m.objects[0].source_api_version, "apps/v1beta1");
  EXPECT_EQ(d.api_version, "apps/v1");
  ASSERT_TRUE(d.spec.selector.has_value());
  EXPECT_EQ(d.spec.selector->match_labels, (StringMap{{"app", "sise"}}));
  EXPECT_EQ(d.spec.replicas, 2);
}

TEST(SeedManifests, ConfigMapWithUnindentedBlockScalarIsASyntaxErrorWithPosition) {
  Manifest m = seed("configmap-myapp-config.yaml");
  ASSERT_EQ(m.diagnostics.size(), 1u) << testing::PrintToString(lines(m));
  const Diagnostic& d = m.diagnostics[0];
  EXPECT_EQ(d.pos.line, 8) << d.to_string();
  EXPECT_GT(d.pos.column, 0);
  EXPECT_NE(d.message.find("syntax error"), std::string::npos);
  EXPECT_NE(d.message.find("\"newKey: |\" on line 7"), std::string::npos) << d.message;
  EXPECT_TRUE(m.objects.empty());
}

TEST(SeedManifests, SecretIsValidAndDecodesItsPassword) {
  Manifest m = seed("secret-mariadb-secrets.yaml");
  EXPECT_EQ(lines(m), std::vector<std::string>{});
  EXPECT_EQ(only<Secret>(m).data.at("root").data, "portus");
}

TEST(SeedManifests, SecretEnvFragmentIsAClearErrorNotAnObject) {
  Manifest m = seed("fragment-mariadb-secret-env.yaml");
  EXPECT_TRUE(m.objects.empty());
  ASSERT_FALSE(m.diagnostics.empty());
  EXPECT_EQ(m.diagnostics[0].pos.line, 3) << m.diagnostics[0].to_string();
}

TEST(SeedManifests, MisindentedVolumeItemsAreASyntaxError) {
  Manifest m = seed("fragment-registry-volumes.yaml");
  EXPECT_TRUE(m.objects.empty());
  ASSERT_EQ(m.diagnostics.size(), 1u) << testing::PrintToString(lines(m));
  EXPECT_NE(m.diagnostics[0].message.find("syntax error"), std::string::npos);
  EXPECT_EQ(m.diagnostics[0].pos.line, 15) << m.diagnostics[0].to_string();
  EXPECT_NE(m.diagnostics[0].message.find("\"items:\" on line 14"), std::string::npos) << m.diagnostics[0].message;
}

TEST(SeedManifests, ServiceTargetPortUnderSpecIsUnknownWithHint) {
  EXPECT_EQ(lines(seed("service-registry.yaml")),
            (std::vector<std::string>{"service-registry.yaml:12:3: spec.targetPort: unknown field; did you mean "
                                      "spec.ports[0].targetPort?"}));
}

TEST(SeedManifests, NetworkPolicyPortsUnderSpecIsUnknownWithHint) {
  EXPECT_EQ(lines(seed("networkpolicy-portus-registry.yaml")),
            (std::vector<std::string>{"networkpolicy-portus-registry.yaml:20:3: spec.ports: unknown field; did you "
                                      "mean spec.ingress[0].ports?"}));
}

TEST(SeedManifests, LegacyIngressIsConvertedToNetworkingV1) {
  Manifest m = seed("ingress-registry.yaml");
  EXPECT_EQ(lines(m), std::vector<std::string>{});
  const auto& ing = only<Ingress>(m);
  EXPECT_EQ(ing.api_version, "networking.k8s.io/v1");
  const auto& path = ing.spec.rules.at(0).http->paths.at(0);
  EXPECT_EQ(path.path_type, "ImplementationSpecific");
  ASSERT_TRUE(path.backend.service.has_value());
  EXPECT_EQ(path.backend.service->name, "registry");
  EXPECT_EQ(path.backend.service->port.number, 5000);
}

TEST(SeedManifests, JobWithRestartPolicyUnderTheContainerGetsBothErrors) {
  EXPECT_EQ(lines(seed("job-pi-with-timeout.yaml")),
            (std::vector<std::string>{
                "job-pi-with-timeout.yaml:11:5: spec.template.spec.restartPolicy: Required value: a Job's pods "
                "need restartPolicy Never or OnFailure",
                "job-pi-with-timeout.yaml:16:9: spec.template.spec.containers[0].restartPolicy: Forbidden: may "
                "only be set on init containers; did you mean spec.template.spec.restartPolicy?",
            }));
}

TEST(SeedManifests, LegacyCronJobIsStoredAsBatchV1) {
  Manifest m = seed("cronjob-hello.yaml");
  EXPECT_EQ(lines(m), std::vector<std::string>{});
  const auto& cj = only<CronJob>(m);
  EXPECT_EQ(cj.api_version, "batch/v1");
  EXPECT_EQ(cj.spec.schedule, "*/1 * * * *");
  EXPECT_EQ(cj.spec.concurrency_policy, "Allow");
}

class CorrectedSeed : public testing::TestWithParam<std::string> {};

TEST_P(CorrectedSeed, ValidatesCleanAndConvertsToCurrentVersion) {
  Manifest m = corrected(GetParam());
  EXPECT_EQ(lines(m), std::vector<std::string>{});
  ASSERT_EQ(m.objects.size(), 1u);
  EXPECT_TRUE(m.objects[0].valid);
  const KindInfo& kind = kind_of(m.objects[0].object);
  Value encoded = encode_object(m.objects[0].object);
  EXPECT_EQ(encoded.find("apiVersion")->as_string(), kind.api_version());
  // What convert prints reads back as the same object.
  Manifest again = decode_manifest(to_yaml(encoded), DecodeOptions{"converted", true});
  EXPECT_EQ(lines(again), std::vector<std::string>{});
  ASSERT_EQ(again.objects.size(), 1u);
  EXPECT_EQ(again.objects[0].object, m.objects[0].object);
}

INSTANTIATE_TEST_SUITE_P(Examples, CorrectedSeed,
                         testing::Values("pod-constraintpod.yaml", "replicationcontroller-rcex.yaml",
                                         "deployment-sise-deploy.yaml", "configmap-myapp-config.yaml",
                                         "secret-mariadb-secrets.yaml", "pod-mariadb-secret-env.yaml",
                                         "pod-registry-volumes.yaml", "service-registry.yaml",
                                         "networkpolicy-portus-registry.yaml", "ingress-registry.yaml",
                                         "job-pi-with-timeout.yaml", "cronjob-hello.yaml"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(0, info.param.find('.'));
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

TEST(CorrectedSeed, ConvertedDefaultsAreKubernetesDefaults) {
  const auto& d = only<Deployment>(corrected("deployment-sise-deploy.yaml"));
  EXPECT_EQ(d.spec.strategy.type, "RollingUpdate");
  EXPECT_EQ(d.spec.strategy.rolling_update->max_surge, IntOrString::from_string("25%"));
  EXPECT_EQ(d.spec.revision_history_limit, 2);  // apps/v1beta1 kept two
  EXPECT_EQ(d.spec.progress_deadline_seconds, 600);
  const Container& c = d.spec.pod_template.spec.containers.at(0);
  EXPECT_EQ(c.image_pull_policy, "IfNotPresent");
  EXPECT_EQ(c.ports.at(0).protocol, "TCP");
  EXPECT_EQ(d.spec.pod_template.spec.restart_policy, "Always");
  EXPECT_EQ(d.spec.pod_template.spec.termination_grace_period_seconds, 30);

  const auto& svc = only<Service>(corrected("service-registry.yaml"));
  EXPECT_EQ(svc.spec.ports.at(0).protocol, "TCP");
  EXPECT_EQ(svc.spec.ports.at(0).target_port, IntOrString::from_int(5000));

  const auto& job = only<Job>(corrected("job-pi-with-timeout.yaml"));
  EXPECT_EQ(job.spec.backoff_limit, 5);
  EXPECT_EQ(job.spec.pod_template.spec.containers.at(0).image_pull_policy, "Always");  // "perl" means :latest
}

}  // namespace
}  // namespace herd::api
