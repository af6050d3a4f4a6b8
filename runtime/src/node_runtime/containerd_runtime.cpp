// ContainerdRuntime: the node's parts, opened once, and a PodWorker per pod.
// See herd/runtime/containerd_runtime.hpp.

#include "herd/runtime/containerd_runtime.hpp"

#include <unistd.h>

#include <condition_variable>
#include <map>
#include <optional>
#include <mutex>
#include <set>
#include <thread>

#include "herd/base/logging.hpp"
#include "herd/runtime/containerd_client.hpp"
#include "herd/runtime/image_store.hpp"
#include "herd/runtime/pod_volumes.hpp"
#include "node_runtime/best_effort.hpp"
#include "node_runtime/container_instance.hpp"
#include "node_runtime/pod_worker.hpp"

namespace herd::runtime {
namespace {

std::filesystem::path beside_this_executable(std::string_view name) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return std::filesystem::path(name);
  return self.parent_path() / name;
}

class ContainerdRuntime final : public PodRuntime {
 public:
  ContainerdRuntime(ContainerdRuntimeOptions options, RuntimeServices services)
      : options_(std::move(options)), services_(std::move(services)) {}

  ~ContainerdRuntime() override {
    {
      std::lock_guard lock(janitor_mu_);
      janitor_stop_ = true;
    }
    janitor_wake_.notify_all();
    if (janitor_.joinable()) janitor_.join();
    // Workers first: their threads use every part below. What they run stays
    // in containerd for the next node agent to adopt.
    std::map<std::string, std::shared_ptr<PodWorker>> workers;
    {
      std::lock_guard lock(mu_);
      workers.swap(workers_);
    }
    workers.clear();
  }

  Status open() {
    containerd::ContainerdOptions c;
    c.address = options_.containerd_socket;
    c.ns = options_.containerd_namespace;
    c.snapshotter = options_.snapshotter;
    Result<std::unique_ptr<containerd::ContainerdClient>> client = containerd::ContainerdClient::connect(c);
    if (!client.ok()) return client.status().with_context("containerd at " + options_.containerd_socket);
    client_ = std::move(*client);
    Result<std::unique_ptr<RegistryClient>> registry = make_registry_client(options_.registry);
    if (!registry.ok()) return registry.status().with_context("registry configuration");
    registry_ = std::move(*registry);
    images_ = make_image_store(*client_, *registry_);
    Result<std::unique_ptr<PodNetwork>> network = open_cni_pod_network(options_.network);
    if (!network.ok()) return network.status().with_context("pod network");
    network_ = std::move(*network);
    Result<std::unique_ptr<PodVolumes>> volumes =
        open_pod_volumes(PodVolumesConfig{options_.pods_dir.string()}, *services_.configs);
    if (!volumes.ok()) return volumes.status().with_context("pod volumes");
    volumes_ = std::move(*volumes);
    std::filesystem::path scratch = options_.pods_dir / ".exec";
    std::error_code ec;
    std::filesystem::create_directories(scratch, ec);
    if (ec) return Status::unavailable("creating " + scratch.string() + ": " + ec.message());
    exec_ = make_containerd_exec_runner(*client_, scratch);
    probe_threads_ = std::make_unique<ProbeThreadPool>(std::max(1, options_.probe_threads));
    capacity_ = machine_resources();

    parts_.containerd = client_.get();
    parts_.images = images_.get();
    parts_.network = network_.get();
    parts_.volumes = volumes_.get();
    parts_.configs = services_.configs;
    parts_.exec = exec_.get();
    parts_.probe_executor = probe_threads_->executor();
    parts_.scheduler = services_.scheduler;
    parts_.log_driver.binary =
        options_.log_driver.empty() ? beside_this_executable("herd-log-driver") : options_.log_driver;
    parts_.log_driver.max_size = options_.log_max_size;
    parts_.log_driver.max_files = options_.log_max_files;
    parts_.pods_dir = options_.pods_dir;
    parts_.host_ip = options_.host_ip;
    parts_.allocatable = capacity_;
    parts_.options = &options_;
    if (!std::filesystem::exists(parts_.log_driver.binary)) {
      return Status::not_found("herd-log-driver not found at " + parts_.log_driver.binary.string());
    }
    return Status();
  }

  std::string name() const override { return "containerd"; }
  NodeResources capacity() const override { return capacity_; }

  void start_pod(const std::string& pod_key, const api::Pod& pod, PodEventSink sink) override {
    std::lock_guard lock(mu_);
    reap_finished();
    auto found = workers_.find(pod_key);
    if (found != workers_.end()) return;
    auto worker = std::make_shared<PodWorker>(parts_, pod_key, pod, std::move(sink));
    workers_.emplace(pod_key, worker);
    worker->start();
  }

