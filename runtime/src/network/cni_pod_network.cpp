#include "network/cni_pod_network.hpp"

#include <filesystem>
#include <map>
#include <optional>

#include "herd/api/codec.hpp"
#include "herd/base/logging.hpp"
#include "network/cni_cache.hpp"
#include "network/cni_config.hpp"
#include "network/cni_invoke.hpp"
#include "network/cni_result.hpp"
#include "network/netns.hpp"

namespace herd::runtime::network {
namespace {

constexpr const char* kLog = "network";

class CniPodNetwork final : public PodNetwork {
 public:
  CniPodNetwork(CniNetworkConfig config, std::unique_ptr<PluginExecutor> exec)
      : config_(std::move(config)), exec_(std::move(exec)), cache_(config_.state_dir + "/results") {}

  Result<PodNetworkStatus> setup(const PodNetworkRequest& request) override;
  Status teardown(const std::string& pod_uid) override;
  Status check(const std::string& pod_uid) override;
  Result<std::vector<ExistingPodNetwork>> list() override;

 private:
  std::string netns_path(const std::string& uid) const { return config_.netns_dir + "/" + kNetnsPrefix + uid; }
  Result<std::optional<CacheEntry>> read_cache(const std::string& uid) const {
    return cache_.read(config_.network_name, uid, kPodInterface);
  }
  // A cache entry for a new attachment of the pod under the current config.
  CacheEntry new_entry(const PodNetworkRequest& request) const;
  CniCall call_for(const CacheEntry& entry, std::string netns) const;
  // ADD for `entry` (its result is set on success) and the cache write.
  Result<PodNetworkStatus> attach(CacheEntry& entry, const std::string& netns);
  // DEL for `entry`, then the netns and the cache entry go. When DEL fails,
  // they stay for a later teardown unless `always_delete_netns`.
  Status release(const CacheEntry& entry, const api::Value* prev_result, bool always_delete_netns);

