#pragma once

// SchedulerCache: what the scheduler knows about every node: what it offers
// (allocatable), what it promises (labels, taints, unschedulable, Ready), and
// what is already placed on it (the summed requests of its pods, and how many
// pods of each workload it runs, for spreading). Kubernetes' scheduler cache
// and NodeInfo, without CAF: the scheduler actor owns one and feeds it events.
//
// Every pod event is O(1) (hash lookups, a few additions); node events are
// O(log n) plus, for a new node, an insertion into the sorted node list.
// Not thread-safe: one owner (the scheduler actor) reads and writes it.
//
// Pods are accounted by key, so events may come in any order: a pod seen
// before its node is kept on a placeholder entry that the node fills in when
// it appears, and a removed node keeps its entry while pods still point at it.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/object_store.hpp"
#include "herd/api/cluster.hpp"
#include "herd/api/pod.hpp"

namespace herd::actors::sched {

/// An amount of the two scheduled resources: CPU in thousandths of a core,
/// memory in bytes.
struct Resources {
  int64_t milli_cpu = 0;
  int64_t memory = 0;

  Resources& operator+=(const Resources& o) { milli_cpu += o.milli_cpu; memory += o.memory; return *this; }
  Resources& operator-=(const Resources& o) { milli_cpu -= o.milli_cpu; memory -= o.memory; return *this; }
  bool operator==(const Resources&) const = default;
};

/// What a pod asks for, computed once per pod.
struct PodRequests {
  /// Effective requests: per resource, the larger of the sum over containers
  /// and the largest single init container (init containers run one at a
  /// time, before the app containers), as Kubernetes computes them.
  Resources requested;
  /// `requested` with 100m CPU / 200Mi memory in place of a zero, used only
  /// for scoring (Kubernetes' NonZeroRequested), so pods without requests
  /// still spread over nodes instead of piling onto the first one.
  Resources non_zero;
};

/// The requests of `pod` (spec.containers / spec.initContainers
/// resources.requests; API defaulting already copied limits into missing
/// requests). Pure; any thread.
PodRequests pod_requests(const api::Pod& pod);

/// The uid of `pod`'s controller ownerReference, or "" when it has none.
std::string_view controller_uid(const api::Pod& pod);

/// One node as the scheduler sees it.
struct NodeInfo {
  std::string name;
  bool present = false;        ///< False for a placeholder (node unknown or removed, pods remain).
  Resources allocatable;       ///< status.allocatable, else status.capacity.
  int64_t allowed_pods = 0;    ///< allocatable (else capacity) "pods".
  api::StringMap labels;
  std::vector<api::Taint> taints;
  bool unschedulable = false;  ///< spec.unschedulable.
  bool ready = false;          ///< Condition Ready is "True".

  Resources requested;           ///< Sum of PodRequests::requested of its pods.
  Resources non_zero_requested;  ///< Sum of PodRequests::non_zero of its pods.
  int64_t pod_count = 0;
  /// Pods per controller ownerReference uid; only non-zero counts are kept.
  std::unordered_map<std::string, int32_t> pods_by_owner;

  /// How many pods of the workload `owner_uid` run here ("" → 0).
  int32_t owner_count(std::string_view owner_uid) const;
};

class SchedulerCache {
 public:
  SchedulerCache() = default;
  // nodes() points into the node map: moving keeps those pointers valid,
  // copying would not.
  SchedulerCache(SchedulerCache&&) = default;
  SchedulerCache& operator=(SchedulerCache&&) = default;
  SchedulerCache(const SchedulerCache&) = delete;
  SchedulerCache& operator=(const SchedulerCache&) = delete;

  /// A cache of every Node in `store` and every pod bound to one.
  static SchedulerCache from_store(const ObjectStore& store);

  /// Adds or refreshes a node (its spec, labels and status); its pods stay.
  /// Returns true when something scheduling reads changed (new node,
  /// allocatable, labels, taints, unschedulable, readiness), false for a
  /// plain heartbeat: only then can a pod that fit nowhere fit now.
  bool update_node(const api::Node& node);
  /// Forgets a node: it is no longer a candidate. Its pods stay accounted
  /// until removed, in case the node comes back under the same name.
  void remove_node(const std::string& name);

  /// Accounts pod `key` on `node`, replacing whatever was accounted for
  /// `key` before (an assumed placement, an older version, another node).
  /// A pod in phase Succeeded or Failed is removed instead: it runs nothing,
  /// so its requests are free again (Kubernetes' scheduler ignores such pods).
  void add_pod(const std::string& key, const api::Pod& pod, const std::string& node);
  /// Removes pod `key` wherever it is accounted; unknown keys are ignored.
  void remove_pod(const std::string& key);
  /// Accounts a placement the scheduler just decided, before the bound pod
  /// comes back from the store, so the next decision already sees it.
  /// add_pod for the same key confirms it; remove_pod undoes it (binding failed).
  void assume(const std::string& key, const api::Pod& pod, const std::string& node);
  /// True while `key` is assumed and not yet confirmed by add_pod.
  bool is_assumed(const std::string& key) const;

  /// The node named `name` (present or placeholder), or nullptr.
  const NodeInfo* node(std::string_view name) const;
  /// Present nodes, sorted by name. Pointers stay valid until that node's
  /// entry is erased (remove_node of a node without pods).
  const std::vector<const NodeInfo*>& nodes() const { return sorted_; }
  /// Number of pods accounted (assumed or confirmed).
  std::size_t pod_count() const { return pods_.size(); }

 private:
  struct PodEntry {
    std::string node;
    PodRequests requests;
    std::string owner_uid;
    bool assumed = false;
  };

  NodeInfo& entry(const std::string& name);
  void place(const std::string& key, const api::Pod& pod, const std::string& node, bool assumed);
  void erase_if_unused(const std::string& name);

  std::map<std::string, NodeInfo, std::less<>> nodes_;  // every entry, present or placeholder
  std::vector<const NodeInfo*> sorted_;                  // present entries, by name
  std::unordered_map<std::string, PodEntry> pods_;       // pod key -> where it is accounted
};

}  // namespace herd::actors::sched
