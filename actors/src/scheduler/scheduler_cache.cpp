#include "scheduler/scheduler_cache.hpp"

#include <algorithm>

namespace herd::actors::sched {
namespace {

// Kubernetes' DefaultMilliCPURequest and DefaultMemoryRequest (200 MB there;
// 200Mi here, the same order of magnitude in the unit memory is usually given).
constexpr int64_t kDefaultMilliCpu = 100;
constexpr int64_t kDefaultMemory = 200LL * 1024 * 1024;

Resources requests_of(const api::Container& c) {
  Resources r;
  const api::ResourceList& req = c.resources.requests;
  if (auto it = req.find("cpu"); it != req.end()) r.milli_cpu = it->second.milli_value();
  if (auto it = req.find("memory"); it != req.end()) r.memory = it->second.value();
  return r;
}

const api::Quantity* resource(const api::NodeStatus& status, const std::string& name) {
  for (const api::ResourceList* list : {&status.allocatable, &status.capacity}) {
    if (auto it = list->find(name); it != list->end()) return &it->second;
  }
  return nullptr;
}

bool is_ready(const api::Node& node) {
  for (const api::NodeCondition& c : node.status.conditions) {
    if (c.type == "Ready") return c.status == "True";
  }
  return false;
}

bool is_terminal(const api::Pod& pod) {
  return pod.status.phase == "Succeeded" || pod.status.phase == "Failed";
}

}  // namespace

PodRequests pod_requests(const api::Pod& pod) {
  // Worked example: containers {250m, 64Mi} and {250m, 0}, init container
  // {1, 16Mi}: sum of containers 500m / 64Mi, init max 1000m / 16Mi, so the
  // pod requests 1000m (the init container needs the core alone) and 64Mi.
  // Sidecars (init containers with restartPolicy Always) keep running: they
  // add to the app containers and to every init container started after them.
  Resources sum;
  for (const api::Container& c : pod.spec.containers) sum += requests_of(c);
  Resources sidecars;
  Resources init_max;
  for (const api::Container& c : pod.spec.init_containers) {
    Resources r = requests_of(c);
    if (c.restart_policy == "Always") {
      sidecars += r;
      r = sidecars;
    } else {
      r += sidecars;
    }
    init_max.milli_cpu = std::max(init_max.milli_cpu, r.milli_cpu);
    init_max.memory = std::max(init_max.memory, r.memory);
  }
  sum += sidecars;
  sum.milli_cpu = std::max(sum.milli_cpu, init_max.milli_cpu);
  sum.memory = std::max(sum.memory, init_max.memory);
  PodRequests out;
  out.requested = sum;
  out.non_zero.milli_cpu = sum.milli_cpu == 0 ? kDefaultMilliCpu : sum.milli_cpu;
  out.non_zero.memory = sum.memory == 0 ? kDefaultMemory : sum.memory;
  return out;
}

std::string_view controller_uid(const api::Pod& pod) {
  for (const api::OwnerReference& r : pod.metadata.owner_references) {
    if (r.controller.value_or(false)) return r.uid;
  }
  return {};
}

int32_t NodeInfo::owner_count(std::string_view owner_uid) const {
  if (owner_uid.empty()) return 0;
  auto it = pods_by_owner.find(std::string(owner_uid));
  return it == pods_by_owner.end() ? 0 : it->second;
}

SchedulerCache SchedulerCache::from_store(const ObjectStore& store) {
  SchedulerCache cache;
  for (const ObjectPtr& n : store.list("Node")) {
    if (!n->is<api::Node>()) continue;
    const api::Node& node = n->as<api::Node>();
    cache.update_node(node);
    for (const ObjectPtr& p : store.pods_on_node(node.metadata.name)) {
      if (p->is<api::Pod>()) cache.add_pod(p->key, p->as<api::Pod>(), node.metadata.name);
    }
  }
  return cache;
}

NodeInfo& SchedulerCache::entry(const std::string& name) {
  auto it = nodes_.find(name);
  if (it == nodes_.end()) {
    it = nodes_.emplace(name, NodeInfo{}).first;
    it->second.name = name;
  }
  return it->second;
}

bool SchedulerCache::update_node(const api::Node& node) {
  NodeInfo& info = entry(node.metadata.name);
  const api::Quantity* cpu = resource(node.status, "cpu");
  const api::Quantity* memory = resource(node.status, "memory");
  const api::Quantity* pods = resource(node.status, "pods");
  const Resources allocatable{cpu ? cpu->milli_value() : 0, memory ? memory->value() : 0};
  const int64_t allowed_pods = pods ? pods->value() : 0;
  const bool ready = is_ready(node);
  const bool changed = !info.present || info.allocatable != allocatable || info.allowed_pods != allowed_pods ||
                       info.labels != node.metadata.labels || info.taints != node.spec.taints ||
                       info.unschedulable != node.spec.unschedulable || info.ready != ready;
  if (!changed) return false;
  info.allocatable = allocatable;
  info.allowed_pods = allowed_pods;
  info.labels = node.metadata.labels;
  info.taints = node.spec.taints;
  info.unschedulable = node.spec.unschedulable;
  info.ready = ready;
  if (!info.present) {
    info.present = true;
    auto pos = std::lower_bound(sorted_.begin(), sorted_.end(), info.name,
                                [](const NodeInfo* n, const std::string& name) { return n->name < name; });
    sorted_.insert(pos, &info);
  }
  return true;
}

void SchedulerCache::remove_node(const std::string& name) {
  auto it = nodes_.find(name);
  if (it == nodes_.end() || !it->second.present) return;
  it->second.present = false;
  sorted_.erase(std::find(sorted_.begin(), sorted_.end(), &it->second));
  erase_if_unused(name);
}

void SchedulerCache::erase_if_unused(const std::string& name) {
  auto it = nodes_.find(name);
  if (it != nodes_.end() && !it->second.present && it->second.pod_count == 0) nodes_.erase(it);
}

void SchedulerCache::place(const std::string& key, const api::Pod& pod, const std::string& node,
                           bool assumed) {
  remove_pod(key);
  PodEntry e{node, pod_requests(pod), std::string(controller_uid(pod)), assumed};
  NodeInfo& info = entry(node);
  info.requested += e.requests.requested;
  info.non_zero_requested += e.requests.non_zero;
  info.pod_count += 1;
  if (!e.owner_uid.empty()) info.pods_by_owner[e.owner_uid] += 1;
  pods_.emplace(key, std::move(e));
}

void SchedulerCache::add_pod(const std::string& key, const api::Pod& pod, const std::string& node) {
  if (is_terminal(pod) || node.empty()) {
    remove_pod(key);
    return;
  }
  place(key, pod, node, false);
}

void SchedulerCache::assume(const std::string& key, const api::Pod& pod, const std::string& node) {
  place(key, pod, node, true);
}

bool SchedulerCache::is_assumed(const std::string& key) const {
  auto it = pods_.find(key);
  return it != pods_.end() && it->second.assumed;
}

void SchedulerCache::remove_pod(const std::string& key) {
  auto it = pods_.find(key);
  if (it == pods_.end()) return;
  const PodEntry& e = it->second;
  auto n = nodes_.find(e.node);
  if (n != nodes_.end()) {
    NodeInfo& info = n->second;
    info.requested -= e.requests.requested;
    info.non_zero_requested -= e.requests.non_zero;
    info.pod_count -= 1;
    if (!e.owner_uid.empty()) {
      auto o = info.pods_by_owner.find(e.owner_uid);
      if (o != info.pods_by_owner.end() && --o->second <= 0) info.pods_by_owner.erase(o);
    }
  }
  std::string node = e.node;
  pods_.erase(it);
  erase_if_unused(node);
}

const NodeInfo* SchedulerCache::node(std::string_view name) const {
  auto it = nodes_.find(name);
  return it == nodes_.end() ? nullptr : &it->second;
}

}  // namespace herd::actors::sched
