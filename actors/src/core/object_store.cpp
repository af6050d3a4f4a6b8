#include "core/object_store.hpp"

#include <mutex>

#include "herd/events/event.hpp"

namespace herd::actors {
namespace {

bool is_pod(const StoredObject& o) { return std::holds_alternative<api::Pod>(o.object); }

// The prefix every key of `kind` in `namespace_` starts with.
std::string key_prefix(std::string_view kind, std::string_view namespace_) {
  std::string p(kind);
  p += '/';
  if (!namespace_.empty()) p.append(namespace_).append("/");
  return p;
}

// True when `a` and `b` (two versions of one object) sit in the same index
// entries: same owner uids, and for pods the same node and the same
// "unscheduled" standing. Most updates (a pod's status, a heartbeat) change
// none of these, and skipping the re-index saves ordered-set erases and
// inserts of long keys on every put.
bool same_index_entries(const StoredObject& a, const StoredObject& b) {
  const auto& ra = a.meta().owner_references;
  const auto& rb = b.meta().owner_references;
  if (ra.size() != rb.size()) return false;
  for (std::size_t i = 0; i < ra.size(); ++i) {
    if (ra[i].uid != rb[i].uid) return false;
  }
  if (is_pod(a) != is_pod(b)) return false;
  if (!is_pod(a)) return true;
  const api::Pod& pa = std::get<api::Pod>(a.object);
  const api::Pod& pb = std::get<api::Pod>(b.object);
  return pa.spec.node_name == pb.spec.node_name &&
         pa.metadata.deletion_timestamp.empty() == pb.metadata.deletion_timestamp.empty();
}

}  // namespace

ObjectPtr ObjectStore::get(std::string_view key) const {
  std::shared_lock lock(mu_);
  auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : it->second;
}

ObjectPtr ObjectStore::get(std::string_view kind, std::string_view namespace_, std::string_view name) const {
  return get(events::object_key(kind, namespace_, name));
}

std::vector<ObjectPtr> ObjectStore::list(std::string_view kind, std::string_view namespace_) const {
  std::string prefix = key_prefix(kind, namespace_);
  std::vector<ObjectPtr> out;
  std::shared_lock lock(mu_);
  for (auto it = by_key_.lower_bound(prefix); it != by_key_.end() && it->first.starts_with(prefix); ++it) {
    out.push_back(it->second);
  }
  return out;
}

std::vector<ObjectPtr> ObjectStore::in_namespace(std::string_view namespace_) const {
  std::vector<ObjectPtr> out;
  std::shared_lock lock(mu_);
  for (const auto& [key, o] : by_key_) {
    if (o->meta().namespace_ == namespace_) out.push_back(o);
  }
  return out;
}

std::vector<ObjectPtr> ObjectStore::owned_by(std::string_view owner_uid) const {
  std::vector<ObjectPtr> out;
  std::shared_lock lock(mu_);
  auto it = by_owner_.find(std::string(owner_uid));
  if (it == by_owner_.end()) return out;
  for (const std::string& key : it->second) out.push_back(by_key_.find(key)->second);
  return out;
}

std::vector<ObjectPtr> ObjectStore::pods_on_node(std::string_view node) const {
  std::vector<ObjectPtr> out;
  std::shared_lock lock(mu_);
  auto it = by_node_.find(std::string(node));
  if (it == by_node_.end()) return out;
  for (const std::string& key : it->second) out.push_back(by_key_.find(key)->second);
  return out;
}

std::vector<ObjectPtr> ObjectStore::unscheduled_pods() const {
  std::vector<ObjectPtr> out;
  std::shared_lock lock(mu_);
  for (const std::string& key : unscheduled_) out.push_back(by_key_.find(key)->second);
  return out;
}

std::size_t ObjectStore::size() const {
  std::shared_lock lock(mu_);
  return by_key_.size();
}

std::map<std::string, std::size_t> ObjectStore::count_by_kind() const {
  std::map<std::string, std::size_t> out;
  std::shared_lock lock(mu_);
  for (const auto& [key, o] : by_key_) out[std::string(api::kind_of(o->object).kind)] += 1;
  return out;
}

std::string ObjectStore::digest() const {
  std::vector<events::DigestEntry> entries;
  std::shared_lock lock(mu_);
  entries.reserve(by_key_.size());
  for (const auto& [key, o] : by_key_) entries.push_back(events::DigestEntry{&o->key, &o->object, o->seq});
  return events::digest_of(entries);
}

void ObjectStore::put(ObjectPtr object) {
  std::unique_lock lock(mu_);
  auto it = by_key_.find(object->key);
  if (it != by_key_.end()) {
    if (same_index_entries(*it->second, *object)) {
      it->second = std::move(object);
      return;
    }
    unindex(*it->second);
    it->second = object;
  } else {
    by_key_.emplace(object->key, object);
  }
  index(*object);
}

void ObjectStore::erase(const std::string& key) {
  std::unique_lock lock(mu_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return;
  unindex(*it->second);
  by_key_.erase(it);
}

void ObjectStore::index(const StoredObject& o) {
  for (const api::OwnerReference& ref : o.meta().owner_references) by_owner_[ref.uid].insert(o.key);
  if (!is_pod(o)) return;
  const api::Pod& pod = std::get<api::Pod>(o.object);
  if (!pod.spec.node_name.empty()) {
    by_node_[pod.spec.node_name].insert(o.key);
  } else if (pod.metadata.deletion_timestamp.empty()) {
    unscheduled_.insert(o.key);
  }
}

void ObjectStore::unindex(const StoredObject& o) {
  for (const api::OwnerReference& ref : o.meta().owner_references) {
    auto it = by_owner_.find(ref.uid);
    if (it == by_owner_.end()) continue;
    it->second.erase(o.key);
    if (it->second.empty()) by_owner_.erase(it);
  }
  if (!is_pod(o)) return;
  const api::Pod& pod = std::get<api::Pod>(o.object);
  if (!pod.spec.node_name.empty()) {
    auto it = by_node_.find(pod.spec.node_name);
    if (it != by_node_.end()) {
      it->second.erase(o.key);
      if (it->second.empty()) by_node_.erase(it);
    }
  }
  unscheduled_.erase(o.key);
}

}  // namespace herd::actors
