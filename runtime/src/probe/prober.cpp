#include "herd/runtime/prober.hpp"

#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "probe/probe_worker.hpp"
#include "probe/prober_impl.hpp"

namespace herd::runtime {
namespace probe {
namespace {

using Workers = std::vector<std::shared_ptr<ProbeWorker>>;

const api::Container* find_container(const api::PodSpec& spec, const std::string& name) {
  for (const auto* list : {&spec.containers, &spec.init_containers}) {
    for (const api::Container& container : *list) {
      if (container.name == name) {
        return &container;
      }
    }
  }
  return nullptr;
}

class ProberImpl final : public Prober {
 public:
  ProberImpl(ProberDeps deps, ProbeActionFactory actions)
      : deps_(std::move(deps)),
        actions_(std::move(actions)),
        channel_(std::make_shared<ReportChannel>(std::move(deps_.sink))) {}

  ~ProberImpl() override { stop_all(); }

  Status start(const api::Pod& pod, const ProbeTarget& target) override {
    const api::Container* container = find_container(pod.spec, target.container);
    if (container == nullptr) {
      return Status::not_found("container \"" + target.container + "\" is not in pod " +
                               pod.metadata.namespace_ + "/" + pod.metadata.name);
    }
    HERD_ASSIGN_OR_RETURN(Workers workers, make_workers(*container, target));
    Workers previous;
    {
      std::lock_guard lock(mu_);
      Workers& slot = workers_[target.container];
      previous = std::exchange(slot, workers);
      if (workers.empty()) {
        workers_.erase(target.container);
      }
    }
    stop_workers(previous);
    for (const auto& worker : workers) {
      worker->start();  // outside mu_: the initial report goes to the sink
    }
    return Status();
  }

  void stop(const std::string& container) override {
    Workers stopped;
    {
      std::lock_guard lock(mu_);
      auto found = workers_.find(container);
      if (found == workers_.end()) {
        return;
      }
      stopped = std::move(found->second);
      workers_.erase(found);
    }
    stop_workers(stopped);
  }

  void stop_all() override {
    std::map<std::string, Workers> stopped;
    {
      std::lock_guard lock(mu_);
      stopped.swap(workers_);
    }
    for (const auto& [name, workers] : stopped) {
      stop_workers(workers);
    }
  }

 private:
  // The container's workers, startup first; none start yet.
  Result<Workers> make_workers(const api::Container& container, const ProbeTarget& target) {
    const std::pair<ProbeKind, const std::optional<api::Probe>*> probes[] = {
        {ProbeKind::kStartup, &container.startup_probe},
        {ProbeKind::kLiveness, &container.liveness_probe},
        {ProbeKind::kReadiness, &container.readiness_probe},
    };
    auto started = std::make_shared<std::atomic<bool>>(!container.startup_probe.has_value());
    Workers workers;
    for (const auto& [kind, probe] : probes) {
      if (!probe->has_value()) {
        continue;
      }
      Result<ProbeSettings> settings = probe_settings(**probe, kind);
      if (!settings.ok()) {
        return settings.status().with_context(std::string(probe_kind_name(kind)) +
                                              " probe of container \"" + container.name + "\"");
      }
      workers.push_back(std::make_shared<ProbeWorker>(
          container.name, kind, *settings, actions_(**probe, container, target), started,
          ProbeWorker::Deps{deps_.scheduler, deps_.executor, channel_}));
    }
    return workers;
  }

  static void stop_workers(const Workers& workers) {
    for (const auto& worker : workers) {
      worker->stop();
    }
  }

  ProberDeps deps_;
  ProbeActionFactory actions_;
  std::shared_ptr<ReportChannel> channel_;
  std::mutex mu_;
  std::map<std::string, Workers> workers_;  // by container name; guarded by mu_
};

}  // namespace

std::unique_ptr<Prober> make_prober(ProberDeps deps, ProbeActionFactory actions) {
  return std::make_unique<ProberImpl>(std::move(deps), std::move(actions));
}

}  // namespace probe

std::unique_ptr<Prober> make_prober(ProberDeps deps) {
  ExecRunner* exec = deps.exec;
  return probe::make_prober(std::move(deps), probe::real_probe_actions(exec));
}

}  // namespace herd::runtime
