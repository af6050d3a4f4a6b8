#include <string>

#include <gtest/gtest.h>

#include "rules/rules_test_util.hpp"

namespace herd::api::rules {
namespace {

using testing::dump;
using testing::has_error;
using testing::validate;

NetworkPolicyPort tcp(int32_t port) { return NetworkPolicyPort{"TCP", IntOrString::from_int(port), std::nullopt}; }

NetworkPolicyPeer pods(StringMap labels) { return NetworkPolicyPeer{LabelSelector{std::move(labels), {}}, {}, {}}; }

/// The seed's portus-registry policy, with its ports under the ingress rule where they belong.
NetworkPolicy portus_registry() {
  NetworkPolicy np;
  np.metadata.name = "portus-registry";
  np.metadata.namespace_ = "scratch";
  np.spec.pod_selector = LabelSelector{{{"app", "registry"}, {"tier", "registry"}}, {}};
  NetworkPolicyIngressRule rule;
  rule.from = {NetworkPolicyPeer{std::nullopt, LabelSelector{{{"name", "kube-ingress"}}, {}}, std::nullopt},
               pods({{"app", "portus"}, {"tier", "registry"}})};
  rule.ports = {tcp(5000), tcp(5001)};
  np.spec.ingress = {rule};
  return np;
}

// NetworkPolicy ---------------------------------------------------------------------

TEST(NetworkPolicyDefaults, IngressOnlyWithoutEgressRules) {
  NetworkPolicy np = portus_registry();
  apply_kind_defaults(np);
  EXPECT_EQ(np.spec.policy_types, (std::vector<std::string>{"Ingress"}));
}

TEST(NetworkPolicyDefaults, EgressAddedWhenEgressRulesExist) {
  NetworkPolicy np = portus_registry();
  np.spec.egress = {NetworkPolicyEgressRule{{tcp(53)}, {}}};
  apply_kind_defaults(np);
  EXPECT_EQ(np.spec.policy_types, (std::vector<std::string>{"Ingress", "Egress"}));
}

TEST(NetworkPolicyDefaults, KeepsGivenPolicyTypes) {
  NetworkPolicy np = portus_registry();
  np.spec.policy_types = {"Egress"};
  apply_kind_defaults(np);
  EXPECT_EQ(np.spec.policy_types, (std::vector<std::string>{"Egress"}));
}

TEST(NetworkPolicyValidation, AcceptsTheCorrectedSeedPolicy) {
  NetworkPolicy np = portus_registry();
  apply_kind_defaults(np);
  FieldErrors errors = validate(np);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(NetworkPolicyValidation, PeerNeedsASelectorOrBlock) {
  NetworkPolicy np = portus_registry();
  np.spec.ingress[0].from.push_back(NetworkPolicyPeer{});
  EXPECT_TRUE(has_error(validate(np), "spec.ingress[0].from[2]", "must specify a peer"));
}

TEST(NetworkPolicyValidation, IpBlockStandsAlone) {
  NetworkPolicy np = portus_registry();
  np.spec.ingress[0].from[1].ip_block = IpBlock{"10.0.0.0/8", {}};
  EXPECT_TRUE(has_error(validate(np), "spec.ingress[0].from[1]", "may not specify both ipBlock and another peer"));
}

TEST(NetworkPolicyValidation, IpBlockCidrMustBeValid) {
  NetworkPolicy np = portus_registry();
  np.spec.egress = {NetworkPolicyEgressRule{{}, {NetworkPolicyPeer{{}, {}, IpBlock{"10.0.0.0/33", {}}}}}};
  EXPECT_TRUE(has_error(validate(np), "spec.egress[0].to[0].ipBlock.cidr", "must be a valid CIDR value"));
}

TEST(NetworkPolicyValidation, ExceptMustBeStrictSubset) {
  NetworkPolicy np = portus_registry();
  np.spec.egress = {NetworkPolicyEgressRule{
      {}, {NetworkPolicyPeer{{}, {}, IpBlock{"10.0.0.0/8", {"10.1.0.0/16", "192.168.0.0/16", "10.0.0.0/8"}}}}}};
  FieldErrors errors = validate(np);
  EXPECT_FALSE(has_error(errors, "spec.egress[0].to[0].ipBlock.except[0]", "strict subset")) << dump(errors);
  EXPECT_TRUE(has_error(errors, "spec.egress[0].to[0].ipBlock.except[1]", "must be a strict subset of `cidr`"));
  EXPECT_TRUE(has_error(errors, "spec.egress[0].to[0].ipBlock.except[2]", "must be a strict subset of `cidr`"));
}

TEST(NetworkPolicyValidation, ExceptEntriesMustBeCidrs) {
  NetworkPolicy np = portus_registry();
  np.spec.egress = {NetworkPolicyEgressRule{{}, {NetworkPolicyPeer{{}, {}, IpBlock{"10.0.0.0/8", {"10.1.0.0"}}}}}};
  EXPECT_TRUE(has_error(validate(np), "spec.egress[0].to[0].ipBlock.except[0]", "must be a valid CIDR value"));
}

TEST(NetworkPolicyValidation, AcceptsIpv6Blocks) {
  NetworkPolicy np = portus_registry();
  np.spec.egress = {NetworkPolicyEgressRule{{}, {NetworkPolicyPeer{{}, {}, IpBlock{"fd00::/8", {"fd00:1::/32"}}}}}};
  FieldErrors errors = validate(np);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(NetworkPolicyValidation, EndPortMustNotBeBelowPort) {
  NetworkPolicy np = portus_registry();
  np.spec.ingress[0].ports[0].end_port = 4000;
  EXPECT_TRUE(has_error(validate(np), "spec.ingress[0].ports[0].endPort", "must be greater than or equal to `port`"));
}

TEST(NetworkPolicyValidation, EndPortNeedsANumericPort) {
  NetworkPolicy np = portus_registry();
  np.spec.ingress[0].ports[0] = NetworkPolicyPort{"TCP", IntOrString::from_string("http"), 9000};
  np.spec.ingress[0].ports[1] = NetworkPolicyPort{"TCP", std::nullopt, 9000};
  FieldErrors errors = validate(np);
  EXPECT_TRUE(has_error(errors, "spec.ingress[0].ports[0].endPort", "may not be specified when `port` is non-numeric"));
  EXPECT_TRUE(has_error(errors, "spec.ingress[0].ports[1].endPort", "when `port` is not specified"));
}

TEST(NetworkPolicyValidation, PortsMustBeValid) {
  NetworkPolicy np = portus_registry();
  np.spec.ingress[0].ports[0] = tcp(0);
  np.spec.ingress[0].ports[1] = NetworkPolicyPort{"TCP", IntOrString::from_string("Not_A_Name"), std::nullopt};
  FieldErrors errors = validate(np);
  EXPECT_TRUE(has_error(errors, "spec.ingress[0].ports[0].port", "between 1 and 65535"));
  EXPECT_TRUE(has_error(errors, "spec.ingress[0].ports[1].port", "Invalid value"));
}

TEST(NetworkPolicyValidation, ValidatesSelectors) {
  NetworkPolicy np = portus_registry();
  np.spec.pod_selector.match_expressions = {{"tier", "Exists", {"x"}}};
  EXPECT_TRUE(has_error(validate(np), "spec.podSelector.matchExpressions[0].values", "Forbidden"));
}

TEST(NetworkPolicyValidation, AtMostTwoPolicyTypes) {
  NetworkPolicy np = portus_registry();
  np.spec.policy_types = {"Ingress", "Egress", "Ingress"};
  EXPECT_TRUE(has_error(validate(np), "spec.policyTypes", "may not specify more than two policyTypes"));
}

// Ingress ----------------------------------------------------------------------------

IngressBackend service_backend(std::string name, int32_t port) {
  return IngressBackend{IngressServiceBackend{std::move(name), ServiceBackendPort{"", port}}, std::nullopt};
}

/// The seed's registry Ingress, converted to networking.k8s.io/v1.
Ingress registry_ingress() {
  Ingress ing;
  ing.metadata.name = "registry";
  ing.metadata.namespace_ = "scratch";
  ing.spec.tls = {IngressTls{{"registry.scratch.ioudaas.no"}, "registry-tls"}};
  HttpIngressPath path{"/", "Prefix", service_backend("registry", 5000)};
  ing.spec.rules = {IngressRule{"registry.scratch.ioudaas.no", HttpIngressRuleValue{{path}}}};
  return ing;
}

HttpIngressPath& first_path(Ingress& ing) { return ing.spec.rules[0].http->paths[0]; }

TEST(IngressValidation, AcceptsTheConvertedSeedIngress) {
  FieldErrors errors = validate(registry_ingress());
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(IngressValidation, NeedsRulesOrDefaultBackend) {
  Ingress ing = registry_ingress();
  ing.spec.rules.clear();
  EXPECT_TRUE(has_error(validate(ing), "spec", "either `defaultBackend` or `rules` must be specified"));
  ing.spec.default_backend = service_backend("fallback", 80);
  EXPECT_TRUE(validate(ing).list().empty());
}

TEST(IngressValidation, PathsNeedAPathType) {
  Ingress ing = registry_ingress();
  first_path(ing).path_type.clear();
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].http.paths[0].pathType", "Required value: pathType must be specified"));
}

TEST(IngressValidation, ExactAndPrefixPathsAreAbsoluteAndClean) {
  Ingress ing = registry_ingress();
  first_path(ing).path = "v2";
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].http.paths[0].path", "must be an absolute path"));
  first_path(ing).path = "/a//b";
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].http.paths[0].path", "must not contain '//'"));
  first_path(ing).path = "/a/..";
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].http.paths[0].path", "cannot end with '/..'"));
  first_path(ing).path_type = "ImplementationSpecific";
  first_path(ing).path = "";
  EXPECT_TRUE(validate(ing).list().empty());
}

TEST(IngressValidation, BackendNeedsExactlyOneTarget) {
  Ingress ing = registry_ingress();
  first_path(ing).backend.resource = TypedLocalObjectReference{"storage.example.com", "Bucket", "assets"};
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].http.paths[0].backend", "cannot set both resource and service"));
  first_path(ing).backend.service.reset();
  EXPECT_TRUE(validate(ing).list().empty());
  first_path(ing).backend.resource.reset();
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].http.paths[0].backend", "resource or service backend is required"));
}

