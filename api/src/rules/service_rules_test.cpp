#include <string>

#include <gtest/gtest.h>

#include "rules/rules_test_util.hpp"

namespace herd::api::rules {
namespace {

using testing::dump;
using testing::has_error;
using testing::validate;

ServicePort tcp_port(std::string name, int32_t port) {
  ServicePort p;
  p.name = std::move(name);
  p.protocol = "TCP";
  p.port = port;
  return p;
}

/// A Service as the table defaults leave it.
Service registry_service(std::string type = "ClusterIP") {
  Service svc;
  svc.metadata.name = "registry";
  svc.spec.type = std::move(type);
  svc.spec.session_affinity = "None";
  svc.spec.ports.push_back(tcp_port("", 5000));
  svc.spec.selector = {{"app", "registry"}, {"tier", "registry"}};
  return svc;
}

FieldErrors defaulted_and_validated(Service svc) {
  apply_kind_defaults(svc);
  return validate(svc);
}

// Service defaults --------------------------------------------------------------

TEST(ServiceDefaults, TargetPortDefaultsToPort) {
  Service svc = registry_service();
  svc.spec.ports.push_back(tcp_port("zero", 81));
  svc.spec.ports.back().target_port = IntOrString::from_int(0);
  svc.spec.ports.push_back(tcp_port("named", 82));
  svc.spec.ports.back().target_port = IntOrString::from_string("http");
  apply_kind_defaults(svc);
  EXPECT_EQ(svc.spec.ports[0].target_port, IntOrString::from_int(5000));
  EXPECT_EQ(svc.spec.ports[1].target_port, IntOrString::from_int(81));
  EXPECT_EQ(svc.spec.ports[2].target_port, IntOrString::from_string("http"));
}

TEST(ServiceDefaults, TrafficPoliciesDependOnType) {
  Service cluster_ip = registry_service();
  apply_kind_defaults(cluster_ip);
  EXPECT_EQ(cluster_ip.spec.external_traffic_policy, "");
  EXPECT_EQ(cluster_ip.spec.internal_traffic_policy, "Cluster");
  Service node_port = registry_service("NodePort");
  apply_kind_defaults(node_port);
  EXPECT_EQ(node_port.spec.external_traffic_policy, "Cluster");
  Service external = registry_service("ExternalName");
  external.spec.external_name = "db.example.com";
  apply_kind_defaults(external);
  EXPECT_EQ(external.spec.internal_traffic_policy, "");
}

TEST(ServiceDefaults, LoadBalancerAllocatesNodePorts) {
  Service svc = registry_service("LoadBalancer");
  apply_kind_defaults(svc);
  EXPECT_EQ(svc.spec.allocate_load_balancer_node_ports, true);
}

TEST(ServiceDefaults, ClientIpAffinityGetsThreeHourTimeout) {
  Service svc = registry_service();
  svc.spec.session_affinity = "ClientIP";
  apply_kind_defaults(svc);
  ASSERT_TRUE(svc.spec.session_affinity_config && svc.spec.session_affinity_config->client_ip);
  EXPECT_EQ(svc.spec.session_affinity_config->client_ip->timeout_seconds, 10800);
}

TEST(ServiceDefaults, ClusterIpAndClusterIpsAreKeptInStep) {
  Service svc = registry_service();
  svc.spec.cluster_ip = "10.96.0.10";
  apply_kind_defaults(svc);
  EXPECT_EQ(svc.spec.cluster_ips, (std::vector<std::string>{"10.96.0.10"}));
}

// Service validation --------------------------------------------------------------

TEST(ServiceValidation, AcceptsTheSeedNodePortService) {
  FieldErrors errors = defaulted_and_validated(registry_service("NodePort"));
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(ServiceValidation, NameMustBeALabel) {
  Service svc = registry_service();
  svc.metadata.name = "registry.example";
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "metadata.name", "must not contain dots"));
}

TEST(ServiceValidation, RequiresPortsUnlessHeadlessOrExternalName) {
  Service svc = registry_service();
  svc.spec.ports.clear();
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.ports", "Required value"));
  svc.spec.cluster_ip = "None";
  EXPECT_TRUE(defaulted_and_validated(svc).list().empty());
}

TEST(ServiceValidation, RequiresNamesWhenSeveralPorts) {
  Service svc = registry_service();
  svc.spec.ports.push_back(tcp_port("metrics", 9090));
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.ports[0].name", "Required value"));
}

TEST(ServiceValidation, RejectsDuplicatePortNames) {
  Service svc = registry_service();
  svc.spec.ports = {tcp_port("web", 80), tcp_port("web", 81)};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.ports[1].name", "Duplicate value: \"web\""));
}

