// Endpoints from pods, as Kubernetes' endpoints controller computes them
// (syncService, podToEndpointAddressForService, podutil.FindPort,
// endpoints.RepackSubsets), without the EndpointSlice side.

#include "service/service_endpoints.hpp"

#include <algorithm>
#include <tuple>

#include "herd/api/label_selector.hpp"
#include "replicaset/pod_filters.hpp"

namespace herd::actors {
namespace {

constexpr const char* kHeadlessLabel = "service.kubernetes.io/headless";

std::string protocol_or_tcp(const std::string& protocol) { return protocol.empty() ? "TCP" : protocol; }

// The pod port a Service port forwards to: the targetPort number (the port
// itself when unset), or the container port with that name and protocol.
// nullopt when the pod has no such named port.
std::optional<int32_t> find_port(const api::Pod& pod, const api::ServicePort& port) {
  if (!port.target_port) return port.port;
  if (!port.target_port->is_string()) return port.target_port->int_value();
  for (const api::Container& c : pod.spec.containers) {
    for (const api::ContainerPort& p : c.ports) {
      if (p.name == port.target_port->string_value() &&
          protocol_or_tcp(p.protocol) == protocol_or_tcp(port.protocol)) {
        return p.container_port;
      }
    }
  }
  return std::nullopt;
}

// The ports `pod` serves for `service`, sorted. Empty with a Service that
// has ports means the pod serves none of them and is left out.
std::vector<api::EndpointPort> pod_ports(const api::Pod& pod, const api::Service& service) {
  std::vector<api::EndpointPort> out;
  for (const api::ServicePort& sp : service.spec.ports) {
    std::optional<int32_t> port = find_port(pod, sp);
    if (port) out.push_back(api::EndpointPort{sp.name, *port, protocol_or_tcp(sp.protocol), sp.app_protocol});
  }
  auto rank = [](const api::EndpointPort& p) { return std::tie(p.name, p.port, p.protocol, p.app_protocol); };
  std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  return out;
}

api::EndpointAddress address_of(const api::Pod& pod, const api::Service& service) {
  api::EndpointAddress a;
  a.ip = pod.status.pod_ip;
  a.node_name = pod.spec.node_name;
  a.target_ref = api::ObjectReference{"Pod", pod.metadata.namespace_, pod.metadata.name, pod.metadata.uid,
                                      "", "", ""};
  if (!pod.spec.hostname.empty() && pod.spec.subdomain == service.metadata.name) a.hostname = pod.spec.hostname;
  return a;
}

bool serves(const api::Pod& pod, bool publish_not_ready) {
  if (pod.status.pod_ip.empty()) return false;
  if (pod.status.phase == "Succeeded" || pod.status.phase == "Failed") return false;
  return publish_not_ready || !is_terminating(pod.metadata);
}

api::EndpointSubset& subset_for(std::vector<api::EndpointSubset>& subsets, std::vector<api::EndpointPort> ports) {
  for (api::EndpointSubset& s : subsets) {
    if (s.ports == ports) return s;
  }
  subsets.push_back(api::EndpointSubset{{}, {}, std::move(ports)});
  return subsets.back();
}

void sort_subsets(std::vector<api::EndpointSubset>& subsets) {
  auto by_ip = [](const api::EndpointAddress& a, const api::EndpointAddress& b) {
    return std::tie(a.ip, a.target_ref->uid) < std::tie(b.ip, b.target_ref->uid);
  };
  for (api::EndpointSubset& s : subsets) {
    std::sort(s.addresses.begin(), s.addresses.end(), by_ip);
    std::sort(s.not_ready_addresses.begin(), s.not_ready_addresses.end(), by_ip);
  }
  auto port_key = [](const api::EndpointSubset& s) {
    std::vector<std::tuple<std::string, int32_t, std::string>> key;
    for (const api::EndpointPort& p : s.ports) key.emplace_back(p.name, p.port, p.protocol);
    return key;
  };
  std::sort(subsets.begin(), subsets.end(), [&](const auto& a, const auto& b) { return port_key(a) < port_key(b); });
}

api::ObjectMeta endpoints_meta(const api::Service& service) {
  api::ObjectMeta m;
  m.name = service.metadata.name;
  m.namespace_ = service.metadata.namespace_;
  m.labels = service.metadata.labels;
  if (service.spec.cluster_ip == "None") m.labels[kHeadlessLabel] = "";
  m.owner_references.push_back(api::OwnerReference{"v1", "Service", service.metadata.name, service.metadata.uid,
                                                   true, true});
  return m;
}

}  // namespace

api::Endpoints desired_endpoints(const api::Service& service, const std::vector<ObjectPtr>& pods) {
  api::Endpoints out;
  out.api_version = "v1";
  out.kind = "Endpoints";
  out.metadata = endpoints_meta(service);
  api::Selector selector = api::Selector::from_labels(service.spec.selector);
  bool publish_not_ready = service.spec.publish_not_ready_addresses;
  // A headless Service without ports still lists its pods (for DNS).
  bool portless = service.spec.ports.empty() && service.spec.cluster_ip == "None";
  for (const ObjectPtr& o : pods) {
    if (!o->is<api::Pod>()) continue;
    const api::Pod& pod = o->as<api::Pod>();
    if (!selector.matches(pod.metadata.labels) || !serves(pod, publish_not_ready)) continue;
    std::vector<api::EndpointPort> ports = pod_ports(pod, service);
    if (ports.empty() && !portless) continue;
    api::EndpointSubset& subset = subset_for(out.subsets, std::move(ports));
    bool ready = publish_not_ready || is_pod_ready(pod);
    (ready ? subset.addresses : subset.not_ready_addresses).push_back(address_of(pod, service));
  }
  sort_subsets(out.subsets);
  return out;
}

std::optional<Command> endpoints_command(const api::Endpoints& desired, const StoredObject* current,
                                         const std::string& actor) {
  if (current == nullptr) return Command::create(desired, actor);
  if (!current->is<api::Endpoints>() || is_terminating(current->meta())) return std::nullopt;
  const api::Endpoints& before = current->as<api::Endpoints>();
  api::Endpoints after = before;
  after.subsets = desired.subsets;
  after.metadata.labels = desired.metadata.labels;
  // Our reference replaces any other to a Service of this name (one deleted
  // and re-created keeps its Endpoints until the GC comes) or to this uid.
  const api::OwnerReference& ours = desired.metadata.owner_references.front();
  auto& refs = after.metadata.owner_references;
  std::erase_if(refs, [&](const api::OwnerReference& r) {
    return r != ours && (r.uid == ours.uid || (r.kind == "Service" && r.name == ours.name));
  });
  if (std::find(refs.begin(), refs.end(), ours) == refs.end()) refs.push_back(ours);
  if (after == before) return std::nullopt;
  Command c = Command::update(std::move(after), actor);
  c.expect_resource_version = std::to_string(current->seq);
  return c;
}

}  // namespace herd::actors
