#include "scheduler/scheduler_score.hpp"

namespace herd::actors::sched {
namespace {

// One resource's free share after placing the pod, 0..100, in integers as
// Kubernetes computes it: (allocatable - requested) * 100 / allocatable.
// Nothing allocatable, or more requested than allocatable, scores 0.
int64_t free_share(int64_t allocatable, int64_t requested) {
  if (allocatable <= 0 || requested > allocatable) return 0;
  // 128-bit: memory in bytes times 100 can leave int64 on huge nodes.
  __extension__ typedef __int128 Wide;
  return static_cast<int64_t>(static_cast<Wide>(allocatable - requested) * kMaxNodeScore / allocatable);
}

}  // namespace

int64_t least_allocated_score(const PodRequests& requests, const NodeInfo& node) {
  // Worked example: a 4-core, 8Gi node with 1 core and 2Gi already requested,
  // and a pod requesting 1 core and 2Gi: cpu (4000-2000)*100/4000 = 50,
  // memory (8Gi-4Gi)*100/8Gi = 50, score (50+50)/2 = 50. An empty node of the
  // same size would score (75+75)/2 = 75 and be preferred.
  const int64_t cpu = free_share(node.allocatable.milli_cpu,
                                 node.non_zero_requested.milli_cpu + requests.non_zero.milli_cpu);
  const int64_t memory = free_share(node.allocatable.memory,
                                    node.non_zero_requested.memory + requests.non_zero.memory);
  return (cpu + memory) / 2;
}

int64_t spreading_score(int32_t count, int32_t max_count) {
  // Worked example: a ReplicaSet with pods 2, 1 and 0 on nodes a, b and c
  // (max 2): a scores 0, b 50, c 100, so the next replica goes to c.
  if (max_count <= 0) return kMaxNodeScore;
  return kMaxNodeScore * (max_count - count) / max_count;
}

int64_t node_score(const PodRequests& requests, const NodeInfo& node, int32_t owner_count,
                   int32_t max_owner_count, const ScoreWeights& weights) {
  return weights.least_allocated * least_allocated_score(requests, node) +
         weights.spreading * spreading_score(owner_count, max_owner_count);
}

}  // namespace herd::actors::sched
