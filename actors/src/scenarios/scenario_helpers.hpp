#pragma once

// Reading a running control plane in scenario tests: typed gets, the pods of
// an owner, conditions. Everything reads ControlPlane::get/list only.

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "herd/actors/control_plane.hpp"
#include "herd/api/object.hpp"

namespace herd::actors::scenarios {

// The seed's objects (the corrected copies), for apply_file / read_file.
inline constexpr const char* kSeedRcex = "examples/seed/replicationcontroller-rcex.yaml";
inline constexpr const char* kSeedSise = "examples/seed/deployment-sise-deploy.yaml";
inline constexpr const char* kSeedPi = "examples/seed/job-pi-with-timeout.yaml";
inline constexpr const char* kSeedHello = "examples/seed/cronjob-hello.yaml";

inline const std::string kRevisionAnnotation = "deployment.kubernetes.io/revision";

/// The object `kind`/`ns`/`name` as T, or nullopt when absent.
template <class T>
std::optional<T> get_as(const ControlPlane& plane, std::string_view kind, std::string_view ns, std::string_view name) {
  std::optional<ObjectView> v = plane.get(kind, ns, name);
  if (!v) return std::nullopt;
  return std::get<T>(v->object);
}

/// Reads `kind`/`ns`/`name` as T, applies `change` and updates it, again
/// (a few times) when a controller changed it in between (kConflict).
template <class T, class F>
Status change_object(ControlPlane& plane, std::string_view kind, std::string_view ns, std::string_view name,
                     F change) {
  Status last = Status::not_found(std::string(name));
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::optional<ObjectView> v = plane.get(kind, ns, name);
    if (!v) return Status::not_found(std::string(name));
    T object = std::get<T>(std::move(v->object));
    change(object);
    Result<ObjectView> r = plane.update(object, "user:test");
    if (r.ok() || r.status().code() != StatusCode::kConflict) return r.status();
    last = r.status();
  }
  return last;
}

/// Every object of `kind` in `ns`, as T.
template <class T>
std::vector<T> list_as(const ControlPlane& plane, std::string_view kind, std::string_view ns) {
  std::vector<T> out;
  for (ObjectView& v : plane.list(kind, ns)) out.push_back(std::get<T>(std::move(v.object)));
  return out;
}

inline bool owned_by(const api::ObjectMeta& m, std::string_view owner_uid) {
  return std::any_of(m.owner_references.begin(), m.owner_references.end(),
                     [&](const api::OwnerReference& r) { return r.uid == owner_uid; });
}

inline bool terminating(const api::Pod& p) { return !p.metadata.deletion_timestamp.empty(); }

/// The condition `type` of `conditions`, or nullptr.
template <class C>
const C* find_condition(const std::vector<C>& conditions, std::string_view type) {
  for (const C& c : conditions) {
    if (c.type == type) return &c;
  }
  return nullptr;
}

inline bool condition_true(const std::vector<api::Condition>& conditions, std::string_view type) {
  const api::Condition* c = find_condition(conditions, type);
  return c != nullptr && c->status == "True";
}

inline bool running_and_ready(const api::Pod& p) {
  return p.status.phase == "Running" && condition_true(p.status.conditions, "Ready") && !terminating(p);
}

/// The pods in `ns` owned by the object with uid `owner_uid` (any state).
inline std::vector<api::Pod> pods_owned_by(const ControlPlane& plane, std::string_view ns, std::string_view owner_uid) {
  std::vector<api::Pod> out;
  for (api::Pod& p : list_as<api::Pod>(plane, "Pod", ns)) {
    if (owned_by(p.metadata, owner_uid)) out.push_back(std::move(p));
  }
  return out;
}

/// How many pods in `ns` owned by `owner_uid` are Running and Ready (and
/// not terminating).
inline int running_ready_count(const ControlPlane& plane, std::string_view ns, std::string_view owner_uid) {
  int n = 0;
  for (const api::Pod& p : pods_owned_by(plane, ns, owner_uid)) n += running_and_ready(p) ? 1 : 0;
  return n;
}

/// The uid of `kind`/`ns`/`name`, or "" when it does not exist.
inline std::string uid_of(const ControlPlane& plane, std::string_view kind, std::string_view ns, std::string_view name) {
  std::optional<ObjectView> v = plane.get(kind, ns, name);
  return v ? api::meta(v->object).uid : "";
}

/// The ReplicaSets in `ns` owned by the Deployment `uid`.
inline std::vector<api::ReplicaSet> replica_sets_of(const ControlPlane& plane, std::string_view ns,
                                                    std::string_view uid) {
  std::vector<api::ReplicaSet> out;
  for (api::ReplicaSet& rs : list_as<api::ReplicaSet>(plane, "ReplicaSet", ns)) {
    if (owned_by(rs.metadata, uid)) out.push_back(std::move(rs));
  }
  return out;
}

/// The annotation `key` of `m`, or "".
inline std::string annotation(const api::ObjectMeta& m, const std::string& key) {
  auto it = m.annotations.find(key);
  return it == m.annotations.end() ? "" : it->second;
}

/// The ReplicaSet of `rss` with revision annotation `revision`, or nullptr.
inline const api::ReplicaSet* replica_set_at_revision(const std::vector<api::ReplicaSet>& rss,
                                                      const std::string& revision) {
  for (const api::ReplicaSet& rs : rss) {
    if (annotation(rs.metadata, kRevisionAnnotation) == revision) return &rs;
  }
  return nullptr;
}

/// True once Deployment `ns`/`name` has observed its spec and runs
/// `replicas` pods of its current template, all available, and no others.
inline bool rolled_out(const ControlPlane& plane, int replicas, std::string_view ns = "default",
                       std::string_view name = "sise-deploy") {
  auto d = get_as<api::Deployment>(plane, "Deployment", ns, name);
  return d && d->status.observed_generation == d->metadata.generation && d->status.updated_replicas == replicas &&
         d->status.available_replicas == replicas && d->status.replicas == replicas;
}

}  // namespace herd::actors::scenarios
