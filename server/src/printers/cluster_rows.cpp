// Namespace's, Node's and Event's rows, after Kubernetes' printNamespace,
// printNode and printEvent.

#include <cctype>
#include <set>

#include "printers/human_duration.hpp"
#include "printers/printer.hpp"

namespace herd::server::printers {
namespace {

constexpr std::string_view kAddressesDescription =
    "List of addresses reachable to the node. Queried from cloud provider, if available. More info: "
    "https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared "
    "as mergeable, but the merge key is not sufficiently unique, which can cause data corruption "
    "when it is merged. Callers should instead use a full-replacement patch. See "
    "https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change "
    "during the lifetime of a Node. However, there are some exceptions where this may not be "
    "possible, such as Pods that inherit a Node's address in its own status or consumers of the "
    "downward API (status.hostIP).";
constexpr std::string_view kFieldPathDescription =
    "If referring to a piece of an object instead of an entire object, this string should contain a "
    "valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, "
    "if the object reference is to a container within a pod, this would take on a value like: "
    "\"spec.containers{name}\" (where \"name\" refers to the name of the container that triggered "
    "the event) or if no container name is specified \"spec.containers[2]\" (container with index 2 "
    "in this pod). This syntax is chosen only to have some well-defined way of referencing a part of "
    "an object.";

// Node role labels: node-role.kubernetes.io/<role>="" and kubernetes.io/role=<role>.
constexpr std::string_view kNodeRolePrefix = "node-role.kubernetes.io/";
constexpr std::string_view kNodeRoleLabel = "kubernetes.io/role";

Row namespace_row(const api::Namespace& ns, int64_t now_ns) {
  Row row;
  row.cells = {text(ns.metadata.name), text(ns.status.phase), age(ns.metadata, now_ns)};
  return row;
}

// "Ready", "NotReady" or "Unknown" (no Ready condition), then
// ",SchedulingDisabled" when cordoned.
std::string node_status(const api::Node& node) {
  std::string status = "Unknown";
  for (const api::NodeCondition& c : node.status.conditions) {
    if (c.type == "Ready") status = c.status == "True" ? "Ready" : "NotReady";
  }
  if (node.spec.unschedulable) status += ",SchedulingDisabled";
  return status;
}

std::string node_roles(const api::Node& node) {
  std::set<std::string> roles;
  for (const auto& [key, value] : node.metadata.labels) {
    if (key.starts_with(kNodeRolePrefix) && key.size() > kNodeRolePrefix.size()) {
      roles.insert(key.substr(kNodeRolePrefix.size()));
    } else if (key == kNodeRoleLabel && !value.empty()) {
      roles.insert(value);
    }
  }
  std::string joined = join(std::vector<std::string>(roles.begin(), roles.end()), ",");
  return joined.empty() ? "<none>" : joined;
}

// The first address of `type`, or "<none>".
std::string node_address(const api::Node& node, std::string_view type) {
  for (const api::NodeAddress& a : node.status.addresses) {
    if (a.type == type) return a.address;
  }
  return "<none>";
}

std::string or_unknown(const std::string& value) { return value.empty() ? "<unknown>" : value; }

Row node_row(const api::Node& node, int64_t now_ns) {
  const api::NodeSystemInfo& info = node.status.node_info;
  Row row;
  row.cells = {
      text(node.metadata.name),
      text(node_status(node)),
      text(node_roles(node)),
      age(node.metadata, now_ns),
      text(info.kubelet_version),
      text(node_address(node, "InternalIP")),
      text(node_address(node, "ExternalIP")),
      text(or_unknown(info.os_image)),
      text(or_unknown(info.kernel_version)),
      text(or_unknown(info.container_runtime_version)),
  };
  return row;
}

// "component, host"; the new reporting fields stand in for empty legacy ones.
std::string event_source(const api::Event& e) {
  const std::string& component = e.source.component.empty() ? e.reporting_component : e.source.component;
  const std::string& instance = e.source.host.empty() ? e.reporting_instance : e.source.host;
  return instance.empty() ? component : component + ", " + instance;
}

std::string trim_space(const std::string& s) {
  constexpr std::string_view kSpace = " \t\n\v\f\r";
  std::size_t first = s.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Row event_row(const api::Event& e, int64_t now_ns) {
  // New-style events set eventTime and series instead of the legacy
  // firstTimestamp, lastTimestamp and count.
  std::string first_seen =
      e.first_timestamp.empty() ? time_since(e.event_time, now_ns) : time_since(e.first_timestamp, now_ns);
  std::string last_seen = e.last_timestamp.empty() ? first_seen : time_since(e.last_timestamp, now_ns);
  int64_t count = e.count == 0 ? 1 : e.count;
  if (e.series) {
    last_seen = time_since(e.series->last_observed_time, now_ns);
    count = e.series->count;
  }
  std::string object = lower(e.involved_object.kind);
  if (!e.involved_object.name.empty()) object += "/" + e.involved_object.name;
  Row row;
  row.cells = {
      text(last_seen),
      text(e.type),
      text(e.reason),
      text(object),
      text(e.involved_object.field_path),
      text(event_source(e)),
      text(trim_space(e.message)),
      text(first_seen),
      integer(count),
      text(e.metadata.name),
  };
  return row;
}

}  // namespace

KindPrinter namespace_printer() {
  return KindPrinter{
      {name_column(), column("Status", "The status of the namespace"), age_column()},
      &print_as<api::Namespace, namespace_row>,
  };
}

KindPrinter node_printer() {
  return KindPrinter{
      {
          name_column(),
          column("Status", "The status of the node"),
          column("Roles", "The roles of the node"),
          age_column(),
          column("Version", "Kubelet Version reported by the node."),
          wide_column("Internal-IP", kAddressesDescription),
          wide_column("External-IP", kAddressesDescription),
          wide_column("OS-Image",
                      "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
          wide_column("Kernel-Version",
                      "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
          wide_column("Container-Runtime",
                      "ContainerRuntime Version reported by the node through runtime remote API (e.g. "
                      "containerd://1.4.2)."),
      },
      &print_as<api::Node, node_row>,
  };
}

KindPrinter event_printer() {
  ColumnDefinition name = name_column();
  name.priority = 1;
  return KindPrinter{
      {
          column("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
          column("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
          column("Reason",
                 "This should be a short, machine understandable string that gives the reason for the "
                 "transition into the object's current status."),
          column("Object", "The object that this event is about."),
          wide_column("Subobject", kFieldPathDescription),
          wide_column("Source", "The component reporting this event. Should be a short machine understandable string."),
          column("Message", "A human-readable description of the status of this operation."),
          wide_column("First Seen",
                      "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
          wide_column("Count", "The number of times this event has occurred."),
          std::move(name),
      },
      &print_as<api::Event, event_row>,
  };
}

}  // namespace herd::server::printers
