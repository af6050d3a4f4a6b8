#pragma once

// The node's CNI network configuration list (conflist) and the per-pod inputs
// the plugins get besides it (capability args, CNI_ARGS), built from
// CniNetworkConfig and PodNetworkRequest. Pure: no files, no processes.
//
// The list, for the defaults (portmap only for pods with host ports, so pods
// without them never need iptables):
//
//   {"cniVersion": "1.0.0", "name": "herd", "plugins": [
//     {"type": "loopback"},
//     {"type": "bridge", "bridge": "herd0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
//      "ipam": {"type": "host-local", "dataDir": "<state_dir>/ipam",
//               "ranges": [[{"subnet": "10.244.0.0/16", "gateway": "10.244.0.1"}]]}},
//     {"type": "portmap", "capabilities": {"portMappings": true}}]}

#include <string>

#include "herd/api/value.hpp"
#include "herd/base/result.hpp"
#include "herd/runtime/pod_network.hpp"

namespace herd::runtime::network {

/// The CNI version herd speaks; Debian's plugins 1.1.1 support it.
inline constexpr const char* kCniVersion = "1.0.0";
/// The interface name inside every pod's netns (CNI_IFNAME).
inline constexpr const char* kPodInterface = "eth0";

/// OK when `config` can be turned into a working conflist: a valid network
/// name, an IPv4 subnet of /30 or larger, a range inside it, a bridge name
/// Linux accepts, a plugin dir, a state dir and a positive timeout.
/// kInvalidArgument naming the field otherwise.
Status check_network_config(const CniNetworkConfig& config);

/// OK when `request` has a valid uid (a netns name), a name and namespace
/// that fit in CNI_ARGS (no ';' or '='), and valid port mappings.
Status check_pod_request(const PodNetworkRequest& request);

/// The conflist for `config`, with the portmap plugin when `with_portmap`.
/// Requires: check_network_config(config) is OK.
api::Value make_conflist(const CniNetworkConfig& config, bool with_portmap);

/// The runtime's capability arguments for the pod: {"portMappings": [...]}
/// (hostPort, containerPort, protocol, hostIP when set), or an empty object.
api::Value capability_args(const PodNetworkRequest& request);

/// CNI_ARGS for the pod, as kubelet passes them: "IgnoreUnknown=1;
/// K8S_POD_NAMESPACE=..;K8S_POD_NAME=..;K8S_POD_INFRA_CONTAINER_ID=..;K8S_POD_UID=..".
std::string cni_args(const PodNetworkRequest& request, const std::string& container_id);

}  // namespace herd::runtime::network
