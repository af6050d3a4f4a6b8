// Rules of Namespace, Node and Event. Kubernetes sources: pkg/apis/core/v1/defaults.go
// (SetDefaults_Namespace, SetDefaults_NodeStatus), pkg/apis/core/v1/conversion.go
// (podCIDR and podCIDRs kept in step) and pkg/apis/core/validation/{validation,events}.go.

#include <array>
#include <map>
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

/// The label every namespace carries with its own name, so selectors can pick namespaces by name.
constexpr std::string_view kNamespaceNameLabel = "kubernetes.io/metadata.name";
/// Finalizer names from before finalizers had to be qualified.
constexpr std::array<std::string_view, 3> kStandardFinalizers{"kubernetes", "orphan", "foregroundDeletion"};
/// Limits of the newer Event fields (Kubernetes' events validation).
constexpr std::size_t kEventFieldLimit = 128;
constexpr std::size_t kEventMessageLimit = 1024;

void validate_finalizer(const std::string& name, const FieldPath& path, FieldErrors& errors) {
  report_all(is_qualified_name(name), path, name, errors);
  if (name.find('/') != std::string::npos) return;
  for (std::string_view standard : kStandardFinalizers) {
    if (name == standard) return;
  }
  errors.invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified");
}

void validate_taints(const std::vector<Taint>& taints, const FieldPath& path, FieldErrors& errors) {
  std::set<std::pair<std::string, std::string>> seen;  // (key, effect)
  for (std::size_t i = 0; i < taints.size(); ++i) {
    const Taint& t = taints[i];
    FieldPath at = path.index(i);
    if (!t.key.empty()) report_all(is_qualified_name(t.key), at.child("key"), t.key, errors);
    report_all(is_valid_label_value(t.value), at.child("value"), t.value, errors);
    if (!seen.insert({t.key, t.effect}).second) {
      errors.add(at, "Duplicate value: \"" + t.key + "=" + t.value + ":" + t.effect +
                         "\": taints must be unique by key and effect pair");
    }
  }
}

void validate_pod_cidrs(const NodeSpec& spec, FieldErrors& errors) {
  constexpr std::string_view kCidrMessage = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
  if (!spec.pod_cidr.empty() && !is_cidr(spec.pod_cidr)) {
    errors.invalid(kSpec.child("podCIDR"), spec.pod_cidr, kCidrMessage);
  }
  FieldPath path = kSpec.child("podCIDRs");
  std::string joined = join(spec.pod_cidrs);
  std::set<IpFamily> families;
  for (std::size_t i = 0; i < spec.pod_cidrs.size(); ++i) {
    std::optional<IpFamily> family = cidr_family(spec.pod_cidrs[i]);
    if (!family) {
      errors.invalid(path.index(i), spec.pod_cidrs[i], kCidrMessage);
    } else {
      families.insert(*family);
    }
  }
  // Several CIDRs only make sense as a dual-stack pair: one IPv4, one IPv6.
  if (spec.pod_cidrs.size() > 2 || (spec.pod_cidrs.size() == 2 && families.size() != 2)) {
    errors.invalid(path, joined, "may specify no more than one CIDR for each IP family");
  }
  if (!spec.pod_cidr.empty() && !spec.pod_cidrs.empty() && spec.pod_cidrs[0] != spec.pod_cidr) {
    errors.invalid(path, joined, "first value must match `podCIDR`");
  }
}

void validate_resources(const ResourceList& resources, const FieldPath& path, FieldErrors& errors) {
  for (const auto& [name, quantity] : resources) {
    if (quantity.sign() < 0) errors.invalid(path.key(name), quantity.to_string(), "must be greater than or equal to 0");
  }
}

/// Events that set eventTime come from the newer events API and must say who reported what.
void validate_new_event_fields(const Event& e, FieldErrors& errors) {
  auto required_and_bounded = [&](const std::string& value, std::string_view name) {
    if (value.empty()) errors.required(FieldPath(name));
    if (value.size() > kEventFieldLimit) {
      errors.invalid(FieldPath(name), "", "can have at most " + std::to_string(kEventFieldLimit) + " characters");
    }
  };
  required_and_bounded(e.reporting_component, "reportingComponent");
  if (!e.reporting_component.empty()) {
    report_all(is_qualified_name(e.reporting_component), FieldPath("reportingComponent"), e.reporting_component,
               errors);
  }
  required_and_bounded(e.reporting_instance, "reportingInstance");
  required_and_bounded(e.action, "action");
  required_and_bounded(e.reason, "reason");
  if (e.message.size() > kEventMessageLimit) {
    errors.invalid(FieldPath("message"), "", "can have at most " + std::to_string(kEventMessageLimit) + " characters");
  }
}

}  // namespace

// Namespace -----------------------------------------------------------------------

void apply_kind_defaults(Namespace& ns) {
  // Not for generateName-only objects: their name is not known yet.
  if (!ns.metadata.name.empty()) ns.metadata.labels[std::string(kNamespaceNameLabel)] = ns.metadata.name;
}

void validate_kind(const Namespace& ns, FieldErrors& errors) {
  validate_object_meta(ns.metadata, /*namespaced=*/false, /*name_is_label=*/true, kMetadata, errors);
  FieldPath finalizers = kSpec.child("finalizers");
  for (std::size_t i = 0; i < ns.spec.finalizers.size(); ++i) {
    validate_finalizer(ns.spec.finalizers[i], finalizers.index(i), errors);
  }
}

// Node ------------------------------------------------------------------------------

void apply_kind_defaults(Node& node) {
  if (node.status.allocatable.empty()) node.status.allocatable = node.status.capacity;
  NodeSpec& spec = node.spec;
  if (spec.pod_cidrs.empty() && !spec.pod_cidr.empty()) spec.pod_cidrs = {spec.pod_cidr};
  if (spec.pod_cidr.empty() && !spec.pod_cidrs.empty()) spec.pod_cidr = spec.pod_cidrs[0];
}

void validate_kind(const Node& node, FieldErrors& errors) {
  validate_object_meta(node.metadata, /*namespaced=*/false, /*name_is_label=*/false, kMetadata, errors);
  validate_taints(node.spec.taints, kSpec.child("taints"), errors);
  validate_pod_cidrs(node.spec, errors);
  FieldPath status("status");
  validate_resources(node.status.capacity, status.child("capacity"), errors);
  validate_resources(node.status.allocatable, status.child("allocatable"), errors);
}

// Event -----------------------------------------------------------------------------

void apply_kind_defaults(Event& /*event*/) {
  // Nothing depends on other fields.
}

void validate_kind(const Event& e, FieldErrors& errors) {
  validate_path_segment_meta(e.metadata, /*namespaced=*/true, kMetadata, errors);
  FieldPath involved_namespace = FieldPath("involvedObject").child("namespace");
  const std::string& ns = e.metadata.namespace_;
  const std::string& object_ns = e.involved_object.namespace_;
  // An Event lives in its object's namespace; cluster-scoped objects' events go to
  // "default" (or, for new events, "kube-system"). An unset namespace is the
  // server's to fill in from the request, so it is not compared here.
  if (e.event_time.empty()) {
    bool matches = object_ns.empty() ? (ns.empty() || ns == "default") : (ns.empty() || ns == object_ns);
    if (!matches) errors.invalid(involved_namespace, object_ns, "does not match event.namespace");
  } else {
    if (object_ns.empty() && !ns.empty() && ns != "default" && ns != "kube-system") {
      errors.invalid(involved_namespace, object_ns, "does not match event.namespace");
    }
    validate_new_event_fields(e, errors);
  }
}

}  // namespace herd::api::rules