TEST(ServiceValidation, RejectsInvalidPortName) {
  Service svc = registry_service();
  svc.spec.ports[0].name = "Web";
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.ports[0].name", "RFC 1123 label"));
}

TEST(ServiceValidation, RejectsDuplicatePortAndProtocol) {
  Service svc = registry_service();
  svc.spec.ports = {tcp_port("a", 80), tcp_port("b", 80)};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.ports[1]", "Duplicate value: \"80/TCP\""));
  svc.spec.ports[1].protocol = "UDP";
  EXPECT_TRUE(defaulted_and_validated(svc).list().empty());
}

TEST(ServiceValidation, RejectsBadPortAndTargetPort) {
  Service svc = registry_service();
  svc.spec.ports[0].port = 70000;
  svc.spec.ports[0].target_port = IntOrString::from_string("not_a_name");
  FieldErrors errors = defaulted_and_validated(svc);
  EXPECT_TRUE(has_error(errors, "spec.ports[0].port", "between 1 and 65535")) << dump(errors);
  EXPECT_TRUE(has_error(errors, "spec.ports[0].targetPort", "Invalid value")) << dump(errors);
}

TEST(ServiceValidation, ForbidsNodePortOnClusterIp) {
  Service svc = registry_service();
  svc.spec.ports[0].node_port = 30080;
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.ports[0].nodePort",
                        "Forbidden: may not be used when `type` is 'ClusterIP'"));
}

TEST(ServiceValidation, NodePortMustBeInRange) {
  Service svc = registry_service("NodePort");
  svc.spec.ports[0].node_port = 8080;
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.ports[0].nodePort", "30000-32767"));
  svc.spec.ports[0].node_port = 32767;
  EXPECT_TRUE(defaulted_and_validated(svc).list().empty());
}

TEST(ServiceValidation, RejectsDuplicateNodePorts) {
  Service svc = registry_service("NodePort");
  svc.spec.ports = {tcp_port("a", 80), tcp_port("b", 81)};
  svc.spec.ports[0].node_port = 30001;
  svc.spec.ports[1].node_port = 30001;
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.ports[1].nodePort", "Duplicate value"));
}

TEST(ServiceValidation, ClusterIpMustBeNoneOrAnIpAddress) {
  Service svc = registry_service();
  svc.spec.cluster_ip = "10.0.0.300";
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.clusterIP", "valid IP address"));
  svc.spec.cluster_ip = "10.96.0.1";
  EXPECT_TRUE(defaulted_and_validated(svc).list().empty());
}

// Bug: an IPv6 clusterIP was rejected with "must be empty, 'None', or a valid IPv4 address".
TEST(ServiceValidation, AcceptsIpv6SingleStackClusterIp) {
  Service svc = registry_service();
  svc.spec.cluster_ip = "fd00:10:96::e16";
  svc.spec.ip_families = {"IPv6"};
  svc.spec.ip_family_policy = "SingleStack";
  FieldErrors errors = defaulted_and_validated(svc);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(ServiceValidation, AcceptsDualStackClusterIpsInEitherOrder) {
  Service svc = registry_service();
  svc.spec.cluster_ip = "10.96.0.10";
  svc.spec.cluster_ips = {"10.96.0.10", "fd00:10:96::a"};
  svc.spec.ip_families = {"IPv4", "IPv6"};
  svc.spec.ip_family_policy = "RequireDualStack";
  FieldErrors errors = defaulted_and_validated(svc);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
  svc.spec.cluster_ip = "fd00:10:96::a";
  svc.spec.cluster_ips = {"fd00:10:96::a", "10.96.0.10"};
  svc.spec.ip_families = {"IPv6", "IPv4"};
  errors = defaulted_and_validated(svc);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(ServiceValidation, RejectsTwoClusterIpsOfOneFamily) {
  Service svc = registry_service();
  svc.spec.cluster_ips = {"10.96.0.10", "10.96.0.11"};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.clusterIPs",
                        "may specify no more than one IP for each IP family"));
  svc.spec.cluster_ip.clear();
  svc.spec.cluster_ips = {"fd00::a", "fd00::b"};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.clusterIPs",
                        "may specify no more than one IP for each IP family"));
}

