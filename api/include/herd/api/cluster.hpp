#pragma once

// Cluster-level kinds of core/v1: Namespace, Node and Event, plus
// ObjectReference, the typed pointer to another object that Event,
// Endpoints and CronJob use.
//
// Defaults that depend on other fields (the kubernetes.io/metadata.name label
// of a Namespace, a Node's allocatable from its capacity) are applied by
// api/src/rules/cluster_rules.cpp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "herd/api/container.hpp"
#include "herd/api/meta.hpp"
#include "herd/api/schema.hpp"

namespace herd::api {

inline constexpr std::array<std::string_view, 3> kNamespacePhases{"", "Active", "Terminating"};
inline constexpr std::array<std::string_view, 3> kNodeTaintEffects{"NoSchedule", "PreferNoSchedule",
                                                                   "NoExecute"};
inline constexpr std::array<std::string_view, 4> kNodePhases{"", "Pending", "Running", "Terminated"};
inline constexpr std::array<std::string_view, 5> kNodeAddressTypes{"Hostname", "InternalIP",
                                                                   "ExternalIP", "InternalDNS",
                                                                   "ExternalDNS"};
inline constexpr std::array<std::string_view, 3> kEventTypes{"", "Normal", "Warning"};

/// A typed pointer to one object (or a field of it), as Kubernetes' core/v1 ObjectReference.
struct ObjectReference {
  std::string kind;
  std::string namespace_;
  std::string name;
  std::string uid;
  std::string api_version;
  std::string resource_version;
  std::string field_path;  ///< e.g. "spec.containers{app}" for a container.
  bool operator==(const ObjectReference&) const = default;
};
HERD_SCHEMA(ObjectReference,
  field("kind", &ObjectReference::kind),
  field("namespace", &ObjectReference::namespace_),
  field("name", &ObjectReference::name),
  field("uid", &ObjectReference::uid),
  field("apiVersion", &ObjectReference::api_version),
  field("resourceVersion", &ObjectReference::resource_version),
  field("fieldPath", &ObjectReference::field_path));

// Namespace -------------------------------------------------------------------

/// Finalizers that must be cleared before a terminating namespace is removed.
struct NamespaceSpec {
  std::vector<std::string> finalizers;
  bool operator==(const NamespaceSpec&) const = default;
};
HERD_SCHEMA(NamespaceSpec, field("finalizers", &NamespaceSpec::finalizers));

/// Lifecycle phase of a namespace (Active until deleted, then Terminating).
struct NamespaceStatus {
  std::string phase;
  std::vector<Condition> conditions;
  bool operator==(const NamespaceStatus&) const = default;
};
HERD_SCHEMA(NamespaceStatus,
  field("phase", &NamespaceStatus::phase).defaults("Active").one_of(kNamespacePhases),
  field("conditions", &NamespaceStatus::conditions));

/// A scope for names of namespaced objects; its name is a DNS-1123 label.
struct Namespace {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  NamespaceSpec spec;
  NamespaceStatus status;
  bool operator==(const Namespace&) const = default;
};
HERD_SCHEMA(Namespace,
  field("apiVersion", &Namespace::api_version),
  field("kind", &Namespace::kind),
  field("metadata", &Namespace::metadata),
  field("spec", &Namespace::spec),
  field("status", &Namespace::status));

// Node ------------------------------------------------------------------------

/// Repels pods that do not tolerate it from a node.
struct Taint {
  std::string key;
  std::string value;
  std::string effect;
  Time time_added;  ///< Only for NoExecute taints; set by the node controller.
  bool operator==(const Taint&) const = default;
};
HERD_SCHEMA(Taint,
  field("key", &Taint::key).required(),
  field("value", &Taint::value),
  field("effect", &Taint::effect).required().one_of(kNodeTaintEffects),
  field("timeAdded", &Taint::time_added));

/// How a node is set up for scheduling and networking.
struct NodeSpec {
  std::string pod_cidr;
  std::vector<std::string> pod_cidrs;  ///< At most one per IP family; [0] equals podCIDR.
  std::string provider_id;
  bool unschedulable = false;
  std::vector<Taint> taints;
  bool operator==(const NodeSpec&) const = default;
};
HERD_SCHEMA(NodeSpec,
  field("podCIDR", &NodeSpec::pod_cidr),
  field("podCIDRs", &NodeSpec::pod_cidrs),
  field("providerID", &NodeSpec::provider_id),
  field("unschedulable", &NodeSpec::unschedulable),
  field("taints", &NodeSpec::taints));

/// A node condition (Ready, MemoryPressure, ...); unlike Condition it has a heartbeat.
struct NodeCondition {
  std::string type;
  std::string status;
  Time last_heartbeat_time;
  Time last_transition_time;
  std::string reason;
  std::string message;
  bool operator==(const NodeCondition&) const = default;
};
HERD_SCHEMA(NodeCondition,
  field("type", &NodeCondition::type).required(),
  field("status", &NodeCondition::status).required().one_of(kConditionStatuses),
  field("lastHeartbeatTime", &NodeCondition::last_heartbeat_time),
  field("lastTransitionTime", &NodeCondition::last_transition_time),
  field("reason", &NodeCondition::reason),
  field("message", &NodeCondition::message));

/// One address of a node (InternalIP 10.0.0.5, Hostname node-1, ...).
struct NodeAddress {
  std::string type;
  std::string address;
  bool operator==(const NodeAddress&) const = default;
};
HERD_SCHEMA(NodeAddress,
  field("type", &NodeAddress::type).required().one_of(kNodeAddressTypes),
  field("address", &NodeAddress::address).required());

/// What the node agent reports about the machine and its software.
struct NodeSystemInfo {
  std::string machine_id;
  std::string system_uuid;
  std::string boot_id;
  std::string kernel_version;
  std::string os_image;
  std::string container_runtime_version;
  std::string kubelet_version;
  std::string kube_proxy_version;
  std::string operating_system;
  std::string architecture;
  bool operator==(const NodeSystemInfo&) const = default;
};
HERD_SCHEMA(NodeSystemInfo,
  field("machineID", &NodeSystemInfo::machine_id),
  field("systemUUID", &NodeSystemInfo::system_uuid),
  field("bootID", &NodeSystemInfo::boot_id),
  field("kernelVersion", &NodeSystemInfo::kernel_version),
  field("osImage", &NodeSystemInfo::os_image),
  field("containerRuntimeVersion", &NodeSystemInfo::container_runtime_version),
  field("kubeletVersion", &NodeSystemInfo::kubelet_version),
  field("kubeProxyVersion", &NodeSystemInfo::kube_proxy_version),
  field("operatingSystem", &NodeSystemInfo::operating_system),
  field("architecture", &NodeSystemInfo::architecture));

/// What a node last reported (written by its node agent only).
struct NodeStatus {
  ResourceList capacity;
  ResourceList allocatable;  ///< Defaults to capacity.
  std::string phase;         ///< Deprecated in Kubernetes; kept for reading old objects.
  std::vector<NodeCondition> conditions;
  std::vector<NodeAddress> addresses;
  NodeSystemInfo node_info;
  bool operator==(const NodeStatus&) const = default;
};
HERD_SCHEMA(NodeStatus,
  field("capacity", &NodeStatus::capacity),
  field("allocatable", &NodeStatus::allocatable),
  field("phase", &NodeStatus::phase).one_of(kNodePhases),
  field("conditions", &NodeStatus::conditions),
  field("addresses", &NodeStatus::addresses),
  field("nodeInfo", &NodeStatus::node_info));

/// A machine that runs pods (cluster-scoped; its name is a DNS-1123 subdomain).
struct Node {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  NodeSpec spec;
  NodeStatus status;
  bool operator==(const Node&) const = default;
};
HERD_SCHEMA(Node,
  field("apiVersion", &Node::api_version),
  field("kind", &Node::kind),
  field("metadata", &Node::metadata),
  field("spec", &Node::spec),
  field("status", &Node::status));

// Event -----------------------------------------------------------------------

/// The component (and host) that reported an event (legacy reporting fields).
struct EventSource {
  std::string component;
  std::string host;
  bool operator==(const EventSource&) const = default;
};
HERD_SCHEMA(EventSource,
  field("component", &EventSource::component),
  field("host", &EventSource::host));

/// Repeats of an event that were folded into one object.
struct EventSeries {
  int32_t count = 0;
  Time last_observed_time;  ///< MicroTime: RFC 3339 with microseconds.
  bool operator==(const EventSeries&) const = default;
};
HERD_SCHEMA(EventSeries,
  field("count", &EventSeries::count),
  field("lastObservedTime", &EventSeries::last_observed_time));

/// Something that happened to an object (core/v1 Event). Has no spec; all
/// fields are at the top level. Events with eventTime set are "new" events
/// and must name their reporting component, instance and action.
struct Event {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  ObjectReference involved_object;
  std::string reason;
  std::string message;
  EventSource source;
  Time first_timestamp;
  Time last_timestamp;
  int32_t count = 0;
  std::string type;
  Time event_time;  ///< MicroTime: RFC 3339 with microseconds.
  std::optional<EventSeries> series;
  std::string action;
  std::optional<ObjectReference> related;
  std::string reporting_component;
  std::string reporting_instance;
  bool operator==(const Event&) const = default;
};
HERD_SCHEMA(Event,
  field("apiVersion", &Event::api_version),
  field("kind", &Event::kind),
  field("metadata", &Event::metadata),
  field("involvedObject", &Event::involved_object).required(),
  field("reason", &Event::reason),
  field("message", &Event::message),
  field("source", &Event::source),
  field("firstTimestamp", &Event::first_timestamp),
  field("lastTimestamp", &Event::last_timestamp),
  field("count", &Event::count),
  field("type", &Event::type).one_of(kEventTypes),
  field("eventTime", &Event::event_time),
  field("series", &Event::series),
  field("action", &Event::action),
  field("related", &Event::related),
  field("reportingComponent", &Event::reporting_component),
  field("reportingInstance", &Event::reporting_instance));

}  // namespace herd::api
