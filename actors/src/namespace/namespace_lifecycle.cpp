// Namespace termination, as Kubernetes' namespaced_resources_deleter: mark
// the namespace Terminating, delete its content, wait for it to be gone,
// then finish the deletion. Kubernetes finishes by clearing spec.finalizers
// ("kubernetes"); herd's core takes a delete of the terminating namespace by
// controller:namespace as that finalization (core/object_commands.cpp).

#include "namespace/namespace_lifecycle.hpp"

#include <algorithm>

#include "replicaset/pod_filters.hpp"

namespace herd::actors {
namespace {

Plan with_phase(const StoredObject& self, const char* phase) {
  Plan plan;
  api::Namespace updated = self.as<api::Namespace>();
  updated.status.phase = phase;
  if (auto event = status_change(self.object, updated)) plan.events.push_back(std::move(*event));
  return plan;
}

// Owners first: deleting them (Background) lets the garbage collector take
// their dependents, so fewer objects are deleted twice. Stable, so key order
// within each group.
std::vector<ObjectPtr> deletion_order(std::vector<ObjectPtr> live) {
  std::stable_partition(live.begin(), live.end(),
                        [](const ObjectPtr& o) { return o->meta().owner_references.empty(); });
  return live;
}

}  // namespace

Plan activate_namespace(const StoredObject& self) { return with_phase(self, "Active"); }

Plan terminate_namespace(const StoredObject& self, const ObjectStore& store) {
  Plan plan = with_phase(self, "Terminating");
  std::vector<ObjectPtr> content = store.in_namespace(self.meta().name);
  std::vector<ObjectPtr> live;
  for (const ObjectPtr& o : content) {
    if (!is_terminating(o->meta())) live.push_back(o);
  }
  for (const ObjectPtr& o : deletion_order(std::move(live))) {
    if (static_cast<int32_t>(plan.commands.size()) >= kNamespaceDeleteBurst) break;
    plan.commands.push_back(Command::remove(o->key, o->meta().uid, kNamespaceActor, Propagation::kBackground));
  }
  // Other finalizers (foregroundDeletion, a user's) are someone else's to
  // clear; their clearing changes the namespace and wakes it again.
  if (content.empty() && self.meta().finalizers.empty()) {
    plan.commands.push_back(Command::remove(self.key, self.meta().uid, kNamespaceActor));
  }
  return plan;
}

}  // namespace herd::actors