TEST(IngressValidation, ServicePortNeedsExactlyOneOfNameAndNumber) {
  Ingress ing = registry_ingress();
  first_path(ing).backend.service->port = ServiceBackendPort{"http", 5000};
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].http.paths[0].backend.service.port",
                        "cannot set both port name & port number"));
  first_path(ing).backend.service->port = ServiceBackendPort{};
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].http.paths[0].backend.service.port",
                        "port name or number is required"));
  first_path(ing).backend.service->port = ServiceBackendPort{"HTTP_PORT", 0};
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].http.paths[0].backend.service.port.name", "Invalid value"));
}

TEST(IngressValidation, ResourceBackendNamesArePathSegments) {
  Ingress ing = registry_ingress();
  first_path(ing).backend = IngressBackend{std::nullopt, TypedLocalObjectReference{"", "Bucket", "a/b"}};
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].http.paths[0].backend.resource.name", "may not contain '/'"));
}

TEST(IngressValidation, HostIsNotAnIp) {
  Ingress ing = registry_ingress();
  ing.spec.rules[0].host = "10.0.0.1";
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].host", "must be a DNS name, not an IP address"));
}

TEST(IngressValidation, WildcardOnlyAsLeadingLabel) {
  Ingress ing = registry_ingress();
  ing.spec.rules[0].host = "*.scratch.ioudaas.no";
  EXPECT_TRUE(validate(ing).list().empty());
  ing.spec.rules[0].host = "registry.*.no";
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].host", "a wildcard DNS-1123 subdomain must start with '*.'"));
  ing.spec.tls[0].hosts = {"*"};
  EXPECT_TRUE(has_error(validate(ing), "spec.tls[0].hosts[0]", "a wildcard DNS-1123 subdomain"));
}

