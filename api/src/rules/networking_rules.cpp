// Rules of NetworkPolicy and Ingress. Kubernetes sources:
// pkg/apis/networking/v1/defaults.go and pkg/apis/networking/validation/validation.go.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/addresses.hpp"
#include "herd/api/names.hpp"
#include "rules/kind_rules.hpp"

namespace herd::api::rules {
namespace {

const FieldPath kMetadata("metadata");
const FieldPath kSpec("spec");

// NetworkPolicy ---------------------------------------------------------------------

void validate_policy_port(const NetworkPolicyPort& p, const FieldPath& path, FieldErrors& errors) {
  FieldPath end_port = path.child("endPort");
  if (!p.port) {
    if (p.end_port) {
      errors.invalid(end_port, std::to_string(*p.end_port), "may not be specified when `port` is not specified");
    }
    return;
  }
  validate_port_or_name(*p.port, path.child("port"), errors);
  if (!p.end_port) return;
  if (p.port->is_string()) {
    errors.invalid(end_port, std::to_string(*p.end_port), "may not be specified when `port` is non-numeric");
    return;
  }
  if (*p.end_port < p.port->int_value()) {
    errors.invalid(end_port, std::to_string(p.port->int_value()), "must be greater than or equal to `port`");
  }
  validate_port_number(*p.end_port, end_port, errors);
}

void validate_ip_block(const IpBlock& block, const FieldPath& path, FieldErrors& errors) {
  constexpr std::string_view kCidrMessage = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
  if (block.cidr.empty()) return;  // the table reports it as required
  Result<Cidr> cidr = parse_cidr(block.cidr);
  if (!cidr.ok()) {
    errors.invalid(path.child("cidr"), block.cidr, kCidrMessage);
    return;
  }
  for (std::size_t i = 0; i < block.except.size(); ++i) {
    FieldPath at = path.child("except").index(i);
    Result<Cidr> except = parse_cidr(block.except[i]);
    if (!except.ok()) {
      errors.invalid(at, block.except[i], kCidrMessage);
    } else if (!is_strict_subset(*cidr, *except)) {
      errors.invalid(at, block.except[i], "must be a strict subset of `cidr`");
    }
  }
}

/// A peer selects pods, namespaces, or an IP block; the block cannot be narrowed by selectors.
void validate_peer(const NetworkPolicyPeer& peer, const FieldPath& path, FieldErrors& errors) {
  int kinds = 0;
  if (peer.pod_selector) {
    ++kinds;
    validate_label_selector(*peer.pod_selector, path.child("podSelector"), errors);
  }
  if (peer.namespace_selector) {
    ++kinds;
    validate_label_selector(*peer.namespace_selector, path.child("namespaceSelector"), errors);
  }
  if (peer.ip_block) {
    ++kinds;
    validate_ip_block(*peer.ip_block, path.child("ipBlock"), errors);
  }
  if (kinds == 0) {
    errors.required(path, "must specify a peer");
  } else if (kinds > 1 && peer.ip_block) {
    errors.forbidden(path, "may not specify both ipBlock and another peer");
  }
}

template <class Rule>
void validate_policy_rules(const std::vector<Rule>& rules, std::string_view name, std::string_view peers,
                           std::vector<NetworkPolicyPeer> Rule::*peer_member, FieldErrors& errors) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    FieldPath at = kSpec.child(name).index(i);
    for (std::size_t p = 0; p < rules[i].ports.size(); ++p) {
      validate_policy_port(rules[i].ports[p], at.child("ports").index(p), errors);
    }
    const std::vector<NetworkPolicyPeer>& list = rules[i].*peer_member;
    for (std::size_t p = 0; p < list.size(); ++p) validate_peer(list[p], at.child(peers).index(p), errors);
  }
}

// Ingress ------------------------------------------------------------------------------

