#include "core/garbage_collection.hpp"

#include <algorithm>

#include "herd/events/event.hpp"
#include "herd/events/event_types.hpp"

namespace herd::actors {
namespace {

bool has_finalizer(const api::ObjectMeta& m, std::string_view f) {
  return std::find(m.finalizers.begin(), m.finalizers.end(), f) != m.finalizers.end();
}

// The live owner `ref` points at, or nullptr (gone, or re-created with another uid).
ObjectPtr live_owner(const api::OwnerReference& ref, const StoredObject& self, const ObjectStore& store) {
  const api::KindInfo* kind = api::find_kind(ref.kind);
  std::string_view ns = kind != nullptr && kind->namespaced ? std::string_view(self.meta().namespace_) : "";
  ObjectPtr owner = store.get(ref.kind, ns, ref.name);
  return owner != nullptr && owner->meta().uid == ref.uid ? owner : nullptr;
}

OwnEvent removal() { return OwnEvent{std::string(events::types::kObjectDeleted), api::Value::object()}; }

Plan collect_dependents(const StoredObject& self, const ObjectStore& store, bool orphan) {
  Plan plan;
  std::vector<ObjectPtr> dependents = store.owned_by(self.meta().uid);
  if (dependents.empty()) {
    plan.events.push_back(removal());
    return plan;
  }
  for (const ObjectPtr& d : dependents) {
    if (orphan) {
      api::Object released = d->object;
      auto& refs = api::meta(released).owner_references;
      std::erase_if(refs, [&](const api::OwnerReference& r) { return r.uid == self.meta().uid; });
      plan.commands.push_back(Command::update(std::move(released), std::string(kGarbageCollector)));
    } else if (d->meta().deletion_timestamp.empty()) {
      plan.commands.push_back(Command::remove(d->key, d->meta().uid, std::string(kGarbageCollector),
                                              Propagation::kForeground));
    }
  }
  return plan;
}

}  // namespace

Plan collect_garbage(const StoredObject& self, const ObjectStore& store) {
  const api::ObjectMeta& m = self.meta();
  if (!m.deletion_timestamp.empty()) {
    if (has_finalizer(m, "foregroundDeletion")) return collect_dependents(self, store, false);
    if (has_finalizer(m, "orphan")) return collect_dependents(self, store, true);
  }
  if (m.owner_references.empty() || !m.deletion_timestamp.empty()) return Plan{};
  bool owner_alive = false;
  bool owner_in_foreground_deletion = false;
  for (const api::OwnerReference& ref : m.owner_references) {
    ObjectPtr owner = live_owner(ref, self, store);
    if (owner == nullptr) continue;
    owner_alive = true;
    const api::ObjectMeta& om = owner->meta();
    if (!om.deletion_timestamp.empty() && has_finalizer(om, "foregroundDeletion")) owner_in_foreground_deletion = true;
  }
  Plan plan;
  if (!owner_alive || owner_in_foreground_deletion) {
    plan.commands.push_back(Command::remove(self.key, m.uid, std::string(kGarbageCollector),
                                            owner_in_foreground_deletion ? Propagation::kForeground
                                                                         : Propagation::kBackground));
  }
  return plan;
}

}  // namespace herd::actors
