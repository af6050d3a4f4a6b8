#pragma once

// Service and Endpoints (core/v1): a stable name and virtual IP for a set of
// pods, and the addresses currently behind it.
//
// Defaults that depend on other fields (targetPort from port, the traffic
// policies by type, the ClientIP affinity timeout) are applied by
// api/src/rules/service_rules.cpp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "herd/api/cluster.hpp"
#include "herd/api/container.hpp"
#include "herd/api/int_or_string.hpp"
#include "herd/api/meta.hpp"
#include "herd/api/schema.hpp"

namespace herd::api {

inline constexpr std::array<std::string_view, 4> kServiceTypes{"ClusterIP", "NodePort",
                                                               "LoadBalancer", "ExternalName"};
inline constexpr std::array<std::string_view, 2> kSessionAffinities{"ClientIP", "None"};
inline constexpr std::array<std::string_view, 3> kTrafficPolicies{"", "Cluster", "Local"};
inline constexpr std::array<std::string_view, 2> kIpFamilies{"IPv4", "IPv6"};
inline constexpr std::array<std::string_view, 3> kIpFamilyPolicies{"SingleStack", "PreferDualStack",
                                                                   "RequireDualStack"};
inline constexpr std::array<std::string_view, 2> kLoadBalancerIpModes{"VIP", "Proxy"};

/// One port a Service exposes, and the pod port it forwards to.
struct ServicePort {
  std::string name;  ///< DNS-1123 label; required when the Service has several ports.
  std::string protocol;
  std::string app_protocol;  ///< A qualified name ("http", "kubernetes.io/h2c").
  int32_t port = 0;
  std::optional<IntOrString> target_port;  ///< Number or container port name; defaults to port.
  int32_t node_port = 0;  ///< NodePort and LoadBalancer only; 0 means allocate one.
  bool operator==(const ServicePort&) const = default;
};
HERD_SCHEMA(ServicePort,
  field("name", &ServicePort::name),
  field("protocol", &ServicePort::protocol).defaults("TCP").one_of(kProtocols),
  field("appProtocol", &ServicePort::app_protocol),
  field("port", &ServicePort::port).required(),
  field("targetPort", &ServicePort::target_port),
  field("nodePort", &ServicePort::node_port));

/// Stickiness settings for sessionAffinity ClientIP.
struct ClientIpConfig {
  std::optional<int32_t> timeout_seconds;  ///< 1..86400; defaults to 10800 (3 hours).
  bool operator==(const ClientIpConfig&) const = default;
};
HERD_SCHEMA(ClientIpConfig, field("timeoutSeconds", &ClientIpConfig::timeout_seconds));

/// Session affinity settings; only meaningful with sessionAffinity ClientIP.
struct SessionAffinityConfig {
  std::optional<ClientIpConfig> client_ip;
  bool operator==(const SessionAffinityConfig&) const = default;
};
HERD_SCHEMA(SessionAffinityConfig, field("clientIP", &SessionAffinityConfig::client_ip));

/// How a Service is exposed and which pods it sends traffic to.
struct ServiceSpec {
  std::string type;
  std::vector<ServicePort> ports;
  StringMap selector;
  std::string cluster_ip;  ///< "None" makes the Service headless.
  std::vector<std::string> cluster_ips;  ///< [0] equals clusterIP.
  std::vector<std::string> external_ips;
  std::string session_affinity;
  std::optional<SessionAffinityConfig> session_affinity_config;
  std::string load_balancer_ip;
  std::vector<std::string> load_balancer_source_ranges;  ///< CIDRs; LoadBalancer only.
  std::optional<std::string> load_balancer_class;
  std::optional<bool> allocate_load_balancer_node_ports;
  std::string external_name;  ///< A DNS name; required for ExternalName.
  std::string external_traffic_policy;  ///< Externally reachable Services only.
  std::string internal_traffic_policy;
  int32_t health_check_node_port = 0;
  bool publish_not_ready_addresses = false;
  std::vector<std::string> ip_families;
  std::optional<std::string> ip_family_policy;
  bool operator==(const ServiceSpec&) const = default;
};
HERD_SCHEMA(ServiceSpec,
  field("type", &ServiceSpec::type).defaults("ClusterIP").one_of(kServiceTypes),
  field("ports", &ServiceSpec::ports),
  field("selector", &ServiceSpec::selector),
  field("clusterIP", &ServiceSpec::cluster_ip),
  field("clusterIPs", &ServiceSpec::cluster_ips),
  field("externalIPs", &ServiceSpec::external_ips),
  field("sessionAffinity", &ServiceSpec::session_affinity).defaults("None").one_of(kSessionAffinities),
  field("sessionAffinityConfig", &ServiceSpec::session_affinity_config),
  field("loadBalancerIP", &ServiceSpec::load_balancer_ip),
  field("loadBalancerSourceRanges", &ServiceSpec::load_balancer_source_ranges),
  field("loadBalancerClass", &ServiceSpec::load_balancer_class),
  field("allocateLoadBalancerNodePorts", &ServiceSpec::allocate_load_balancer_node_ports),
  field("externalName", &ServiceSpec::external_name),
  field("externalTrafficPolicy", &ServiceSpec::external_traffic_policy).one_of(kTrafficPolicies),
  field("internalTrafficPolicy", &ServiceSpec::internal_traffic_policy).one_of(kTrafficPolicies),
  field("healthCheckNodePort", &ServiceSpec::health_check_node_port),
  field("publishNotReadyAddresses", &ServiceSpec::publish_not_ready_addresses),
  field("ipFamilies", &ServiceSpec::ip_families).one_of(kIpFamilies),
  field("ipFamilyPolicy", &ServiceSpec::ip_family_policy).one_of(kIpFamilyPolicies));

/// The state of one port of a load-balancer ingress point.
struct PortStatus {
  int32_t port = 0;
  std::string protocol;
  std::optional<std::string> error;
  bool operator==(const PortStatus&) const = default;
};
HERD_SCHEMA(PortStatus,
  field("port", &PortStatus::port).required(),
  field("protocol", &PortStatus::protocol).required().one_of(kProtocols),
  field("error", &PortStatus::error));

/// One ingress point of a load balancer: an IP, a hostname, or both.
struct LoadBalancerIngress {
  std::string ip;
  std::string hostname;
  std::optional<std::string> ip_mode;
  std::vector<PortStatus> ports;
  bool operator==(const LoadBalancerIngress&) const = default;
};
HERD_SCHEMA(LoadBalancerIngress,
  field("ip", &LoadBalancerIngress::ip),
  field("hostname", &LoadBalancerIngress::hostname),
  field("ipMode", &LoadBalancerIngress::ip_mode).one_of(kLoadBalancerIpModes),
  field("ports", &LoadBalancerIngress::ports));

/// The ingress points of a load balancer (Service and Ingress status).
struct LoadBalancerStatus {
  std::vector<LoadBalancerIngress> ingress;
  bool operator==(const LoadBalancerStatus&) const = default;
};
HERD_SCHEMA(LoadBalancerStatus, field("ingress", &LoadBalancerStatus::ingress));

/// What the load balancer integration last reported for a Service.
struct ServiceStatus {
  LoadBalancerStatus load_balancer;
  bool operator==(const ServiceStatus&) const = default;
};
HERD_SCHEMA(ServiceStatus, field("loadBalancer", &ServiceStatus::load_balancer));

/// A stable name and address for a set of pods (core/v1). Its name is a DNS-1123 label.
struct Service {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  ServiceSpec spec;
  ServiceStatus status;
  bool operator==(const Service&) const = default;
};
HERD_SCHEMA(Service,
  field("apiVersion", &Service::api_version),
  field("kind", &Service::kind),
  field("metadata", &Service::metadata),
  field("spec", &Service::spec),
  field("status", &Service::status));

// Endpoints -------------------------------------------------------------------

/// One address behind a Service, usually a pod's IP.
struct EndpointAddress {
  std::string ip;
  std::string hostname;
  std::string node_name;
  std::optional<ObjectReference> target_ref;  ///< The pod, when there is one.
  bool operator==(const EndpointAddress&) const = default;
};
HERD_SCHEMA(EndpointAddress,
  field("ip", &EndpointAddress::ip).required(),
  field("hostname", &EndpointAddress::hostname),
  field("nodeName", &EndpointAddress::node_name),
  field("targetRef", &EndpointAddress::target_ref));

/// One port served at the addresses of a subset.
struct EndpointPort {
  std::string name;  ///< Must equal the ServicePort's name; required with several ports.
  int32_t port = 0;
  std::string protocol;
  std::string app_protocol;
  bool operator==(const EndpointPort&) const = default;
};
HERD_SCHEMA(EndpointPort,
  field("name", &EndpointPort::name),
  field("port", &EndpointPort::port).required(),
  field("protocol", &EndpointPort::protocol).defaults("TCP").one_of(kProtocols),
  field("appProtocol", &EndpointPort::app_protocol));

/// Addresses that all serve the same ports (the cross product is the endpoint set).
struct EndpointSubset {
  std::vector<EndpointAddress> addresses;
  std::vector<EndpointAddress> not_ready_addresses;
  std::vector<EndpointPort> ports;
  bool operator==(const EndpointSubset&) const = default;
};
HERD_SCHEMA(EndpointSubset,
  field("addresses", &EndpointSubset::addresses),
  field("notReadyAddresses", &EndpointSubset::not_ready_addresses),
  field("ports", &EndpointSubset::ports));

/// The addresses currently behind a Service of the same name (core/v1). No spec.
struct Endpoints {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  std::vector<EndpointSubset> subsets;
  bool operator==(const Endpoints&) const = default;
};
HERD_SCHEMA(Endpoints,
  field("apiVersion", &Endpoints::api_version),
  field("kind", &Endpoints::kind),
  field("metadata", &Endpoints::metadata),
  field("subsets", &Endpoints::subsets));

}  // namespace herd::api
