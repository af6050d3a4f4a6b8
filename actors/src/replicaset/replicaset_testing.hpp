#pragma once

// Objects for the replica controller's tests: a ReplicaSet "web" selecting
// app=web, and the pods it would own. Tests only.

#include <string>
#include <vector>

#include "actors/testing/store_builders.hpp"
#include "replicaset/replicaset_reconcile.hpp"

namespace herd::actors::testing {

inline constexpr const char* kSetUid = "uid-web";

/// ReplicaSet default/web (uid "uid-web", generation 1): `replicas` pods
/// labelled app=web from a one-container template.
inline api::ReplicaSet replica_set(int32_t replicas) {
  auto rs = named<api::ReplicaSet>("web");  // uid kSetUid
  rs.metadata.generation = 1;
  rs.spec.replicas = replicas;
  rs.spec.selector = api::LabelSelector{{{"app", "web"}}, {}};
  rs.spec.pod_template.metadata.labels = {{"app", "web"}, {"tier", "front"}};
  rs.spec.pod_template.metadata.annotations = {{"note", "stamped"}};
  api::Container c;
  c.name = "web";
  c.image = "nginx:1.27";
  rs.spec.pod_template.spec.containers.push_back(c);
  return rs;
}

/// A pod labelled like the template of replica_set() and controlled by it.
inline PodBuilder owned_pod(std::string name) {
  PodBuilder b(std::move(name));
  b.label("app", "web").label("tier", "front").controlled_by("ReplicaSet", "web", kSetUid);
  return b;
}

/// The store holding `pods`.
inline void put_all(ObjectStore& store, const std::vector<ObjectPtr>& pods) {
  for (const ObjectPtr& p : pods) store.put(p);
}

/// The keys of `commands` of operation `op`, in order.
inline std::vector<std::string> keys_of(const std::vector<Command>& commands, Command::Op op) {
  std::vector<std::string> out;
  for (const Command& c : commands) {
    if (c.op == op) out.push_back(c.key);
  }
  return out;
}

}  // namespace herd::actors::testing
