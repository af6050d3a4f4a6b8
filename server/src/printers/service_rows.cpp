// Service's and Endpoints' rows, after Kubernetes' printService and
// printEndpoints: addresses and ports as `kubectl get svc,ep` shows them.

#include "printers/printer.hpp"

namespace herd::server::printers {
namespace {

constexpr std::string_view kTypeDescription =
    "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are "
    "ExternalName, ClusterIP, NodePort, and LoadBalancer. \"ClusterIP\" allocates a "
    "cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the "
    "selector or if that is not specified, by manual construction of an Endpoints object or "
    "EndpointSlice objects. If clusterIP is \"None\", no virtual IP is allocated and the endpoints "
    "are published as a set of endpoints rather than a virtual IP. \"NodePort\" builds on "
    "ClusterIP and allocates a port on every node which routes to the same endpoints as the "
    "clusterIP. \"LoadBalancer\" builds on NodePort and creates an external load-balancer (if "
    "supported in the current cloud) which routes to the same endpoints as the clusterIP. "
    "\"ExternalName\" aliases this service to the specified externalName. Several other fields do "
    "not apply to ExternalName services. More info: "
    "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types";
constexpr std::string_view kClusterIpDescription =
    "clusterIP is the IP address of the service and is usually assigned randomly. If an address is "
    "specified manually, is in-range (as per system configuration), and is not in use, it will be "
    "allocated to the service; otherwise creation of the service will fail. This field may not be "
    "changed through updates unless the type field is also being changed to ExternalName (which "
    "requires this field to be blank) or the type field is being changed from ExternalName (in "
    "which case this field may optionally be specified, as describe above).  Valid values are "
    "\"None\", empty string (\"\"), or a valid IP address. Setting this to \"None\" makes a "
    "\"headless service\" (no virtual IP), which is useful when direct endpoint connections are "
    "preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and "
    "LoadBalancer. If this field is specified when creating a Service of type ExternalName, "
    "creation will fail. This field will be wiped when updating a Service to type ExternalName. "
    "More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies";
constexpr std::string_view kExternalIpsDescription =
    "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic "
    "for this service.  These IPs are not managed by Kubernetes.  The user is responsible for "
    "ensuring that traffic arrives at a node with this IP.  A common example is external "
    "load-balancers that are not part of the Kubernetes system.";
constexpr std::string_view kPortsDescription =
    "The list of ports that are exposed by this service. More info: "
    "https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies";
constexpr std::string_view kSelectorDescription =
    "Route service traffic to pods with label keys and values matching this selector. If empty or "
    "not present, the service is assumed to have an external process managing its endpoints, which "
    "Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. "
    "Ignored if type is ExternalName. More info: "
    "https://kubernetes.io/docs/concepts/services-networking/service/";
constexpr std::string_view kSubsetsDescription =
    "The set of all endpoints is the union of all subsets. Addresses are placed into subsets "
    "according to the IPs they share. A single address with multiple ports, some of which are "
    "ready and some of which are not (because they come from different containers) will result in "
    "the address being displayed in different subsets for the different ports. No address will "
    "appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and "
    "ports that comprise a service.";

// Kubernetes' getServiceExternalIP (wide form: load balancer names in full).
std::string external_ip(const api::Service& svc) {
  const std::string& type = svc.spec.type;
  std::string external = join(svc.spec.external_ips, ",");
  if (type == "ClusterIP" || type == "NodePort") return external.empty() ? "<none>" : external;
  if (type == "LoadBalancer") {
    std::string balancers = load_balancer_addresses(svc.status.load_balancer);
    if (!external.empty()) return balancers.empty() ? external : balancers + "," + external;
    return balancers.empty() ? "<pending>" : balancers;
  }
  if (type == "ExternalName") return svc.spec.external_name;
  return "<unknown>";
}

// "80/TCP,443:30443/TCP": port, ":nodePort" when allocated, protocol.
std::string ports(const api::Service& svc) {
  std::vector<std::string> pieces;
  for (const api::ServicePort& p : svc.spec.ports) {
    std::string piece = std::to_string(p.port);
    if (p.node_port > 0) piece += ":" + std::to_string(p.node_port);
    pieces.push_back(piece + "/" + p.protocol);
  }
  return pieces.empty() ? "<none>" : join(pieces, ",");
}

Row service_row(const api::Service& svc, int64_t now_ns) {
  // clusterIPs[0]; Kubernetes fills clusterIPs from a lone clusterIP when converting.
  const api::ServiceSpec& spec = svc.spec;
  std::string cluster_ip = spec.cluster_ips.empty() ? spec.cluster_ip : spec.cluster_ips.front();
  Row row;
  row.cells = {
      text(svc.metadata.name),
      text(spec.type),
      text(cluster_ip.empty() ? "<none>" : cluster_ip),
      text(external_ip(svc)),
      text(ports(svc)),
      age(svc.metadata, now_ns),
      text(format_labels(spec.selector)),
  };
  return row;
}

// Go's net.JoinHostPort: IPv6 addresses in brackets.
std::string host_port(const std::string& ip, int32_t port) {
  std::string host = ip.find(':') == std::string::npos ? ip : "[" + ip + "]";
  return host + ":" + std::to_string(port);
}

// Kubernetes' formatEndpoints: the first three ready addresses (each with
// each port of its subset), then "+ N more...".
std::string endpoints_cell(const api::Endpoints& ep) {
  if (ep.subsets.empty()) return "<none>";
  constexpr std::size_t kMax = 3;
  std::vector<std::string> shown;
  std::size_t count = 0;
  bool more = false;
  auto add = [&](const std::vector<api::EndpointAddress>& addresses, const api::EndpointPort* port) {
    count += addresses.size();
    for (const api::EndpointAddress& a : addresses) {
      if (shown.size() == kMax) {
        more = true;
        break;
      }
      shown.push_back(port == nullptr ? a.ip : host_port(a.ip, port->port));
    }
  };
  for (const api::EndpointSubset& subset : ep.subsets) {
    if (subset.ports.empty()) add(subset.addresses, nullptr);  // headless, no ports
    for (const api::EndpointPort& port : subset.ports) add(subset.addresses, &port);
  }
  std::string cell = join(shown, ",");
  if (more) cell += " + " + std::to_string(count - kMax) + " more...";
  return cell;
}

Row endpoints_row(const api::Endpoints& ep, int64_t now_ns) {
  Row row;
  row.cells = {text(ep.metadata.name), text(endpoints_cell(ep)), age(ep.metadata, now_ns)};
  return row;
}

}  // namespace

KindPrinter service_printer() {
  return KindPrinter{
      {
          name_column(),
          column("Type", kTypeDescription),
          column("Cluster-IP", kClusterIpDescription),
          column("External-IP", kExternalIpsDescription),
          column("Port(s)", kPortsDescription),
          age_column(),
          wide_column("Selector", kSelectorDescription),
      },
      &print_as<api::Service, service_row>,
  };
}

KindPrinter endpoints_printer() {
  return KindPrinter{
      {name_column(), column("Endpoints", kSubsetsDescription), age_column()},
      &print_as<api::Endpoints, endpoints_row>,
  };
}

}  // namespace herd::server::printers
