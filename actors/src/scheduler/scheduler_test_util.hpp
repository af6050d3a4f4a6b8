#pragma once

// Builders for the scheduler's tests: nodes and pods with just the fields
// the scheduler reads.

#include <string>
#include <vector>

#include "herd/api/cluster.hpp"
#include "herd/api/pod.hpp"
#include "herd/api/quantity.hpp"

namespace herd::actors::sched::testing {

inline api::Quantity q(const char* text) { return api::Quantity::parse(text).value(); }

/// A Ready node offering `cpu`, `memory` and `pods` as allocatable.
inline api::Node node(std::string name, const char* cpu = "4", const char* memory = "8Gi",
                      const char* pods = "110") {
  api::Node n;
  n.kind = "Node";
  n.metadata.name = std::move(name);
  n.status.allocatable = {{"cpu", q(cpu)}, {"memory", q(memory)}, {"pods", q(pods)}};
  n.status.capacity = n.status.allocatable;
  api::NodeCondition ready;
  ready.type = "Ready";
  ready.status = "True";
  n.status.conditions.push_back(ready);
  return n;
}

/// A pod with one container requesting `cpu` and `memory` ("" = none),
/// controlled by `owner_uid` when given.
inline api::Pod pod(std::string name, const char* cpu = "", const char* memory = "",
                    std::string owner_uid = {}) {
  api::Pod p;
  p.kind = "Pod";
  p.metadata.name = std::move(name);
  p.metadata.namespace_ = "default";
  p.metadata.uid = "uid-" + p.metadata.name;
  api::Container c;
  c.name = "app";
  c.image = "nginx";
  if (*cpu) c.resources.requests["cpu"] = q(cpu);
  if (*memory) c.resources.requests["memory"] = q(memory);
  p.spec.containers.push_back(c);
  if (!owner_uid.empty()) {
    p.metadata.owner_references.push_back({"apps/v1", "ReplicaSet", "rs", owner_uid, true, {}});
  }
  return p;
}

inline std::string key_of(const api::Pod& p) { return "Pod/default/" + p.metadata.name; }

inline api::Taint taint(std::string key, std::string value, std::string effect) {
  return api::Taint{std::move(key), std::move(value), std::move(effect), ""};
}

inline api::Toleration toleration(std::string key, std::string op, std::string value, std::string effect) {
  return api::Toleration{std::move(key), std::move(op), std::move(value), std::move(effect), std::nullopt};
}

}  // namespace herd::actors::sched::testing
