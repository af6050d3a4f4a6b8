#include "scheduler/scheduler_filter.hpp"

namespace herd::actors::sched {
namespace {

// The taint the node lifecycle controller of Kubernetes puts on cordoned
// nodes; a pod tolerating it may still land on an unschedulable node
// (DaemonSet pods do).
const api::Taint& unschedulable_taint() {
  static const api::Taint taint{"node.kubernetes.io/unschedulable", "", "NoSchedule", ""};
  return taint;
}

const api::Taint* first_untolerated(const api::Pod& pod, const NodeInfo& node) {
  for (const api::Taint& t : node.taints) {
    // PreferNoSchedule only lowers a node's appeal; it never excludes it.
    if (t.effect != "NoSchedule" && t.effect != "NoExecute") continue;
    if (!tolerated(pod.spec.tolerations, t)) return &t;
  }
  return nullptr;
}

bool selector_matches(const api::StringMap& selector, const api::StringMap& labels) {
  for (const auto& [key, value] : selector) {
    auto it = labels.find(key);
    if (it == labels.end() || it->second != value) return false;
  }
  return true;
}

// Requests of zero are not checked, as in Kubernetes: a pod asking for no
// memory fits even on a node whose memory is fully promised.
uint32_t resource_fit(const PodRequests& requests, const NodeInfo& node) {
  uint32_t reasons = 0;
  if (node.pod_count + 1 > node.allowed_pods) reasons |= kTooManyPods;
  const Resources& want = requests.requested;
  const Resources free{node.allocatable.milli_cpu - node.requested.milli_cpu,
                       node.allocatable.memory - node.requested.memory};
  if (want.milli_cpu > 0 && want.milli_cpu > free.milli_cpu) reasons |= kInsufficientCpu;
  if (want.memory > 0 && want.memory > free.memory) reasons |= kInsufficientMemory;
  return reasons;
}

}  // namespace

bool tolerates(const api::Toleration& toleration, const api::Taint& taint) {
  if (!toleration.effect.empty() && toleration.effect != taint.effect) return false;
  if (!toleration.key.empty() && toleration.key != taint.key) return false;
  if (toleration.op == "Exists") return true;
  if (toleration.op.empty() || toleration.op == "Equal") {
    return toleration.key == taint.key && toleration.value == taint.value;
  }
  return false;
}

bool tolerated(const std::vector<api::Toleration>& tolerations, const api::Taint& taint) {
  for (const api::Toleration& t : tolerations) {
    if (tolerates(t, taint)) return true;
  }
  return false;
}

FilterResult filter_node(const api::Pod& pod, const PodRequests& requests, const NodeInfo& node) {
  FilterResult r;
  if (!node.ready) {
    r.reasons = kNotReady;
  } else if (node.unschedulable && !tolerated(pod.spec.tolerations, unschedulable_taint())) {
    r.reasons = kUnschedulable;
  } else if (const api::Taint* t = first_untolerated(pod, node)) {
    r.reasons = kUntoleratedTaint;
    r.taint = t;
  } else if (!selector_matches(pod.spec.node_selector, node.labels)) {
    r.reasons = kNodeSelectorMismatch;
  } else {
    r.reasons = resource_fit(requests, node);
  }
  return r;
}

std::vector<std::string> reason_texts(const FilterResult& result) {
  std::vector<std::string> out;
  const uint32_t r = result.reasons;
  if (r & kNotReady) out.emplace_back("node(s) were not ready");
  if (r & kUnschedulable) out.emplace_back("node(s) were unschedulable");
  if ((r & kUntoleratedTaint) && result.taint != nullptr) {
    out.push_back("node(s) had untolerated taint {" + result.taint->key + ": " + result.taint->value + "}");
  }
  if (r & kNodeSelectorMismatch) out.emplace_back("node(s) didn't match Pod's node affinity/selector");
  if (r & kTooManyPods) out.emplace_back("Too many pods");
  if (r & kInsufficientCpu) out.emplace_back("Insufficient cpu");
  if (r & kInsufficientMemory) out.emplace_back("Insufficient memory");
  return out;
}

}  // namespace herd::actors::sched
