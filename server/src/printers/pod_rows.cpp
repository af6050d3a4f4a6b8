// Pod's row, after Kubernetes' printPod: READY counts ready containers
// (sidecars included), STATUS is the most telling reason the pod or one of
// its containers gives, RESTARTS adds when the last restart happened.

#include <map>
#include <optional>
#include <string>

#include "printers/human_duration.hpp"
#include "printers/printer.hpp"

namespace herd::server::printers {
namespace {

constexpr std::string_view kPodIpDescription =
    "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet "
    "allocated.";
constexpr std::string_view kNodeNameDescription =
    "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for "
    "scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for "
    "this node becomes responsible for the lifecycle of this pod. This field should not be used to "
    "express a desire for the pod to be scheduled on a specific node. "
    "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename";
constexpr std::string_view kNominatedNodeNameDescription =
    "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be "
    "scheduled right away as preemption victims receive their graceful termination periods. This "
    "field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to "
    "place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to "
    "give the resources on this node to a higher priority pod that is created after preemption. As "
    "a result, this field may be different than PodSpec.nodeName when the pod is scheduled.";
constexpr std::string_view kReadinessGatesDescription =
    "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all "
    "its containers are ready AND all conditions specified in the readiness gates have status equal "
    "to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates";

// The pod reason the node lifecycle controller sets when a node stops responding.
constexpr std::string_view kNodeLostReason = "NodeLost";

// Restart counts and the latest lastState.terminated.finishedAt among the
// containers added: RESTARTS reads "3" or "3 (2m ago)".
struct RestartTally {
  int64_t count = 0;
  std::optional<int64_t> last_finished_ns;

  void add(const api::ContainerStatus& status) {
    count += status.restart_count;
    if (!status.last_state.terminated) return;
    std::optional<int64_t> finished = parse_model_time(status.last_state.terminated->finished_at);
    if (finished && (!last_finished_ns || *last_finished_ns < *finished)) last_finished_ns = finished;
  }