TEST(ServiceValidation, RejectsClusterIpOfAnotherFamilyThanIpFamilies) {
  Service svc = registry_service();
  svc.spec.cluster_ip = "10.96.0.10";
  svc.spec.ip_families = {"IPv6"};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.clusterIPs[0]",
                        "expected an IPv6 value as indicated by `ipFamilies[0]`"));
  svc.spec.cluster_ips = {"10.96.0.10", "fd00::a"};
  svc.spec.ip_families = {"IPv6", "IPv4"};
  FieldErrors errors = defaulted_and_validated(svc);
  EXPECT_TRUE(has_error(errors, "spec.clusterIPs[0]", "expected an IPv6 value")) << dump(errors);
  EXPECT_TRUE(has_error(errors, "spec.clusterIPs[1]", "expected an IPv4 value as indicated by `ipFamilies[1]`"))
      << dump(errors);
}

TEST(ServiceValidation, ClusterIpsMustStartWithClusterIp) {
  Service svc = registry_service();
  svc.spec.cluster_ip = "10.96.0.1";
  svc.spec.cluster_ips = {"10.96.0.2"};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.clusterIPs", "first value must match `clusterIP`"));
}

TEST(ServiceValidation, ClusterIpsAreValidIpsWithNoneAlone) {
  Service svc = registry_service();
  svc.spec.cluster_ips = {"10.96.0.1", "fd00::1", "10.96.0.2"};
  FieldErrors errors = defaulted_and_validated(svc);
  EXPECT_TRUE(has_error(errors, "spec.clusterIPs", "may only hold up to 2 values")) << dump(errors);
  svc.spec.cluster_ip.clear();
  svc.spec.cluster_ips = {"10.96.0.1", "None"};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.clusterIPs", "'None' must be the first and only value"));
  svc.spec.cluster_ip.clear();
  svc.spec.cluster_ips = {"10.96.0.1", "nope"};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.clusterIPs[1]", "must be a valid IP address"));
}

TEST(ServiceValidation, LoadBalancerFieldsOnlyForLoadBalancers) {
  Service svc = registry_service("NodePort");
  svc.spec.load_balancer_class = "example.com/lb";
  svc.spec.allocate_load_balancer_node_ports = false;
  FieldErrors errors = defaulted_and_validated(svc);
  EXPECT_TRUE(has_error(errors, "spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'"));
  EXPECT_TRUE(has_error(errors, "spec.allocateLoadBalancerNodePorts", "may only be used when"));
  svc.spec.type = "LoadBalancer";
  svc.spec.load_balancer_class = "not a name";
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.loadBalancerClass", "Invalid value"));
}

TEST(ServiceValidation, AppProtocolIsAQualifiedName) {
  Service svc = registry_service();
  svc.spec.ports[0].app_protocol = "kubernetes.io/h2c";
  EXPECT_TRUE(defaulted_and_validated(svc).list().empty());
  svc.spec.ports[0].app_protocol = "h2c?";
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.ports[0].appProtocol", "Invalid value"));
}

TEST(ServiceValidation, ExternalNameNeedsAName) {
  Service svc = registry_service("ExternalName");
  svc.spec.selector.clear();
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.externalName", "Required value"));
  svc.spec.external_name = "db.example.com.";
  FieldErrors errors = defaulted_and_validated(svc);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
  svc.spec.external_name = "not a host";
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.externalName", "RFC 1123 subdomain"));
}

TEST(ServiceValidation, ForbidsClusterIpOnExternalName) {
  Service svc = registry_service("ExternalName");
  svc.spec.external_name = "db.example.com";
  svc.spec.cluster_ip = "10.96.0.1";
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.clusterIP", "may not be set for ExternalName"));
  svc.spec.cluster_ip.clear();
  svc.spec.cluster_ips = {"10.96.0.1"};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.clusterIPs", "may not be set for ExternalName"));
}

TEST(ServiceValidation, ExternalTrafficPolicyOnlyWhenExternallyAccessible) {
  Service svc = registry_service();
  svc.spec.external_traffic_policy = "Local";
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.externalTrafficPolicy",
                        "may only be set for externally-accessible services"));
}

TEST(ServiceValidation, HealthCheckNodePortOnlyForLocalLoadBalancers) {
  Service svc = registry_service("NodePort");
  svc.spec.health_check_node_port = 30100;
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.healthCheckNodePort", "may only be set"));
}

TEST(ServiceValidation, RejectsBadExternalIps) {
  Service svc = registry_service();
  svc.spec.external_ips = {"192.0.2.10", "2001:db8::1", "nope"};
  FieldErrors errors = defaulted_and_validated(svc);
  EXPECT_TRUE(has_error(errors, "spec.externalIPs[2]", "must be a valid IP address"));
  EXPECT_FALSE(has_error(errors, "spec.externalIPs[1]", "must be a valid IP address"));
}

