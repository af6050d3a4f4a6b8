#include "network/cni_config.hpp"

#include <cctype>

#include "network/ipv4.hpp"
#include "network/netns.hpp"

namespace herd::runtime::network {
namespace {

// CNI's rule for network names: an alphanumeric, then alphanumerics, '_', '.', '-'.
// (Netns, network and interface names share the alphabet check_netns_name allows.)
Status check_network_name(const std::string& name) {
  if (!check_netns_name(name).ok() || !std::isalnum(static_cast<unsigned char>(name[0]))) {
    return Status::invalid_argument("network_name \"" + name +
                                    "\": must start with a letter or digit, then letters, digits, '_', '.', '-'");
  }
  return Status();
}

Status check_bridge_name(const std::string& name) {
  if (!check_netns_name(name).ok() || name.size() > 15) {
    return Status::invalid_argument("bridge \"" + name +
                                    "\": an interface name is 1-15 letters, digits, '-', '_', '.'");
  }
  return Status();
}

// A range end must be a pod address of the subnet: not its network, gateway
// or broadcast address.
Status check_range_end(const Ipv4Subnet& subnet, const std::string& field, const std::string& text) {
  HERD_ASSIGN_OR_RETURN(uint32_t address, parse_ipv4(text));
  if (!subnet.contains(address) || address <= subnet.first_host() || address >= subnet.broadcast()) {
    return Status::invalid_argument(field + " " + text + " is not a pod address of " + subnet.to_string() +
                                    " (" + format_ipv4(subnet.first_host() + 1) + " to " +
                                    format_ipv4(subnet.broadcast() - 1) + ")");
  }
  return Status();
}

Status check_range(const CniNetworkConfig& config) {
  Result<Ipv4Subnet> subnet = Ipv4Subnet::parse(config.subnet);
  if (!subnet.ok()) return subnet.status().with_context("subnet");
  if (subnet->prefix > 30) {
    return Status::invalid_argument("subnet " + config.subnet + " is too small: a gateway and pods need /30 or larger");
  }
  if (!config.range_start.empty()) HERD_RETURN_IF_ERROR(check_range_end(*subnet, "range_start", config.range_start));
  if (!config.range_end.empty()) HERD_RETURN_IF_ERROR(check_range_end(*subnet, "range_end", config.range_end));
  if (!config.range_start.empty() && !config.range_end.empty() &&
      *parse_ipv4(config.range_start) > *parse_ipv4(config.range_end)) {
    return Status::invalid_argument("range_start " + config.range_start + " is after range_end " + config.range_end);
  }
  return Status();
}

Status check_port_mapping(const PortMapping& mapping) {
  const std::string which = std::to_string(mapping.host_port) + "->" + std::to_string(mapping.container_port);
  if (mapping.host_port < 1 || mapping.host_port > 65535 || mapping.container_port < 1 ||
      mapping.container_port > 65535) {
    return Status::invalid_argument("port mapping " + which + ": ports must be 1-65535");
  }
  if (mapping.protocol != "tcp" && mapping.protocol != "udp" && mapping.protocol != "sctp") {
    return Status::invalid_argument("port mapping " + which + ": protocol \"" + mapping.protocol +
                                    "\" is not tcp, udp or sctp");
  }
  if (!mapping.host_ip.empty() && !parse_ipv4(mapping.host_ip).ok()) {
    return Status::invalid_argument("port mapping " + which + ": hostIP \"" + mapping.host_ip +
                                    "\" is not an IPv4 address");
  }
  return Status();
}

Status check_cni_arg(const char* what, const std::string& value) {
  if (value.find_first_of(";=") != std::string::npos) {
    return Status::invalid_argument(std::string(what) + " \"" + value + "\" may not contain ';' or '='");
  }
  return Status();
}

api::Value string_member(std::string key, std::string value) {
  api::Value object = api::Value::object();
  object.set(std::move(key), api::Value::string(std::move(value)));
  return object;
}

api::Value bridge_plugin(const CniNetworkConfig& config) {
  const Ipv4Subnet subnet = *Ipv4Subnet::parse(config.subnet);
  api::Value range = string_member("subnet", subnet.to_string());
  if (!config.range_start.empty()) range.set("rangeStart", api::Value::string(config.range_start));
  if (!config.range_end.empty()) range.set("rangeEnd", api::Value::string(config.range_end));
  range.set("gateway", api::Value::string(format_ipv4(subnet.first_host())));

  api::Value ipam = string_member("type", "host-local");
  ipam.set("dataDir", api::Value::string(config.state_dir + "/ipam"));
  ipam.set("ranges", api::Value::array({api::Value::array({std::move(range)})}));
  if (config.default_route) {
    ipam.set("routes", api::Value::array({string_member("dst", "0.0.0.0/0")}));
  }

  api::Value bridge = string_member("type", "bridge");
  bridge.set("bridge", api::Value::string(config.bridge));
  bridge.set("isGateway", api::Value::boolean(true));
  bridge.set("ipMasq", api::Value::boolean(false));
  bridge.set("hairpinMode", api::Value::boolean(true));
  bridge.set("ipam", std::move(ipam));
  return bridge;
}

}  // namespace

Status check_network_config(const CniNetworkConfig& config) {
  HERD_RETURN_IF_ERROR(check_network_name(config.network_name));
  HERD_RETURN_IF_ERROR(check_range(config));
  HERD_RETURN_IF_ERROR(check_bridge_name(config.bridge));
  if (config.plugin_dir.empty()) return Status::invalid_argument("plugin_dir is empty");
  if (config.state_dir.empty() || config.state_dir[0] != '/') {
    return Status::invalid_argument("state_dir \"" + config.state_dir + "\" is not an absolute path");
  }
  if (config.netns_dir.empty() || config.netns_dir[0] != '/') {
    return Status::invalid_argument("netns_dir \"" + config.netns_dir + "\" is not an absolute path");
  }
  if (config.plugin_timeout.count() <= 0) return Status::invalid_argument("plugin_timeout must be positive");
  return Status();
}

Status check_pod_request(const PodNetworkRequest& request) {
  HERD_RETURN_IF_ERROR(check_netns_name(request.uid).with_context("pod uid"));
  if (request.uid.size() > 200) return Status::invalid_argument("pod uid is longer than 200 bytes");
  HERD_RETURN_IF_ERROR(check_cni_arg("pod name", request.name));
  HERD_RETURN_IF_ERROR(check_cni_arg("pod namespace", request.namespace_));
  for (const PortMapping& mapping : request.port_mappings) {
    HERD_RETURN_IF_ERROR(check_port_mapping(mapping));
  }
  return Status();
}

api::Value make_conflist(const CniNetworkConfig& config, bool with_portmap) {
  api::Value plugins = api::Value::array({string_member("type", "loopback"), bridge_plugin(config)});
  if (with_portmap) {
    api::Value portmap = string_member("type", "portmap");
    api::Value capabilities = api::Value::object();
    capabilities.set("portMappings", api::Value::boolean(true));
    portmap.set("capabilities", std::move(capabilities));
    plugins.push_back(std::move(portmap));
  }
  api::Value conflist = string_member("cniVersion", kCniVersion);
  conflist.set("name", api::Value::string(config.network_name));
  conflist.set("plugins", std::move(plugins));
  return conflist;
}

api::Value capability_args(const PodNetworkRequest& request) {
  api::Value args = api::Value::object();
  if (request.port_mappings.empty()) return args;
  api::Value mappings = api::Value::array();
  for (const PortMapping& mapping : request.port_mappings) {
    api::Value entry = api::Value::object();
    entry.set("hostPort", api::Value::integer(mapping.host_port));
    entry.set("containerPort", api::Value::integer(mapping.container_port));
    entry.set("protocol", api::Value::string(mapping.protocol));
    if (!mapping.host_ip.empty()) entry.set("hostIP", api::Value::string(mapping.host_ip));
    mappings.push_back(std::move(entry));
  }
  args.set("portMappings", std::move(mappings));
  return args;
}

std::string cni_args(const PodNetworkRequest& request, const std::string& container_id) {
  return "IgnoreUnknown=1;K8S_POD_NAMESPACE=" + request.namespace_ + ";K8S_POD_NAME=" + request.name +
         ";K8S_POD_INFRA_CONTAINER_ID=" + container_id + ";K8S_POD_UID=" + request.uid;
}

}  // namespace herd::runtime::network