TEST(IngressValidation, TlsSecretNameAndClassNameAreSubdomains) {
  Ingress ing = registry_ingress();
  ing.spec.tls[0].secret_name = "Registry_TLS";
  ing.spec.ingress_class_name = "Nginx";
  FieldErrors errors = validate(ing);
  EXPECT_TRUE(has_error(errors, "spec.tls[0].secretName", "RFC 1123 subdomain"));
  EXPECT_TRUE(has_error(errors, "spec.ingressClassName", "RFC 1123 subdomain"));
}

TEST(IngressValidation, BackendServiceNameAndResourceGroupAreChecked) {
  Ingress ing = registry_ingress();
  first_path(ing).backend.service->name = "Registry";
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].http.paths[0].backend.service.name", "RFC 1123 label"));
  ing.spec.default_backend = IngressBackend{std::nullopt, TypedLocalObjectReference{"Bad_Group", "Bucket", "x"}};
  EXPECT_TRUE(has_error(validate(ing), "spec.defaultBackend.resource.apiGroup", "RFC 1123 subdomain"));
}

TEST(IngressValidation, ImplementationSpecificPathsAreAbsoluteWhenSet) {
  Ingress ing = registry_ingress();
  first_path(ing).path_type = "ImplementationSpecific";
  first_path(ing).path = "v2";
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].http.paths[0].path", "must be an absolute path"));
}

TEST(IngressValidation, WildcardHostsAreAtMost253Characters) {
  Ingress ing = registry_ingress();
  std::string host = "*";
  while (host.size() < 260) host += ".abcdefghij";
  ing.spec.rules[0].host = host;
  FieldErrors errors = validate(ing);
  EXPECT_TRUE(has_error(errors, "spec.rules[0].host", "must be no more than 253 characters"));
  EXPECT_FALSE(has_error(errors, "spec.rules[0].host", "a wildcard DNS-1123 subdomain")) << dump(errors);
}

TEST(IngressValidation, ResourceBackendNamesMayNotBeDots) {
  Ingress ing = registry_ingress();
  first_path(ing).backend = IngressBackend{std::nullopt, TypedLocalObjectReference{"", "Bucket", ".."}};
  EXPECT_TRUE(has_error(validate(ing), "spec.rules[0].http.paths[0].backend.resource.name", "may not be '..'"));
}

}  // namespace
}  // namespace herd::api::rules
