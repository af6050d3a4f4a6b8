#pragma once

// PodNetwork: gives each pod on this node its own network namespace with an
// address, and takes it away again. The node actor calls setup() before it
// creates the pod's sandbox (which joins the returned netns) and teardown()
// after the pod's last task is gone.
//
// The implementation herd ships runs Debian's CNI plugins (CNI spec 1.0.0):
// loopback, then bridge on a node-local bridge with host-local IPAM, then
// portmap when the pod asks for host ports. Pod addresses exist only on this
// machine: the bridge is the pods' gateway, so the host and the pods reach one
// another, but nothing is masqueraded and pods get no default route unless
// CniNetworkConfig::default_route says so.
//
//   setup(uid) ─► netns herd-<uid> ─► ADD loopback, bridge[, portmap] ─► cache the result
//   teardown(uid) ─► DEL in reverse (from the cache) ─► delete the netns ─► drop the cache
//
// After a restart, list() shows what is left (namespaces and cached results),
// so the node can adopt the pods it still runs and tear down the others.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "herd/base/result.hpp"

namespace herd::runtime {

/// A hostPort of one of the pod's containers: traffic to the node's
/// `host_port` (on `host_ip`, or every address when empty) goes to the pod's
/// `container_port`.
struct PortMapping {
  int host_port = 0;       ///< 1..65535.
  int container_port = 0;  ///< 1..65535.
  std::string protocol = "tcp";  ///< "tcp", "udp" or "sctp" (lower case).
  std::string host_ip;     ///< An IPv4 address, or "" for all.
  bool operator==(const PortMapping&) const = default;
};

/// The pod a network is set up for.
struct PodNetworkRequest {
  std::string uid;         ///< Names the netns (herd-<uid>): letters, digits, '-', '_', '.'; ≤ 200 bytes.
  std::string name;        ///< For the plugins' CNI_ARGS (K8S_POD_NAME) and messages.
  std::string namespace_;  ///< K8S_POD_NAMESPACE.
  std::vector<PortMapping> port_mappings;  ///< Empty unless a container declares hostPort.
};

/// A pod's network as set up.
struct PodNetworkStatus {
  std::string netns_path;  ///< e.g. "/var/run/netns/herd-<uid>": what the sandbox joins.
  std::string ip;          ///< The pod's IPv4 address, without prefix ("10.244.0.7").
  std::string gateway;     ///< The bridge's address, the pods' gateway ("10.244.0.1").
  bool operator==(const PodNetworkStatus&) const = default;
};

/// A pod network found on the node (list()).
struct ExistingPodNetwork {
  std::string uid;
  std::string netns_path;  ///< Where its netns is (or was, when !netns_exists).
  bool netns_exists = false;
  bool has_cached_result = false;  ///< An ADD result is cached: ip and gateway are set.
  std::string ip;
  std::string gateway;
};

class PodNetwork {
 public:
  virtual ~PodNetwork() = default;

  /// Creates the pod's netns and attaches it to the node's network. A pod
  /// already set up (netns and cached result present) gets its existing
  /// network back unchanged, whatever `request.port_mappings` say. Left-overs
  /// of an earlier, unfinished setup are torn down first. On failure nothing
  /// of this call is left behind (best effort: the teardown's own errors are
  /// logged), and the Status names the plugin and what it said.
  virtual Result<PodNetworkStatus> setup(const PodNetworkRequest& request) = 0;

  /// Detaches the pod and deletes its netns, releasing its address. Safe to
  /// call again, for a pod never set up, and when the netns is already gone
  /// (e.g. after a reboot): the cached result still lets the plugins release
  /// what they hold.
  virtual Status teardown(const std::string& pod_uid) = 0;

  /// Asks every plugin whether the pod's network is still as set up (CNI
  /// CHECK). kNotFound when the pod has no cached result.
  virtual Status check(const std::string& pod_uid) = 0;

  /// Every herd pod network on the node: each netns named herd-<uid> and each
  /// cached result, merged by uid, sorted by uid.
  virtual Result<std::vector<ExistingPodNetwork>> list() = 0;
};

/// The node's CNI network. The defaults suit one node that nothing else
/// routes to; give each node of a cluster its own `subnet`.
struct CniNetworkConfig {
  /// CNI network name: names the result cache and host-local's store.
  std::string network_name = "herd";
  /// IPv4 subnet of the pods; the bridge takes its first address.
  /// 10.244.0.0/16 is herd's own (containerd's default is 10.88.0.0/16).
  std::string subnet = "10.244.0.0/16";
  /// Addresses host-local hands out; "" = the whole subnet after the gateway.
  std::string range_start;
  std::string range_end;
  /// The Linux bridge the pods' veths join (≤ 15 bytes). Created on the first
  /// setup and left in place afterwards.
  std::string bridge = "herd0";
  /// Give pods a default route via the bridge. Off: pods reach only the node
  /// and each other (nothing is masqueraded, so there is no way out anyway).
  bool default_route = false;
  /// Where the plugin binaries are (CNI_PATH); ':' separates several.
  std::string plugin_dir = "/usr/lib/cni";
  /// herd's network state: results/ (cached ADD results) and ipam/ (host-local).
  std::string state_dir = "/var/lib/herd/network";
  /// Where the named netns are bind-mounted, as `ip netns` does.
  std::string netns_dir = "/var/run/netns";
  /// Longest a plugin may run before it is killed.
  std::chrono::milliseconds plugin_timeout = std::chrono::seconds(30);
};

/// The CNI PodNetwork. Checks `config` (subnet, range, bridge name) and
/// creates its state directories. Needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN)
/// for setup/teardown. Thread-safe for different pods; calls for one pod
/// must not overlap.
Result<std::unique_ptr<PodNetwork>> open_cni_pod_network(const CniNetworkConfig& config);

}  // namespace herd::runtime
