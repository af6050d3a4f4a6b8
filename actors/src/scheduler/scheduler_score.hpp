#pragma once

// The scheduler's scores: among the nodes a pod fits on, which is best?
// Each score is 0..100 (Kubernetes' MaxNodeScore); the total is their
// weighted sum, and the node with the highest total wins.
//
//   least-allocated  the mean over cpu and memory of the fraction left free
//                    after placing the pod (Kubernetes' NodeResourcesFit,
//                    LeastAllocated strategy): spreads load over nodes.
//   spreading        fewer pods of the pod's workload on the node score
//                    higher (Kubernetes' SelectorSpread / default
//                    PodTopologySpread over hostnames): replicas of one
//                    ReplicaSet land on different nodes, so one node failing
//                    takes only some of them down.

#include <cstdint>

#include "scheduler/scheduler_cache.hpp"

namespace herd::actors::sched {

/// Highest value of each score.
inline constexpr int64_t kMaxNodeScore = 100;

/// How much each score counts in the total. Spreading weighs twice what
/// resources weigh, as Kubernetes weighs PodTopologySpread (2) against
/// NodeResourcesFit (1), so replicas spread even onto a busier node.
struct ScoreWeights {
  int64_t least_allocated = 1;
  int64_t spreading = 2;
};

/// 0..100: how free `node` stays after placing a pod requesting `requests`
/// (non-zero requests, so pods without requests still count). Pure.
int64_t least_allocated_score(const PodRequests& requests, const NodeInfo& node);

/// 0..100: `kMaxNodeScore * (max_count - count) / max_count`, where `count`
/// is the number of the workload's pods on this node and `max_count` the
/// largest such number over the nodes being scored; 100 when `max_count` is 0
/// (the workload runs nowhere yet, or the pod has no controller). Pure.
int64_t spreading_score(int32_t count, int32_t max_count);

/// The weighted total for one node. Pure.
int64_t node_score(const PodRequests& requests, const NodeInfo& node, int32_t owner_count,
                   int32_t max_owner_count, const ScoreWeights& weights);

}  // namespace herd::actors::sched