  CniNetworkConfig config_;
  std::unique_ptr<PluginExecutor> exec_;
  ResultCache cache_;
};

CacheEntry CniPodNetwork::new_entry(const PodNetworkRequest& request) const {
  CacheEntry entry;
  entry.container_id = request.uid;
  entry.if_name = kPodInterface;
  entry.network_name = config_.network_name;
  entry.config = api::to_json(make_conflist(config_, !request.port_mappings.empty()));
  entry.cni_args = cni_args(request, request.uid);
  entry.capability_args = capability_args(request);
  return entry;
}

CniCall CniPodNetwork::call_for(const CacheEntry& entry, std::string netns) const {
  CniCall call;
  call.container_id = entry.container_id;
  call.netns = std::move(netns);
  call.if_name = entry.if_name;
  call.args = entry.cni_args;
  call.plugin_path = config_.plugin_dir;
  call.capability_args = entry.capability_args;
  call.timeout = config_.plugin_timeout;
  return call;
}

Result<PodNetworkStatus> CniPodNetwork::attach(CacheEntry& entry, const std::string& netns) {
  HERD_ASSIGN_OR_RETURN(api::Value conflist, api::parse_json_value(entry.config));
  HERD_ASSIGN_OR_RETURN(entry.result, add_network_list(*exec_, conflist, call_for(entry, netns)));
  HERD_ASSIGN_OR_RETURN(PodAddress address, pod_address(entry.result, kPodInterface));
  HERD_RETURN_IF_ERROR(cache_.write(entry));
  return PodNetworkStatus{netns, address.ip, address.gateway};
}

Status CniPodNetwork::release(const CacheEntry& entry, const api::Value* prev_result, bool always_delete_netns) {
  const std::string netns = netns_path(entry.container_id);
  Result<api::Value> conflist = api::parse_json_value(entry.config);
  if (!conflist.ok()) return conflist.status().with_context("the cached conflist of pod " + entry.container_id);
  // Without the netns (a reboot, a failed setup) the plugins still release
  // what they hold outside it: host-local's address, portmap's rules.
  Status deleted = del_network_list(*exec_, *conflist, prev_result,
                                    call_for(entry, netns_exists(netns) ? netns : std::string()));
  if (!deleted.ok() && !always_delete_netns) return deleted;
  HERD_RETURN_IF_ERROR(delete_netns(netns));
  HERD_RETURN_IF_ERROR(deleted);
  return cache_.remove(entry.network_name, entry.container_id, entry.if_name);
}

Result<PodNetworkStatus> CniPodNetwork::setup(const PodNetworkRequest& request) {
  HERD_RETURN_IF_ERROR(check_pod_request(request));
  const std::string context = "network of pod " + request.namespace_ + "/" + request.name + " (" + request.uid + ")";
  const std::string netns = netns_path(request.uid);
  Result<std::optional<CacheEntry>> cached = read_cache(request.uid);
  if (cached.ok() && cached->has_value() && netns_exists(netns)) {
    if (Result<PodAddress> address = pod_address((*cached)->result, kPodInterface); address.ok()) {
      return PodNetworkStatus{netns, address->ip, address->gateway};
    }
  }
  std::error_code ec;
  if (!cached.ok() || cached->has_value() || std::filesystem::exists(netns, ec)) {
    HERD_RETURN_IF_ERROR(teardown(request.uid).with_context("clearing an earlier setup of the " + context));
  }

  CacheEntry entry = new_entry(request);
  Result<std::string> created = create_netns(config_.netns_dir, kNetnsPrefix + request.uid);
  if (!created.ok()) return created.status().with_context("setting up the " + context);
  Result<PodNetworkStatus> status = attach(entry, *created);
  if (!status.ok()) {
    const api::Value* prev_result = entry.result.is_object() ? &entry.result : nullptr;
    if (Status undone = release(entry, prev_result, true); !undone.ok()) {
      HERD_LOG(kWarning, kLog) << "undoing the failed setup of the " << context << ": " << undone.to_string();
    }
    return status.status().with_context("setting up the " + context);
  }
  HERD_LOG(kInfo, kLog) << context << ": " << status->ip << " in " << status->netns_path;
  return status;
}

Status CniPodNetwork::teardown(const std::string& pod_uid) {
  HERD_RETURN_IF_ERROR(check_netns_name(pod_uid).with_context("pod uid"));
  Result<std::optional<CacheEntry>> cached = read_cache(pod_uid);
  if (cached.ok() && cached->has_value()) {
    const CacheEntry& entry = **cached;
    return release(entry, &entry.result, false).with_context("tearing down the network of pod " + pod_uid);
  }
  if (!cached.ok()) {
    HERD_LOG(kWarning, kLog) << "pod " << pod_uid << ": " << cached.status().to_string()
                             << "; tearing down with the current configuration";
  }
  // No (usable) cache: DEL with today's configuration still releases the
  // address host-local holds for the pod's container id.
  PodNetworkRequest request;
  request.uid = pod_uid;
  return release(new_entry(request), nullptr, false).with_context("tearing down the network of pod " + pod_uid);
}

Status CniPodNetwork::check(const std::string& pod_uid) {
  HERD_RETURN_IF_ERROR(check_netns_name(pod_uid).with_context("pod uid"));
  HERD_ASSIGN_OR_RETURN(std::optional<CacheEntry> cached, read_cache(pod_uid));
  if (!cached) return Status::not_found("pod " + pod_uid + " has no network set up (no cached CNI result)");
  const std::string netns = netns_path(pod_uid);
  if (!netns_exists(netns)) return Status::not_found("pod " + pod_uid + ": netns " + netns + " is gone");
  HERD_ASSIGN_OR_RETURN(api::Value conflist, api::parse_json_value(cached->config));
  return check_network_list(*exec_, conflist, cached->result, call_for(*cached, netns))
      .with_context("checking the network of pod " + pod_uid);
}

Result<std::vector<ExistingPodNetwork>> CniPodNetwork::list() {
  std::map<std::string, ExistingPodNetwork> found;
  HERD_ASSIGN_OR_RETURN(std::vector<std::string> names, list_netns(config_.netns_dir, kNetnsPrefix));
  for (const std::string& name : names) found[name.substr(std::string_view(kNetnsPrefix).size())];
  HERD_ASSIGN_OR_RETURN(std::vector<std::string> ids, cache_.container_ids(config_.network_name, kPodInterface));
  for (const std::string& id : ids) found[id];

  std::vector<ExistingPodNetwork> out;
  for (auto& [uid, network] : found) {
    network.uid = uid;
    network.netns_path = netns_path(uid);
    network.netns_exists = netns_exists(network.netns_path);
    Result<std::optional<CacheEntry>> cached = read_cache(uid);
    if (cached.ok() && cached->has_value()) {
      if (Result<PodAddress> address = pod_address((*cached)->result, kPodInterface); address.ok()) {
        network.has_cached_result = true;
        network.ip = address->ip;
        network.gateway = address->gateway;
      }
    }
    out.push_back(std::move(network));
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<PodNetwork>> open_cni_pod_network(const CniNetworkConfig& config,
                                                         std::unique_ptr<PluginExecutor> exec) {
  HERD_RETURN_IF_ERROR(check_network_config(config).with_context("CNI network config"));
  for (const std::string& dir : {config.state_dir + "/results", config.state_dir + "/ipam"}) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::unavailable("creating " + dir + ": " + ec.message());
  }
  return std::unique_ptr<PodNetwork>(std::make_unique<CniPodNetwork>(config, std::move(exec)));
}

}  // namespace herd::runtime::network

namespace herd::runtime {

Result<std::unique_ptr<PodNetwork>> open_cni_pod_network(const CniNetworkConfig& config) {
  return network::open_cni_pod_network(config, network::make_process_executor());
}

}  // namespace herd::runtime
