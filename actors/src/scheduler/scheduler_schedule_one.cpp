#include "scheduler/scheduler_schedule_one.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "scheduler/scheduler_filter.hpp"

namespace herd::actors::sched {
namespace {

// Kubernetes' minimum adaptive percentage.
constexpr std::size_t kMinPercentage = 5;

// "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated
// taint {key: value}." — reasons counted over nodes and sorted as strings,
// as Kubernetes' FitError.Error() does.
std::string fit_error(std::size_t nodes, const std::map<std::string, std::size_t>& counts) {
  std::vector<std::string> parts;
  parts.reserve(counts.size());
  for (const auto& [reason, n] : counts) parts.push_back(std::to_string(n) + " " + reason);
  std::sort(parts.begin(), parts.end());
  std::string out = "0/" + std::to_string(nodes) + " nodes are available: ";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out + ".";
}

struct Feasible {
  const NodeInfo* node;
  int32_t owner_count;
};

const NodeInfo* best_of(const std::vector<Feasible>& feasible, const PodRequests& requests,
                        const ScoreWeights& weights) {
  int32_t max_owner = 0;
  for (const Feasible& f : feasible) max_owner = std::max(max_owner, f.owner_count);
  const NodeInfo* best = nullptr;
  int64_t best_score = -1;
  for (const Feasible& f : feasible) {
    int64_t s = node_score(requests, *f.node, f.owner_count, max_owner, weights);
    if (s > best_score || (s == best_score && f.node->name < best->name)) {
      best = f.node;
      best_score = s;
    }
  }
  return best;
}

}  // namespace

std::size_t num_feasible_nodes_to_find(std::size_t all_nodes, const ScheduleOptions& options) {
  const std::size_t min_nodes = options.min_feasible_nodes_to_find;
  if (all_nodes <= min_nodes || options.percentage_of_nodes_to_score >= 100) return all_nodes;
  std::size_t percentage = static_cast<std::size_t>(std::max(0, options.percentage_of_nodes_to_score));
  if (percentage == 0) {
    std::size_t reduction = all_nodes / 125;
    percentage = reduction >= 50 - kMinPercentage ? kMinPercentage : 50 - reduction;
  }
  return std::max(min_nodes, all_nodes * percentage / 100);
}

ScheduleResult schedule_one(const api::Pod& pod, const SchedulerCache& cache, const ScheduleOptions& options) {
  ScheduleResult result;
  const std::vector<const NodeInfo*>& nodes = cache.nodes();
  const std::size_t n = nodes.size();
  if (n == 0) {
    result.message = "no nodes available to schedule pods";
    return result;
  }
  const PodRequests requests = pod_requests(pod);
  const std::string_view owner = controller_uid(pod);
  const std::size_t wanted = num_feasible_nodes_to_find(n, options);
  const std::size_t start = options.start_index % n;

  std::vector<Feasible> feasible;
  std::map<std::string, std::size_t> reasons;
  std::size_t i = 0;
  for (; i < n && feasible.size() < wanted; ++i) {
    const NodeInfo* node = nodes[(start + i) % n];
    FilterResult r = filter_node(pod, requests, *node);
    if (r.fits()) {
      feasible.push_back({node, node->owner_count(owner)});
    } else if (feasible.empty()) {
      // Reasons matter only if nothing fits; once something does, skip the strings.
      for (std::string& text : reason_texts(r)) reasons[std::move(text)] += 1;
    }
  }
  result.nodes_evaluated = i;
  result.feasible_nodes = feasible.size();
  result.next_start_index = (start + i) % n;
  if (feasible.empty()) {
    result.message = fit_error(n, reasons);
    return result;
  }
  result.node = best_of(feasible, requests, options.weights)->name;
  return result;
}

}  // namespace herd::actors::sched
