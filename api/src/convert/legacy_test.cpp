#include <gtest/gtest.h>

#include <limits>

#include "herd/api/manifest.hpp"

namespace herd::api {
namespace {

template <class K>
K decode_one(const std::string& yaml) {
  Manifest m = decode_manifest(yaml, DecodeOptions{"legacy.yaml", true});
  for (const Diagnostic& d : m.diagnostics) ADD_FAILURE() << d.to_string();
  EXPECT_EQ(m.objects.size(), 1u);
  return std::get<K>(m.objects.at(0).object);
}

const char* kTemplate =
    "  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: c, image: i:1}]\n";

TEST(LegacyDeployment, AppsV1beta1DefaultsSelectorLabelsAndTwoRevisions) {
  auto d = decode_one<Deployment>(std::string("apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: d}\n"
                                              "spec:\n") + kTemplate);
  EXPECT_EQ(d.api_version, "apps/v1");
  EXPECT_EQ(d.spec.selector->match_labels, (StringMap{{"app", "web"}}));
  EXPECT_EQ(d.metadata.labels, (StringMap{{"app", "web"}}));
  EXPECT_EQ(d.spec.revision_history_limit, 2);
  EXPECT_EQ(d.spec.strategy.rolling_update->max_unavailable, IntOrString::from_string("25%"));
}

TEST(LegacyDeployment, ExtensionsV1beta1KeepsItsOwnDefaults) {
  auto d = decode_one<Deployment>(std::string("apiVersion: extensions/v1beta1\nkind: Deployment\n"
                                              "metadata: {name: d}\nspec:\n") + kTemplate);
  EXPECT_EQ(d.spec.strategy.rolling_update->max_unavailable, IntOrString::from_int(1));
  EXPECT_EQ(d.spec.strategy.rolling_update->max_surge, IntOrString::from_int(1));
  EXPECT_EQ(d.spec.revision_history_limit, std::numeric_limits<int32_t>::max());
  EXPECT_EQ(d.spec.progress_deadline_seconds, std::numeric_limits<int32_t>::max());
}

TEST(LegacyDeployment, AppsV1RequiresTheSelector) {
  Manifest m = decode_manifest(std::string("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n") +
                                   kTemplate,
                               DecodeOptions{"d.yaml", true});
  ASSERT_FALSE(m.diagnostics.empty());
  EXPECT_EQ(m.diagnostics[0].path, "spec.selector");
}

TEST(LegacyReplicaSet, ExtensionsV1beta1DefaultsSelectorFromTemplate) {
  auto rs = decode_one<ReplicaSet>(std::string("apiVersion: extensions/v1beta1\nkind: ReplicaSet\n"
                                               "metadata: {name: r}\nspec:\n") + kTemplate);
  EXPECT_EQ(rs.api_version, "apps/v1");
  EXPECT_EQ(rs.spec.selector->match_labels, (StringMap{{"app", "web"}}));
}

TEST(LegacyIngress, BackendsPathTypesAndDefaultBackendAreConverted) {
  auto ing = decode_one<Ingress>(
      "apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: i}\nspec:\n"
      "  backend: {serviceName: fallback, servicePort: http}\n"
      "  rules:\n  - host: a.example.com\n    http:\n      paths:\n"
      "      - {path: /api, pathType: Prefix, backend: {serviceName: api, servicePort: 8080}}\n");
  EXPECT_EQ(ing.api_version, "networking.k8s.io/v1");
  ASSERT_TRUE(ing.spec.default_backend.has_value());
  EXPECT_EQ(ing.spec.default_backend->service->port.name, "http");
  const auto& path = ing.spec.rules.at(0).http->paths.at(0);
  EXPECT_EQ(path.path_type, "Prefix");
  EXPECT_EQ(path.backend.service->name, "api");
  EXPECT_EQ(path.backend.service->port.number, 8080);
}

TEST(LegacyIngress, ErrorsInConvertedFieldsPointAtTheOriginalLine) {
  Manifest m = decode_manifest("apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\nspec:\n"
                               "  rules:\n  - http:\n      paths:\n      - path: /\n        backend:\n"
                               "          serviceName: Not_A_Name\n          servicePort: 80\n",
                               DecodeOptions{"i.yaml", true});
  ASSERT_FALSE(m.diagnostics.empty());
  EXPECT_EQ(m.diagnostics[0].pos.line, 10) << m.diagnostics[0].to_string();
}

TEST(LegacyCronJob, BatchV1beta1IsStoredAsBatchV1) {
  auto cj = decode_one<CronJob>("apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec:\n"
                                "  schedule: '@hourly'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
                                "          restartPolicy: OnFailure\n          containers: [{name: c, image: i:1}]\n");
  EXPECT_EQ(cj.api_version, "batch/v1");
  EXPECT_EQ(cj.spec.successful_jobs_history_limit, 3);
}

TEST(LegacyNetworkPolicy, ExtensionsV1beta1IsStoredAsNetworkingV1) {
  auto np = decode_one<NetworkPolicy>("apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: n}\n"
                                      "spec:\n  podSelector: {}\n  ingress:\n  - ports: [{port: 80}]\n");
  EXPECT_EQ(np.api_version, "networking.k8s.io/v1");
  EXPECT_EQ(np.spec.ingress.at(0).ports.at(0).protocol, "TCP");
}

}  // namespace
}  // namespace herd::api