  void stop_pod(const std::string& pod_key, std::chrono::seconds grace) override {
    std::lock_guard lock(mu_);
    auto found = workers_.find(pod_key);
    if (found != workers_.end()) found->second->stop(grace);
  }

  void remove_pods_except(const std::set<std::string>& pod_uids) override {
    {
      std::lock_guard lock(janitor_mu_);
      janitor_keep_ = pod_uids;  // a newer request replaces one not begun yet
      if (!janitor_.joinable()) janitor_ = std::thread([this] { janitor_loop(); });
    }
    janitor_wake_.notify_one();
  }

 private:
  void reap_finished() {
    for (auto it = workers_.begin(); it != workers_.end();) {
      it = it->second->finished() ? workers_.erase(it) : std::next(it);
    }
  }

  void janitor_loop() {
    for (;;) {
      std::set<std::string> keep;
      {
        std::unique_lock lock(janitor_mu_);
        janitor_wake_.wait(lock, [this] { return janitor_stop_ || janitor_keep_.has_value(); });
        if (janitor_stop_) return;
        keep = std::move(*janitor_keep_);
        janitor_keep_.reset();
      }
      remove_others(keep);
    }
  }

  // True when `uid` is neither kept nor run by a worker now.
  bool is_orphan(const std::set<std::string>& keep, const std::string& uid) {
    if (uid.empty() || keep.contains(uid)) return false;
    std::lock_guard lock(mu_);
    for (const auto& [key, worker] : workers_) {
      if (worker->uid() == uid) return false;
    }
    return true;
  }

  void remove_others(const std::set<std::string>& keep) {
    std::set<std::string> removed;
    Result<std::vector<containerd::Container>> containers = client_->list_containers({});
    if (!containers.ok()) {
      HERD_LOG(kWarning, "node") << "listing containers to remove orphans: " << containers.status().message();
    } else {
      for (const containerd::Container& c : *containers) {
        auto uid = c.labels.find(std::string(kPodUidLabel));
        if (uid == c.labels.end() || !is_orphan(keep, uid->second)) continue;
        HERD_LOG(kInfo, "node") << "removing container " << c.id << " of pod " << uid->second
                                << ", which is no longer on this node";
        best_effort(remove_instance(*client_, c.id), "removing orphan " + c.id);
        removed.insert(uid->second);
      }
    }
    if (Result<std::vector<ExistingPodNetwork>> nets = network_->list(); nets.ok()) {
      for (const ExistingPodNetwork& n : *nets) {
        if (!is_orphan(keep, n.uid)) continue;
        best_effort(network_->teardown(n.uid), "removing the network of orphan pod " + n.uid);
        removed.insert(n.uid);
      }
    }
    if (Result<std::vector<ExistingPodVolumes>> vols = volumes_->list(); vols.ok()) {
      for (const ExistingPodVolumes& v : *vols) {
        if (!is_orphan(keep, v.uid)) continue;
        best_effort(volumes_->teardown(v.uid), "removing the volumes of orphan pod " + v.uid);
        removed.insert(v.uid);
      }
    }
    for (const std::string& uid : removed) {
      if (!is_orphan(keep, uid)) continue;
      std::error_code ec;
      std::filesystem::remove_all(options_.pods_dir / uid, ec);
      remove_pod_cgroups(uid);
    }
    if (!removed.empty()) {
      HERD_LOG(kInfo, "node") << "removed what " << removed.size() << " orphan pod(s) left";
    }
  }

  ContainerdRuntimeOptions options_;
  RuntimeServices services_;
  std::unique_ptr<containerd::ContainerdClient> client_;
  std::unique_ptr<RegistryClient> registry_;
  std::unique_ptr<ImageStore> images_;
  std::unique_ptr<PodNetwork> network_;
  std::unique_ptr<PodVolumes> volumes_;
  std::unique_ptr<ExecRunner> exec_;
  std::unique_ptr<ProbeThreadPool> probe_threads_;
  NodeResources capacity_;
  NodeParts parts_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<PodWorker>> workers_;
  // The background removal of other pods' left-overs.
  std::mutex janitor_mu_;
  std::condition_variable janitor_wake_;
  std::optional<std::set<std::string>> janitor_keep_;
  bool janitor_stop_ = false;
  std::thread janitor_;
};

}  // namespace

Result<std::unique_ptr<PodRuntime>> open_containerd_runtime(ContainerdRuntimeOptions options,
                                                            RuntimeServices services) {
  if (services.configs == nullptr || !services.scheduler) {
    return Status::invalid_argument("the containerd runtime needs a scheduler and a config source");
  }
  auto runtime = std::make_unique<ContainerdRuntime>(std::move(options), std::move(services));
  HERD_RETURN_IF_ERROR(runtime->open());
  return std::unique_ptr<PodRuntime>(std::move(runtime));
}

}  // namespace herd::runtime
