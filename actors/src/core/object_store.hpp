#pragma once

// ObjectStore: the control plane's read view of every live object, the
// "informer cache" every controller step reads. Each object's actor is the
// single writer of its own entry and publishes it only after the log
// acknowledged the events that produced it; everyone else only reads.
//
// Entries are immutable shared_ptrs, so a reader keeps a consistent object
// for as long as it holds the pointer. Thread-safe (one shared_mutex).

#include <memory>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <map>
#include <vector>

#include "herd/api/object.hpp"
#include "herd/events/cluster_state.hpp"

namespace herd::actors {

/// One live object as published: its key, the object and its last seq.
struct StoredObject {
  std::string key;
  api::Object object;
  uint64_t seq = 0;

  const api::ObjectMeta& meta() const { return api::meta(object); }
  template <class T>
  const T& as() const { return std::get<T>(object); }
  template <class T>
  bool is() const { return std::holds_alternative<T>(object); }
};
using ObjectPtr = std::shared_ptr<const StoredObject>;

class ObjectStore {
 public:
  /// The object at `key` (kind/namespace/name), or nullptr.
  ObjectPtr get(std::string_view key) const;
  ObjectPtr get(std::string_view kind, std::string_view namespace_, std::string_view name) const;
  /// Objects of `kind`, in key order; `namespace_` "" means every namespace.
  std::vector<ObjectPtr> list(std::string_view kind, std::string_view namespace_ = {}) const;
  /// Every object in a namespace, of any kind.
  std::vector<ObjectPtr> in_namespace(std::string_view namespace_) const;
  /// Objects with an ownerReference to `owner_uid` (controller or not).
  std::vector<ObjectPtr> owned_by(std::string_view owner_uid) const;
  /// Pods whose spec.nodeName is `node`.
  std::vector<ObjectPtr> pods_on_node(std::string_view node) const;
  /// Pods with no spec.nodeName that are not being deleted.
  std::vector<ObjectPtr> unscheduled_pods() const;
  std::size_t size() const;
  /// Objects per kind.
  std::map<std::string, std::size_t> count_by_kind() const;
  /// The same digest events::ClusterState::digest() gives for the same
  /// objects and seqs, so a live cluster and a replay of its log compare.
  std::string digest() const;

  /// Writers: only the actor of `object.key`.
  void put(ObjectPtr object);
  void erase(const std::string& key);

 private:
  mutable std::shared_mutex mu_;
  std::map<std::string, ObjectPtr, std::less<>> by_key_;
  std::unordered_map<std::string, std::set<std::string>> by_owner_;  // owner uid -> keys
  std::unordered_map<std::string, std::set<std::string>> by_node_;   // node name -> pod keys
  std::set<std::string> unscheduled_;                                 // pod keys

  void unindex(const StoredObject& o);
  void index(const StoredObject& o);
};

}  // namespace herd::actors
