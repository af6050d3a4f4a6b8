#pragma once

// networking.k8s.io/v1: NetworkPolicy (which traffic may reach or leave a set
// of pods) and Ingress (HTTP routing from outside the cluster to Services).
//
// NetworkPolicy's policyTypes default from its rules in
// api/src/rules/networking_rules.cpp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "herd/api/container.hpp"
#include "herd/api/int_or_string.hpp"
#include "herd/api/meta.hpp"
#include "herd/api/schema.hpp"
#include "herd/api/service.hpp"

namespace herd::api {

inline constexpr std::array<std::string_view, 2> kPolicyTypes{"Ingress", "Egress"};
inline constexpr std::array<std::string_view, 4> kPathTypes{"", "Exact", "Prefix",
                                                            "ImplementationSpecific"};

// NetworkPolicy -----------------------------------------------------------------

/// A port (or port range port..endPort) a rule allows; no port means all ports.
struct NetworkPolicyPort {
  std::string protocol;
  std::optional<IntOrString> port;  ///< Number or named container port.
  std::optional<int32_t> end_port;  ///< Only with a numeric port; >= port.
  bool operator==(const NetworkPolicyPort&) const = default;
};
HERD_SCHEMA(NetworkPolicyPort,
  field("protocol", &NetworkPolicyPort::protocol).defaults("TCP").one_of(kProtocols),
  field("port", &NetworkPolicyPort::port),
  field("endPort", &NetworkPolicyPort::end_port));

/// A CIDR a rule allows, minus some sub-ranges.
struct IpBlock {
  std::string cidr;
  std::vector<std::string> except;  ///< Each a strict subset of cidr.
  bool operator==(const IpBlock&) const = default;
};
HERD_SCHEMA(IpBlock,
  field("cidr", &IpBlock::cidr).required(),
  field("except", &IpBlock::except));

/// The other end of a rule: pods (in namespaces) chosen by selectors, or an IP block.
/// At least one member is set; ipBlock stands alone.
struct NetworkPolicyPeer {
  std::optional<LabelSelector> pod_selector;
  std::optional<LabelSelector> namespace_selector;
  std::optional<IpBlock> ip_block;
  bool operator==(const NetworkPolicyPeer&) const = default;
};
HERD_SCHEMA(NetworkPolicyPeer,
  field("podSelector", &NetworkPolicyPeer::pod_selector),
  field("namespaceSelector", &NetworkPolicyPeer::namespace_selector),
  field("ipBlock", &NetworkPolicyPeer::ip_block));

/// Traffic allowed into the selected pods: from any of `from`, on any of `ports`.
struct NetworkPolicyIngressRule {
  std::vector<NetworkPolicyPort> ports;
  std::vector<NetworkPolicyPeer> from;
  bool operator==(const NetworkPolicyIngressRule&) const = default;
};
HERD_SCHEMA(NetworkPolicyIngressRule,
  field("ports", &NetworkPolicyIngressRule::ports),
  field("from", &NetworkPolicyIngressRule::from));

/// Traffic allowed out of the selected pods: to any of `to`, on any of `ports`.
struct NetworkPolicyEgressRule {
  std::vector<NetworkPolicyPort> ports;
  std::vector<NetworkPolicyPeer> to;
  bool operator==(const NetworkPolicyEgressRule&) const = default;
};
HERD_SCHEMA(NetworkPolicyEgressRule,
  field("ports", &NetworkPolicyEgressRule::ports),
  field("to", &NetworkPolicyEgressRule::to));

/// Which pods a policy isolates, and what traffic it then allows.
struct NetworkPolicySpec {
  LabelSelector pod_selector;  ///< Empty selects every pod of the namespace.
  std::vector<NetworkPolicyIngressRule> ingress;
  std::vector<NetworkPolicyEgressRule> egress;
  std::vector<std::string> policy_types;  ///< Defaults to [Ingress] (+ Egress with egress rules).
  bool operator==(const NetworkPolicySpec&) const = default;
};
HERD_SCHEMA(NetworkPolicySpec,
  field("podSelector", &NetworkPolicySpec::pod_selector),
  field("ingress", &NetworkPolicySpec::ingress),
  field("egress", &NetworkPolicySpec::egress),
  field("policyTypes", &NetworkPolicySpec::policy_types).one_of(kPolicyTypes));

/// Allowed traffic for a set of pods in one namespace.
struct NetworkPolicy {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  NetworkPolicySpec spec;
  bool operator==(const NetworkPolicy&) const = default;
};
HERD_SCHEMA(NetworkPolicy,
  field("apiVersion", &NetworkPolicy::api_version),
  field("kind", &NetworkPolicy::kind),
  field("metadata", &NetworkPolicy::metadata),
  field("spec", &NetworkPolicy::spec));

// Ingress -----------------------------------------------------------------------

/// A Service port by name or by number (exactly one).
struct ServiceBackendPort {
  std::string name;
  int32_t number = 0;
  bool operator==(const ServiceBackendPort&) const = default;
};
HERD_SCHEMA(ServiceBackendPort,
  field("name", &ServiceBackendPort::name),
  field("number", &ServiceBackendPort::number));

/// A Service (in the Ingress's namespace) and port that receives traffic.
struct IngressServiceBackend {
  std::string name;
  ServiceBackendPort port;
  bool operator==(const IngressServiceBackend&) const = default;
};
HERD_SCHEMA(IngressServiceBackend,
  field("name", &IngressServiceBackend::name).required(),
  field("port", &IngressServiceBackend::port));

/// A typed reference to an object in the same namespace (an Ingress resource backend).
struct TypedLocalObjectReference {
  std::string api_group;  ///< "" for the core group.
  std::string kind;
  std::string name;
  bool operator==(const TypedLocalObjectReference&) const = default;
};
HERD_SCHEMA(TypedLocalObjectReference,
  field("apiGroup", &TypedLocalObjectReference::api_group),
  field("kind", &TypedLocalObjectReference::kind).required(),
  field("name", &TypedLocalObjectReference::name).required());

/// Where matching requests go: a Service or another resource (exactly one).
struct IngressBackend {
  std::optional<IngressServiceBackend> service;
  std::optional<TypedLocalObjectReference> resource;
  bool operator==(const IngressBackend&) const = default;
};
HERD_SCHEMA(IngressBackend,
  field("service", &IngressBackend::service),
  field("resource", &IngressBackend::resource));

/// Requests whose path matches `path` (as `pathType` says) go to `backend`.
struct HttpIngressPath {
  std::string path;
  std::string path_type;  ///< Required by validation.
  IngressBackend backend;
  bool operator==(const HttpIngressPath&) const = default;
};
HERD_SCHEMA(HttpIngressPath,
  field("path", &HttpIngressPath::path),
  field("pathType", &HttpIngressPath::path_type).one_of(kPathTypes),
  field("backend", &HttpIngressPath::backend).required());

/// The HTTP paths of one rule.
struct HttpIngressRuleValue {
  std::vector<HttpIngressPath> paths;
  bool operator==(const HttpIngressRuleValue&) const = default;
};
HERD_SCHEMA(HttpIngressRuleValue, field("paths", &HttpIngressRuleValue::paths).required());

/// Routing for one host (or every host when `host` is empty); "*.foo.com" wildcards allowed.
struct IngressRule {
  std::string host;
  std::optional<HttpIngressRuleValue> http;
  bool operator==(const IngressRule&) const = default;
};
HERD_SCHEMA(IngressRule,
  field("host", &IngressRule::host),
  field("http", &IngressRule::http));

/// TLS for some hosts, with the certificate in a kubernetes.io/tls Secret.
struct IngressTls {
  std::vector<std::string> hosts;
  std::string secret_name;
  bool operator==(const IngressTls&) const = default;
};
HERD_SCHEMA(IngressTls,
  field("hosts", &IngressTls::hosts),
  field("secretName", &IngressTls::secret_name));

/// The routing an Ingress asks for: rules and/or a default backend.
struct IngressSpec {
  std::optional<std::string> ingress_class_name;
  std::optional<IngressBackend> default_backend;
  std::vector<IngressTls> tls;
  std::vector<IngressRule> rules;
  bool operator==(const IngressSpec&) const = default;
};
HERD_SCHEMA(IngressSpec,
  field("ingressClassName", &IngressSpec::ingress_class_name),
  field("defaultBackend", &IngressSpec::default_backend),
  field("tls", &IngressSpec::tls),
  field("rules", &IngressSpec::rules));

/// Where the Ingress is reachable, as its controller reports it.
struct IngressStatus {
  LoadBalancerStatus load_balancer;
  bool operator==(const IngressStatus&) const = default;
};
HERD_SCHEMA(IngressStatus, field("loadBalancer", &IngressStatus::load_balancer));

/// HTTP(S) routing from outside the cluster to Services (networking.k8s.io/v1).
struct Ingress {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  IngressSpec spec;
  IngressStatus status;
  bool operator==(const Ingress&) const = default;
};
HERD_SCHEMA(Ingress,
  field("apiVersion", &Ingress::api_version),
  field("kind", &Ingress::kind),
  field("metadata", &Ingress::metadata),
  field("spec", &Ingress::spec),
  field("status", &Ingress::status));

}  // namespace herd::api
