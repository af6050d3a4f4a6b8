// Rules of Service and Endpoints. Kubernetes sources: pkg/apis/core/v1/defaults.go
// (SetDefaults_Service), pkg/registry/core/service/strategy.go (clusterIP and
// clusterIPs kept in step) and pkg/apis/core/validation/validation.go
// (ValidateService, ValidateEndpoints).
//
// Cluster IPs may be of either family. A dual-stack Service holds two, one of
// each family, in clusterIPs; clusterIPs[0] is clusterIP, and where ipFamilies
// is given, clusterIPs[i] is of family ipFamilies[i].

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "herd/api/addresses.hpp"
#include "herd/api/names.hpp"
#include "rules/kind_rules.hpp"

namespace herd::api::rules {
namespace {

const FieldPath kMetadata("metadata");
const FieldPath kSpec("spec");

constexpr int32_t kNodePortMin = 30000;
constexpr int32_t kNodePortMax = 32767;
constexpr int32_t kDefaultClientIpTimeout = 10800;  // 3 hours
constexpr int32_t kMaxClientIpTimeout = 86400;      // 1 day
constexpr std::string_view kValidIpMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

/// LoadBalancer, NodePort, or a ClusterIP Service with external IPs.
bool externally_accessible(const ServiceSpec& spec) {
  return spec.type == "LoadBalancer" || spec.type == "NodePort" ||
         (spec.type == "ClusterIP" && !spec.external_ips.empty());
}

void validate_service_port(const ServicePort& p, const ServiceSpec& spec, const FieldPath& path,
                           FieldErrors& errors) {
  if (spec.ports.size() > 1 && p.name.empty()) {
    errors.required(path.child("name"));
  } else if (!p.name.empty()) {
    report_all(is_dns1123_label(p.name), path.child("name"), p.name, errors);
  }
  validate_port_number(p.port, path.child("port"), errors);
  if (p.target_port) validate_port_or_name(*p.target_port, path.child("targetPort"), errors);
  if (!p.app_protocol.empty()) {
    report_all(is_qualified_name(p.app_protocol), path.child("appProtocol"), p.app_protocol, errors);
  }
  if (p.node_port == 0) return;
  FieldPath node_port = path.child("nodePort");
  if (spec.type == "ClusterIP" || spec.type == "ExternalName") {
    errors.forbidden(node_port, "may not be used when `type` is '" + spec.type + "'");
  } else if (p.node_port < kNodePortMin || p.node_port > kNodePortMax) {
    errors.invalid(node_port, std::to_string(p.node_port),
                   "provided port is not in the valid range. The range of valid ports is " +
                       std::to_string(kNodePortMin) + "-" + std::to_string(kNodePortMax));
  }
}

void validate_ports(const ServiceSpec& spec, FieldErrors& errors) {
  FieldPath ports = kSpec.child("ports");
  bool headless = spec.cluster_ip == "None";
  if (spec.ports.empty() && !headless && spec.type != "ExternalName") errors.required(ports);
  std::set<std::string> names;
  std::set<std::pair<int32_t, std::string>> seen_ports;
  std::set<std::pair<int32_t, std::string>> seen_node_ports;
  for (std::size_t i = 0; i < spec.ports.size(); ++i) {
    const ServicePort& p = spec.ports[i];
    FieldPath at = ports.index(i);
    validate_service_port(p, spec, at, errors);
    if (!p.name.empty() && !names.insert(p.name).second) errors.duplicate(at.child("name"), p.name);
    if (!seen_ports.insert({p.port, p.protocol}).second) {
      errors.duplicate(at, std::to_string(p.port) + "/" + p.protocol);
    }
    if (p.node_port != 0 && !seen_node_ports.insert({p.node_port, p.protocol}).second) {
      errors.duplicate(at.child("nodePort"), std::to_string(p.node_port));
    }
  }
}

/// Two cluster IPs must be one of each family, and each must be of the family
/// ipFamilies names at its index (Kubernetes' validateServiceClusterIPsRelatedFields).
/// Called only when every clusterIPs entry is an IP address.
void validate_cluster_ip_families(const ServiceSpec& spec, FieldErrors& errors) {
  FieldPath cluster_ips = kSpec.child("clusterIPs");
  std::set<IpFamily> families;
  for (const std::string& ip : spec.cluster_ips) {
    if (std::optional<IpFamily> family = ip_family(ip)) families.insert(*family);
  }
  if (spec.cluster_ips.size() > 1 && families.size() < 2) {
    errors.invalid(cluster_ips, join(spec.cluster_ips), "may specify no more than one IP for each IP family");
  }
  std::size_t paired = std::min(spec.cluster_ips.size(), spec.ip_families.size());
  for (std::size_t i = 0; i < paired; ++i) {
    const std::string& ip = spec.cluster_ips[i];
    const std::string& wanted = spec.ip_families[i];
    // An unknown family is the table's to report (one_of).
    if (wanted != ip_family_name(IpFamily::kIPv4) && wanted != ip_family_name(IpFamily::kIPv6)) continue;
    std::optional<IpFamily> family = ip_family(ip);
    if (family && ip_family_name(*family) != wanted) {
      errors.invalid(cluster_ips.index(i), ip,
                     "expected an " + wanted + " value as indicated by `ipFamilies[" + std::to_string(i) + "]`");
    }
  }
}

void validate_cluster_ips(const ServiceSpec& spec, FieldErrors& errors) {
  FieldPath cluster_ip = kSpec.child("clusterIP");
  FieldPath cluster_ips = kSpec.child("clusterIPs");
  if (spec.type == "ExternalName") {
    if (!spec.cluster_ip.empty()) errors.forbidden(cluster_ip, "may not be set for ExternalName services");
    if (!spec.cluster_ips.empty()) errors.forbidden(cluster_ips, "may not be set for ExternalName services");
    return;
  }
  if (!spec.cluster_ip.empty() && spec.cluster_ip != "None" && !is_ip(spec.cluster_ip)) {
    errors.invalid(cluster_ip, spec.cluster_ip, "must be empty, 'None', or a valid IP address");
  }
  std::string joined = join(spec.cluster_ips);
  if (!spec.cluster_ip.empty() && !spec.cluster_ips.empty() && spec.cluster_ips[0] != spec.cluster_ip) {
    errors.invalid(cluster_ips, joined, "first value must match `clusterIP`");
  }
  if (spec.cluster_ips.size() > 2) errors.invalid(cluster_ips, joined, "may only hold up to 2 values");
  bool all_ips = true;
  for (std::size_t i = 0; i < spec.cluster_ips.size(); ++i) {
    const std::string& ip = spec.cluster_ips[i];
    if (ip == "None") {
      all_ips = false;
      if (i > 0 || spec.cluster_ips.size() > 1) {
        errors.invalid(cluster_ips, joined, "'None' must be the first and only value");
      }
    } else if (!is_ip(ip)) {
      all_ips = false;
      errors.invalid(cluster_ips.index(i), ip, kValidIpMessage);
    }
  }
  // A headless Service has no families to match; with a bad entry, family
  // errors would only restate it.
  if (all_ips) validate_cluster_ip_families(spec, errors);
}

void validate_external_name(const ServiceSpec& spec, FieldErrors& errors) {
  FieldPath path = kSpec.child("externalName");
  if (spec.type != "ExternalName") return;
  // The value (a CNAME) may end with a dot to mark it fully qualified.
  std::string cname = spec.external_name;
  if (!cname.empty() && cname.back() == '.') cname.pop_back();
  if (cname.empty()) {
    errors.required(path);
  } else {
    report_all(is_dns1123_subdomain(cname), path, spec.external_name, errors);
  }
}

void validate_traffic_fields(const ServiceSpec& spec, FieldErrors& errors) {
  bool load_balancer = spec.type == "LoadBalancer";
  if (!externally_accessible(spec) && !spec.external_traffic_policy.empty()) {
    errors.invalid(kSpec.child("externalTrafficPolicy"), spec.external_traffic_policy,
                   "may only be set for externally-accessible services");
  }
  if (spec.health_check_node_port != 0 && !(load_balancer && spec.external_traffic_policy == "Local")) {
    errors.invalid(kSpec.child("healthCheckNodePort"), std::to_string(spec.health_check_node_port),
                   "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
  }
  for (std::size_t i = 0; i < spec.external_ips.size(); ++i) {
    if (!is_ip(spec.external_ips[i])) {
      errors.invalid(kSpec.child("externalIPs").index(i), spec.external_ips[i], kValidIpMessage);
    }
  }
  FieldPath ranges = kSpec.child("loadBalancerSourceRanges");
  if (!load_balancer && !spec.load_balancer_source_ranges.empty()) {
    errors.forbidden(ranges, "may only be used when `type` is 'LoadBalancer'");
  }
  for (std::size_t i = 0; i < spec.load_balancer_source_ranges.size(); ++i) {
    if (!is_cidr(spec.load_balancer_source_ranges[i])) {
      errors.invalid(ranges.index(i), spec.load_balancer_source_ranges[i],
                     "must be a list of IP ranges. For example, 10.240.0.0/24,10.250.0.0/24 ");
    }
  }
  if (spec.load_balancer_class) {
    FieldPath path = kSpec.child("loadBalancerClass");
    if (!load_balancer) errors.forbidden(path, "may only be used when `type` is 'LoadBalancer'");
    report_all(is_qualified_name(*spec.load_balancer_class), path, *spec.load_balancer_class, errors);
  }
  if (spec.allocate_load_balancer_node_ports && !load_balancer) {
    errors.forbidden(kSpec.child("allocateLoadBalancerNodePorts"), "may only be used when `type` is 'LoadBalancer'");
  }
}

void validate_affinity_and_families(const ServiceSpec& spec, FieldErrors& errors) {
  if (spec.session_affinity == "ClientIP" && spec.session_affinity_config &&
      spec.session_affinity_config->client_ip && spec.session_affinity_config->client_ip->timeout_seconds) {
    int32_t timeout = *spec.session_affinity_config->client_ip->timeout_seconds;
    if (timeout <= 0 || timeout > kMaxClientIpTimeout) {
      errors.invalid(kSpec.child("sessionAffinityConfig").child("clientIP").child("timeoutSeconds"),
                     std::to_string(timeout),
                     "must be greater than 0 and less than " + std::to_string(kMaxClientIpTimeout));
    }
  }
  FieldPath families = kSpec.child("ipFamilies");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < spec.ip_families.size(); ++i) {
    if (!seen.insert(spec.ip_families[i]).second) errors.duplicate(families.index(i), spec.ip_families[i]);
  }
  if (spec.ip_families.size() > 2) {
    errors.invalid(families, std::to_string(spec.ip_families.size()) + " families",
                   "may specify no more than 2 ipFamilies");
  }
  if (spec.ip_families.size() == 2 && spec.ip_family_policy == "SingleStack") {
    errors.invalid(kSpec.child("ipFamilyPolicy"), "SingleStack",
                   "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified");
  }
}

void validate_endpoint_address(const EndpointAddress& a, const FieldPath& path, FieldErrors& errors) {
  if (!a.ip.empty() && !is_ip(a.ip)) errors.invalid(path.child("ip"), a.ip, kValidIpMessage);
  if (!a.hostname.empty()) report_all(is_dns1123_label(a.hostname), path.child("hostname"), a.hostname, errors);
  if (!a.node_name.empty()) {
    report_all(is_dns1123_subdomain(a.node_name), path.child("nodeName"), a.node_name, errors);
  }
}

}  // namespace

// Service -----------------------------------------------------------------------

void apply_kind_defaults(Service& svc) {
  ServiceSpec& spec = svc.spec;
  for (ServicePort& p : spec.ports) {
    bool unset = !p.target_port || *p.target_port == IntOrString::from_int(0) ||
                 *p.target_port == IntOrString::from_string("");
    if (unset) p.target_port = IntOrString::from_int(p.port);
  }
  if (spec.session_affinity == "None") spec.session_affinity_config.reset();
  if (spec.session_affinity == "ClientIP") {
    SessionAffinityConfig& config = spec.session_affinity_config ? *spec.session_affinity_config
                                                                 : spec.session_affinity_config.emplace();
    ClientIpConfig& client_ip = config.client_ip ? *config.client_ip : config.client_ip.emplace();
    if (!client_ip.timeout_seconds) client_ip.timeout_seconds = kDefaultClientIpTimeout;
  }
  if (externally_accessible(spec) && spec.external_traffic_policy.empty()) spec.external_traffic_policy = "Cluster";
  if (spec.type != "ExternalName" && spec.internal_traffic_policy.empty()) spec.internal_traffic_policy = "Cluster";
  if (spec.type == "LoadBalancer") {
    if (!spec.allocate_load_balancer_node_ports) spec.allocate_load_balancer_node_ports = true;
    for (LoadBalancerIngress& ingress : svc.status.load_balancer.ingress) {
      if (!ingress.ip.empty() && !ingress.ip_mode) ingress.ip_mode = "VIP";
    }
  }
  // clusterIP is clusterIPs[0]; a client may have written either one.
  if (spec.type != "ExternalName") {
    if (spec.cluster_ips.empty() && !spec.cluster_ip.empty()) spec.cluster_ips = {spec.cluster_ip};
    if (spec.cluster_ip.empty() && !spec.cluster_ips.empty()) spec.cluster_ip = spec.cluster_ips[0];
  }
}

void validate_kind(const Service& svc, FieldErrors& errors) {
  validate_object_meta(svc.metadata, /*namespaced=*/true, /*name_is_label=*/true, kMetadata, errors);
  const ServiceSpec& spec = svc.spec;
  validate_ports(spec, errors);
  validate_cluster_ips(spec, errors);
  validate_external_name(spec, errors);
  validate_traffic_fields(spec, errors);
  validate_affinity_and_families(spec, errors);
  if (spec.type != "ExternalName") validate_labels(spec.selector, kSpec.child("selector"), errors);
}

// Endpoints ---------------------------------------------------------------------

void apply_kind_defaults(Endpoints& /*endpoints*/) {
  // Port protocols default to TCP through the table; nothing depends on other fields.
}

void validate_kind(const Endpoints& ep, FieldErrors& errors) {
  validate_object_meta(ep.metadata, /*namespaced=*/true, /*name_is_label=*/false, kMetadata, errors);
  FieldPath subsets("subsets");
  for (std::size_t i = 0; i < ep.subsets.size(); ++i) {
    const EndpointSubset& s = ep.subsets[i];
    FieldPath at = subsets.index(i);
    if (s.addresses.empty() && s.not_ready_addresses.empty()) {
      errors.required(at, "must specify `addresses` or `notReadyAddresses`");
    }
    for (std::size_t a = 0; a < s.addresses.size(); ++a) {
      validate_endpoint_address(s.addresses[a], at.child("addresses").index(a), errors);
    }
    for (std::size_t a = 0; a < s.not_ready_addresses.size(); ++a) {
      validate_endpoint_address(s.not_ready_addresses[a], at.child("notReadyAddresses").index(a), errors);
    }
    for (std::size_t p = 0; p < s.ports.size(); ++p) {
      const EndpointPort& port = s.ports[p];
      FieldPath port_path = at.child("ports").index(p);
      if (s.ports.size() > 1 && port.name.empty()) {
        errors.required(port_path.child("name"));
      } else if (!port.name.empty()) {
        report_all(is_dns1123_label(port.name), port_path.child("name"), port.name, errors);
      }
      validate_port_number(port.port, port_path.child("port"), errors);
      if (!port.app_protocol.empty()) {
        report_all(is_qualified_name(port.app_protocol), port_path.child("appProtocol"), port.app_protocol, errors);
      }
    }
  }
}

}  // namespace herd::api::rules
