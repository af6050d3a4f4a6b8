#pragma once

// The scheduler's filters: can this pod run on this node at all? Kubernetes'
// filter plugins, in the order Kubernetes runs them, each one a predicate on
// (pod, node) with no side effects:
//
//   1. node Ready          condition Ready is "True"             "node(s) were not ready"
//   2. NodeUnschedulable   spec.unschedulable (unless tolerated)  "node(s) were unschedulable"
//   3. TaintToleration     NoSchedule/NoExecute taints tolerated  "node(s) had untolerated taint {k: v}"
//   4. NodeAffinity        spec.nodeSelector ⊆ node labels        "node(s) didn't match Pod's node affinity/selector"
//   5. NodeResourcesFit    pods, cpu, memory fit what is left     "Too many pods", "Insufficient cpu", ...
//
// As in Kubernetes the first failing filter decides (a node that is not
// ready is not also reported as short of cpu), except that the resource
// filter reports every resource that is short.

#include <cstdint>
#include <string>
#include <vector>

#include "herd/api/cluster.hpp"
#include "herd/api/pod.hpp"
#include "scheduler/scheduler_cache.hpp"

namespace herd::actors::sched {

/// Why a node was filtered out; FilterResult::reasons is a bitset of these.
enum FilterReason : uint32_t {
  kNotReady = 1u << 0,
  kUnschedulable = 1u << 1,
  kUntoleratedTaint = 1u << 2,
  kNodeSelectorMismatch = 1u << 3,
  kTooManyPods = 1u << 4,
  kInsufficientCpu = 1u << 5,
  kInsufficientMemory = 1u << 6,
};

/// The verdict of the filters for one node. Cheap: no allocation, so
/// filtering thousands of nodes per pod costs only the checks themselves.
struct FilterResult {
  uint32_t reasons = 0;                ///< 0: the pod fits.
  const api::Taint* taint = nullptr;   ///< With kUntoleratedTaint: the first such taint (points into the NodeInfo).

  bool fits() const { return reasons == 0; }
};

/// Runs the filters for `pod` (whose requests are `requests`) on `node`.
/// Pure; `node` must outlive the result (it points at its taint).
FilterResult filter_node(const api::Pod& pod, const PodRequests& requests, const NodeInfo& node);

/// Kubernetes' words for each reason in `result`, e.g. {"Insufficient cpu",
/// "Insufficient memory"} or {"node(s) had untolerated taint {dedicated: gpu}"}.
std::vector<std::string> reason_texts(const FilterResult& result);

/// Whether `toleration` tolerates `taint` (Kubernetes' ToleratesTaint): the
/// effect matches or the toleration's is empty; the key matches or the
/// toleration's is empty (with Exists: every taint); operator Exists ignores
/// the value, Equal (or empty) needs the same value.
bool tolerates(const api::Toleration& toleration, const api::Taint& taint);
/// Whether any of `tolerations` tolerates `taint`.
bool tolerated(const std::vector<api::Toleration>& tolerations, const api::Taint& taint);

}  // namespace herd::actors::sched