/// A host name, or "*." followed by one (the wildcard covers one label).
void validate_host(const std::string& host, const FieldPath& path, FieldErrors& errors) {
  if (host.find('*') == std::string::npos) {
    report_all(is_dns1123_subdomain(host), path, host, errors);
    return;
  }
  if (host.size() > kDns1123SubdomainMaxLength) {
    errors.invalid(path, host, "must be no more than " + std::to_string(kDns1123SubdomainMaxLength) + " characters");
  }
  std::string_view rest = std::string_view(host).substr(std::min<std::size_t>(2, host.size()));
  bool ok = host.rfind("*.", 0) == 0 && rest.find('*') == std::string_view::npos;
  if (ok) {
    for (const std::string& p : is_dns1123_subdomain(rest)) ok = ok && p.rfind("must be no more", 0) == 0;
  }
  if (!ok) {
    errors.invalid(path, host,
                   "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which "
                   "must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric "
                   "character (e.g. '*.example.com', regex used for validation is "
                   "'\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  }
}

/// Exactly one of service and resource; a service port by name or by number.
void validate_backend(const IngressBackend& b, const FieldPath& path, FieldErrors& errors) {
  if (b.service && b.resource) {
    errors.invalid(path, "", "cannot set both resource and service backends");
    return;
  }
  if (b.resource) {
    const TypedLocalObjectReference& r = *b.resource;
    FieldPath at = path.child("resource");
    if (!r.api_group.empty()) report_all(is_dns1123_subdomain(r.api_group), at.child("apiGroup"), r.api_group, errors);
    report_all(is_path_segment_name(r.kind), at.child("kind"), r.kind, errors);
    report_all(is_path_segment_name(r.name), at.child("name"), r.name, errors);
    return;
  }
  if (!b.service) {
    errors.invalid(path, "", "resource or service backend is required");
    return;
  }
  FieldPath service = path.child("service");
  if (!b.service->name.empty()) {
    report_all(is_dns1123_label(b.service->name), service.child("name"), b.service->name, errors);
  }
  const ServiceBackendPort& port = b.service->port;
  FieldPath port_path = service.child("port");
  bool has_name = !port.name.empty();
  bool has_number = port.number != 0;
  if (has_name && has_number) {
    errors.invalid(port_path, "", "cannot set both port name & port number");
  } else if (has_name) {
    report_all(is_port_name(port.name), port_path.child("name"), port.name, errors);
  } else if (has_number) {
    validate_port_number(port.number, port_path.child("number"), errors);
  } else {
    errors.required(port_path, "port name or number is required");
  }
}

void validate_http_path(const HttpIngressPath& p, const FieldPath& path, FieldErrors& errors) {
  FieldPath path_field = path.child("path");
  if (p.path_type.empty()) {
    errors.required(path.child("pathType"), "pathType must be specified");
    return;
  }
  if (p.path_type == "Exact" || p.path_type == "Prefix") {
    if (p.path.empty() || p.path[0] != '/') errors.invalid(path_field, p.path, "must be an absolute path");
    for (std::string_view bad : {"//", "/./", "/../", "%2f", "%2F"}) {
      if (p.path.find(bad) != std::string::npos) {
        errors.invalid(path_field, p.path, "must not contain '" + std::string(bad) + "'");
      }
    }
    for (std::string_view bad : {"/..", "/."}) {
      if (p.path.size() >= bad.size() && p.path.compare(p.path.size() - bad.size(), bad.size(), bad) == 0) {
        errors.invalid(path_field, p.path, "cannot end with '" + std::string(bad) + "'");
      }
    }
  } else if (p.path_type == "ImplementationSpecific" && !p.path.empty() && p.path[0] != '/') {
    errors.invalid(path_field, p.path, "must be an absolute path");
  }
  validate_backend(p.backend, path.child("backend"), errors);
}

void validate_ingress_rules(const std::vector<IngressRule>& rules, FieldErrors& errors) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const IngressRule& rule = rules[i];
    FieldPath at = kSpec.child("rules").index(i);
    if (!rule.host.empty()) {
      if (is_ip(rule.host)) errors.invalid(at.child("host"), rule.host, "must be a DNS name, not an IP address");
      validate_host(rule.host, at.child("host"), errors);
    }
    if (!rule.http) continue;
    for (std::size_t p = 0; p < rule.http->paths.size(); ++p) {
      validate_http_path(rule.http->paths[p], at.child("http").child("paths").index(p), errors);
    }
  }
}

}  // namespace

// NetworkPolicy -------------------------------------------------------------------------

void apply_kind_defaults(NetworkPolicy& policy) {
  // A policy always isolates ingress; it isolates egress only when it says so or has egress rules.
  NetworkPolicySpec& spec = policy.spec;
  if (spec.policy_types.empty()) {
    spec.policy_types = {"Ingress"};
    if (!spec.egress.empty()) spec.policy_types.push_back("Egress");
  }
}

void validate_kind(const NetworkPolicy& policy, FieldErrors& errors) {
  validate_object_meta(policy.metadata, /*namespaced=*/true, /*name_is_label=*/false, kMetadata, errors);
  const NetworkPolicySpec& spec = policy.spec;
  validate_label_selector(spec.pod_selector, kSpec.child("podSelector"), errors);
  validate_policy_rules(spec.ingress, "ingress", "from", &NetworkPolicyIngressRule::from, errors);
  validate_policy_rules(spec.egress, "egress", "to", &NetworkPolicyEgressRule::to, errors);
  if (spec.policy_types.size() > 2) {
    errors.invalid(kSpec.child("policyTypes"), join(spec.policy_types), "may not specify more than two policyTypes");
  }
}

// Ingress -----------------------------------------------------------------------------------

void apply_kind_defaults(Ingress& /*ingress*/) {
  // networking.k8s.io/v1 has no Ingress defaults (pathType is required, not defaulted).
}

void validate_kind(const Ingress& ingress, FieldErrors& errors) {
  validate_object_meta(ingress.metadata, /*namespaced=*/true, /*name_is_label=*/false, kMetadata, errors);
  const IngressSpec& spec = ingress.spec;
  if (spec.rules.empty() && !spec.default_backend) {
    errors.invalid(kSpec, "[]", "either `defaultBackend` or `rules` must be specified");
  }
  if (spec.default_backend) validate_backend(*spec.default_backend, kSpec.child("defaultBackend"), errors);
  validate_ingress_rules(spec.rules, errors);
  for (std::size_t i = 0; i < spec.tls.size(); ++i) {
    const IngressTls& tls = spec.tls[i];
    FieldPath at = kSpec.child("tls").index(i);
    for (std::size_t h = 0; h < tls.hosts.size(); ++h) validate_host(tls.hosts[h], at.child("hosts").index(h), errors);
    if (!tls.secret_name.empty()) {
      report_all(is_dns1123_subdomain(tls.secret_name), at.child("secretName"), tls.secret_name, errors);
    }
  }
  if (spec.ingress_class_name) {
    report_all(is_dns1123_subdomain(*spec.ingress_class_name), kSpec.child("ingressClassName"),
               *spec.ingress_class_name, errors);
  }
}

}  // namespace herd::api::rules
