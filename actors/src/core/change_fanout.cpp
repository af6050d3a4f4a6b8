#include "core/change_fanout.hpp"

#include <set>

#include "herd/events/event.hpp"

namespace herd::actors {
namespace {

bool has_controller(const api::ObjectMeta& m) {
  for (const api::OwnerReference& r : m.owner_references) {
    if (r.controller.value_or(false)) return true;
  }
  return false;
}

void add_kind(std::set<std::string>& keys, const ObjectStore& store, std::string_view kind, const std::string& ns) {
  for (const ObjectPtr& o : store.list(kind, ns)) keys.insert(o->key);
}

void add_edges(std::set<std::string>& keys, const StoredObject& o, bool gone, const ObjectStore& store) {
  const api::ObjectMeta& m = o.meta();
  for (const api::OwnerReference& ref : m.owner_references) {
    const api::KindInfo* kind = api::find_kind(ref.kind);
    keys.insert(events::object_key(ref.kind, kind != nullptr && kind->namespaced ? m.namespace_ : "", ref.name));
  }
  if (gone || !m.deletion_timestamp.empty()) {
    for (const ObjectPtr& d : store.owned_by(m.uid)) keys.insert(d->key);
  }
  if (o.is<api::Pod>()) {
    add_kind(keys, store, "Service", m.namespace_);
    if (!has_controller(m)) {
      for (std::string_view kind : {"ReplicaSet", "ReplicationController", "Job"}) add_kind(keys, store, kind, m.namespace_);
    }
  } else if (o.is<api::ReplicaSet>() && !has_controller(m)) {
    add_kind(keys, store, "Deployment", m.namespace_);
  }
  if (!m.namespace_.empty()) {
    ObjectPtr ns = store.get("Namespace", "", m.namespace_);
    if (ns != nullptr && !ns->meta().deletion_timestamp.empty()) keys.insert(ns->key);
  }
}

}  // namespace

std::vector<std::string> interested_keys(const std::string& key, const ObjectPtr& before, const ObjectPtr& after,
                                         const ObjectStore& store) {
  std::set<std::string> keys;
  if (before != nullptr) add_edges(keys, *before, after == nullptr, store);
  if (after != nullptr) add_edges(keys, *after, false, store);
  keys.erase(key);
  return {keys.begin(), keys.end()};
}

}  // namespace herd::actors