  std::string cell(int64_t now_ns) const {
    std::string restarts = std::to_string(count);
    if (count == 0 || !last_finished_ns) return restarts;
    return restarts + " (" + human_duration(now_ns - *last_finished_ns) + " ago)";
  }
};

// What the walk over a pod's containers found.
struct PodSummary {
  std::string reason;
  int64_t ready = 0;
  int64_t total = 0;
  RestartTally restarts;
};

bool condition_true(const api::Pod& pod, std::string_view type) {
  for (const api::Condition& c : pod.status.conditions) {
    if (c.type == type) return c.status == "True";
  }
  return false;
}

// "ExitCode:1", "Signal:9", or the terminated reason itself.
std::string terminated_reason(const api::ContainerStateTerminated& t) {
  if (!t.reason.empty()) return t.reason;
  if (t.signal != 0) return "Signal:" + std::to_string(t.signal);
  return "ExitCode:" + std::to_string(t.exit_code);
}

// Walks the init containers in order up to the first one that has not
// finished. Returns whether the pod is still initializing; `summary` gets
// the Init:... reason, ready sidecars, and both restart tallies.
bool walk_init_containers(const api::Pod& pod, PodSummary& summary, RestartTally& sidecar_restarts) {
  std::map<std::string_view, bool> restartable;  // init container name -> is a sidecar
  for (const api::Container& c : pod.spec.init_containers) {
    restartable[c.name] = c.restart_policy == "Always";
    if (c.restart_policy == "Always") ++summary.total;
  }
  const auto& statuses = pod.status.init_container_statuses;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    const api::ContainerStatus& c = statuses[i];
    auto found = restartable.find(c.name);
    bool sidecar = found != restartable.end() && found->second;
    summary.restarts.add(c);
    if (sidecar) sidecar_restarts.add(c);
    const api::ContainerState& state = c.state;
    if (state.terminated && state.terminated->exit_code == 0) continue;
    if (sidecar && c.started.value_or(false)) {
      if (c.ready) ++summary.ready;
      continue;
    }
    if (state.terminated) {
      summary.reason = "Init:" + terminated_reason(*state.terminated);
    } else if (state.waiting && !state.waiting->reason.empty() && state.waiting->reason != "PodInitializing") {
      summary.reason = "Init:" + state.waiting->reason;
    } else {
      summary.reason = "Init:" + std::to_string(i) + "/" + std::to_string(pod.spec.init_containers.size());
    }
    return true;
  }
  return false;
}

// Walks the app containers last to first, so the first container's reason
// wins; counts ready running ones.
void walk_containers(const api::Pod& pod, PodSummary& summary) {
  bool has_running = false;
  const auto& statuses = pod.status.container_statuses;
  for (auto it = statuses.rbegin(); it != statuses.rend(); ++it) {
    const api::ContainerStatus& c = *it;
    summary.restarts.add(c);
    const api::ContainerState& state = c.state;
    if (state.waiting && !state.waiting->reason.empty()) {
      summary.reason = state.waiting->reason;
    } else if (state.terminated) {
      summary.reason = terminated_reason(*state.terminated);
    } else if (c.ready && state.running) {
      has_running = true;
      ++summary.ready;
    }
  }
  // A container that completed while another still runs: the pod is not done.
  if (summary.reason == "Completed" && has_running) {
    summary.reason = condition_true(pod, "Ready") ? "Running" : "NotReady";
  }
}

PodSummary summarize(const api::Pod& pod) {
  PodSummary summary;
  summary.total = static_cast<int64_t>(pod.spec.containers.size());
  summary.reason = pod.status.reason.empty() ? pod.status.phase : pod.status.reason;
  for (const api::Condition& c : pod.status.conditions) {
    if (c.type == "PodScheduled" && c.reason == "SchedulingGated") summary.reason = "SchedulingGated";
  }
  RestartTally sidecar_restarts;
  bool initializing = walk_init_containers(pod, summary, sidecar_restarts);
  if (!initializing || condition_true(pod, "Initialized")) {
    // Once initialized, only sidecars' restarts count among the init containers'.
    summary.restarts = sidecar_restarts;
    walk_containers(pod, summary);
  }
  const std::string& phase = pod.status.phase;
  if (!pod.metadata.deletion_timestamp.empty()) {
    if (pod.status.reason == kNodeLostReason) {
      summary.reason = "Unknown";
    } else if (phase != "Succeeded" && phase != "Failed") {
      summary.reason = "Terminating";
    }
  }
  return summary;
}

// Kubernetes marks finished pods' rows Completed (clients may hide them).
api::Value completed_condition(std::string_view phase, std::string_view message) {
  api::Value condition = api::Value::object();
  condition.set("type", text("Completed"));
  condition.set("status", text("True"));
  condition.set("reason", text(std::string(phase)));
  condition.set("message", text(std::string(message)));
  return api::Value::array({std::move(condition)});
}

std::string or_none(std::string value) { return value.empty() ? "<none>" : value; }

Row pod_row(const api::Pod& pod, int64_t now_ns) {
  PodSummary summary = summarize(pod);
  Row row;
  row.cells = {
      text(pod.metadata.name),   text(std::to_string(summary.ready) + "/" + std::to_string(summary.total)),
      text(summary.reason),      text(summary.restarts.cell(now_ns)),
      age(pod.metadata, now_ns),
  };
  // podIPs[0]; Kubernetes fills podIPs from a lone podIP when converting.
  std::string ip = pod.status.pod_ips.empty() ? pod.status.pod_ip : pod.status.pod_ips.front().ip;
  row.cells.push_back(text(or_none(ip)));
  row.cells.push_back(text(or_none(pod.spec.node_name)));
  row.cells.push_back(text(or_none(pod.status.nominated_node_name)));
  row.cells.push_back(text("<none>"));  // herd's PodSpec has no readinessGates
  if (pod.status.phase == "Succeeded") {
    row.conditions = completed_condition("Succeeded", "The pod has completed successfully.");
  } else if (pod.status.phase == "Failed") {
    row.conditions = completed_condition("Failed", "The pod failed.");
  }
  return row;
}

}  // namespace

KindPrinter pod_printer() {
  return KindPrinter{
      {
          name_column(),
          column("Ready", "The aggregate readiness state of this pod for accepting traffic."),
          column("Status", "The aggregate status of the containers in this pod."),
          column("Restarts",
                 "The number of times the containers in this pod have been restarted and when the last "
                 "container in this pod has restarted."),
          age_column(),
          wide_column("IP", kPodIpDescription),
          wide_column("Node", kNodeNameDescription),
          wide_column("Nominated Node", kNominatedNodeNameDescription),
          wide_column("Readiness Gates", kReadinessGatesDescription),
      },
      &print_as<api::Pod, pod_row>,
  };
}

}  // namespace herd::server::printers
