#pragma once

// schedule_one: pick the node for one pod (Kubernetes' schedule_one.go,
// without binding): filter nodes until enough feasible ones are found, score
// those, take the best. Pure over the cache, so the scheduler actor calls it
// and then assumes the placement in the cache and records PodScheduled.
//
// How many nodes are looked at (Kubernetes' percentageOfNodesToScore): in a
// large cluster, filtering and scoring every node for every pod costs
// O(nodes) per pod, so the search stops once it has found
//   max(min_feasible_nodes_to_find, percentage * nodes / 100)
// feasible nodes. With percentage 0 (the default) the percentage adapts as
// Kubernetes' does: 50% - nodes/125, at least 5%. Worked example: 5,000
// nodes → 50 - 40 = 10% → stop after 500 feasible nodes; 100 nodes or fewer
// → every node. The search starts where the previous one stopped
// (`start_index` → `next_start_index`), so over many pods every node gets
// looked at. A pod that fits nowhere is still checked against every node,
// so its failure message counts them all.
//
// Ties between equal totals go to the node whose name sorts first, so the
// result depends only on the cache and the options.

#include <cstddef>
#include <cstdint>
#include <string>

#include "herd/api/pod.hpp"
#include "scheduler/scheduler_cache.hpp"
#include "scheduler/scheduler_score.hpp"

namespace herd::actors::sched {

struct ScheduleOptions {
  /// Share of the nodes to find feasible before scoring, 1..100; 0 means
  /// Kubernetes' adaptive default (see the file comment).
  int32_t percentage_of_nodes_to_score = 0;
  /// Never stop searching before this many feasible nodes (Kubernetes: 100).
  std::size_t min_feasible_nodes_to_find = 100;
  /// Index into cache.nodes() where the search starts (taken modulo the
  /// number of nodes); pass the previous result's next_start_index.
  std::size_t start_index = 0;
  ScoreWeights weights;
};

struct ScheduleResult {
  /// The chosen node, or "" when the pod fits nowhere.
  std::string node;
  /// Why the pod fits nowhere, in Kubernetes' words (the PodScheduled
  /// condition's message, reason "Unschedulable"), e.g.
  /// "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {key: value}."
  std::string message;
  /// Where the next search should start.
  std::size_t next_start_index = 0;
  /// Nodes filtered, and how many of them were feasible (and scored).
  std::size_t nodes_evaluated = 0;
  std::size_t feasible_nodes = 0;

  bool ok() const { return !node.empty(); }
};

/// How many feasible nodes to find among `all_nodes` before scoring.
std::size_t num_feasible_nodes_to_find(std::size_t all_nodes, const ScheduleOptions& options);

/// Picks the node for `pod` among `cache.nodes()`. Pure: reads the cache,
/// changes nothing (the caller assumes the placement). Requires: `pod` has
/// no spec.nodeName (a bound pod needs no scheduling).
ScheduleResult schedule_one(const api::Pod& pod, const SchedulerCache& cache,
                            const ScheduleOptions& options = {});

}  // namespace herd::actors::sched