TEST(ServiceValidation, SourceRangesOnlyForLoadBalancersAndMustBeCidrs) {
  Service svc = registry_service();
  svc.spec.load_balancer_source_ranges = {"10.0.0.0/8"};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.loadBalancerSourceRanges", "Forbidden"));
  svc.spec.type = "LoadBalancer";
  svc.spec.load_balancer_source_ranges = {"10.0.0.0/33"};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.loadBalancerSourceRanges[0]", "IP ranges"));
}

TEST(ServiceValidation, ClientIpTimeoutMustBeAtMostADay) {
  Service svc = registry_service();
  svc.spec.session_affinity = "ClientIP";
  svc.spec.session_affinity_config = SessionAffinityConfig{ClientIpConfig{86401}};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.sessionAffinityConfig.clientIP.timeoutSeconds",
                        "must be greater than 0"));
}

TEST(ServiceValidation, RejectsDuplicateIpFamiliesAndSingleStackDualFamilies) {
  Service svc = registry_service();
  svc.spec.ip_families = {"IPv4", "IPv4"};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.ipFamilies[1]", "Duplicate value"));
  svc.spec.ip_families = {"IPv4", "IPv6", "IPv4"};
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.ipFamilies", "may specify no more than 2 ipFamilies"));
  svc.spec.ip_families = {"IPv4", "IPv6"};
  svc.spec.ip_family_policy = "SingleStack";
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.ipFamilyPolicy", "RequireDualStack"));
}

TEST(ServiceValidation, ValidatesSelectorLabels) {
  Service svc = registry_service();
  svc.spec.selector["app"] = "bad value";
  EXPECT_TRUE(has_error(defaulted_and_validated(svc), "spec.selector[app]", "Invalid value"));
}

// Endpoints ----------------------------------------------------------------------

Endpoints registry_endpoints() {
  Endpoints ep;
  ep.metadata.name = "registry";
  EndpointSubset s;
  EndpointAddress a;
  a.ip = "10.244.1.7";
  a.node_name = "node-1";
  s.addresses.push_back(a);
  s.ports.push_back(EndpointPort{"", 5000, "TCP", ""});
  ep.subsets.push_back(s);
  return ep;
}

TEST(EndpointsValidation, AcceptsValidEndpoints) {
  FieldErrors errors = validate(registry_endpoints());
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(EndpointsValidation, SubsetNeedsAddresses) {
  Endpoints ep = registry_endpoints();
  ep.subsets[0].addresses.clear();
  EXPECT_TRUE(has_error(validate(ep), "subsets[0]", "must specify `addresses` or `notReadyAddresses`"));
}

TEST(EndpointsValidation, RejectsBadAddressFields) {
  Endpoints ep = registry_endpoints();
  ep.subsets[0].not_ready_addresses.push_back(EndpointAddress{"10.1.2", "Bad_Host", "Node_1", std::nullopt});
  FieldErrors errors = validate(ep);
  EXPECT_TRUE(has_error(errors, "subsets[0].notReadyAddresses[0].ip", "must be a valid IP address"));
  EXPECT_TRUE(has_error(errors, "subsets[0].notReadyAddresses[0].hostname", "RFC 1123 label"));
  EXPECT_TRUE(has_error(errors, "subsets[0].notReadyAddresses[0].nodeName", "RFC 1123 subdomain"));
}

TEST(EndpointsValidation, PortNamesRequiredWithSeveralPortsAndPortsInRange) {
  Endpoints ep = registry_endpoints();
  ep.subsets[0].ports.push_back(EndpointPort{"metrics", 0, "TCP", ""});
  FieldErrors errors = validate(ep);
  EXPECT_TRUE(has_error(errors, "subsets[0].ports[0].name", "Required value"));
  EXPECT_TRUE(has_error(errors, "subsets[0].ports[1].port", "between 1 and 65535"));
}

TEST(EndpointsValidation, PortNamesAndAppProtocolsAreChecked) {
  Endpoints ep = registry_endpoints();
  ep.subsets[0].ports[0].name = "Web";
  ep.subsets[0].ports[0].app_protocol = "h2c?";
  FieldErrors errors = validate(ep);
  EXPECT_TRUE(has_error(errors, "subsets[0].ports[0].name", "RFC 1123 label"));
  EXPECT_TRUE(has_error(errors, "subsets[0].ports[0].appProtocol", "Invalid value"));
}

}  // namespace
}  // namespace herd::api::rules
