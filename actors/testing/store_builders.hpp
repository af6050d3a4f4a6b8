#pragma once

// Builders for controller unit tests: objects as the store publishes them,
// and pods in the states controllers care about (scheduled, running, ready
// since a time, finished, terminating). Times are whole seconds since the
// Unix epoch, so a test reads "ready at 100, now 103".
//
// Header-only; tests only.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/object_store.hpp"
#include "core/plan.hpp"
#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/api/object.hpp"
#include "herd/base/clock.hpp"
#include "herd/events/event.hpp"

namespace herd::actors::testing {

/// The RFC 3339 form of `seconds` since the epoch.
inline std::string rfc3339(int64_t seconds) { return events::format_time(seconds * 1'000'000'000); }

/// The clock reading `seconds` since the epoch.
inline Clock::TimePoint at(int64_t seconds) { return Clock::TimePoint{} + std::chrono::seconds(seconds); }

/// A `T` of any kind with apiVersion, kind, name, namespace ("" for
/// cluster-scoped kinds) and uid "uid-<name>" set, the rest default.
template <class T>
T named(std::string name, std::string namespace_ = "default") {
  T o;
  const api::KindInfo& kind = api::kind_of(api::Object{T{}});
  o.api_version = kind.api_version();
  o.kind = std::string(kind.kind);
  o.metadata.uid = "uid-" + name;
  o.metadata.name = std::move(name);
  o.metadata.namespace_ = kind.namespaced ? std::move(namespace_) : std::string();
  return o;
}

/// `object` as the store holds it: keyed kind/namespace/name, at `seq`.
inline ObjectPtr stored(api::Object object, uint64_t seq = 1) {
  auto o = std::make_shared<StoredObject>();
  const api::ObjectMeta& m = api::meta(object);
  o->key = events::object_key(api::kind_of(object).kind, m.namespace_, m.name);
  o->object = std::move(object);
  o->seq = seq;
  return o;
}

/// A pod named `name` in "default" with uid "uid-<name>", created at 0,
/// Pending and unscheduled until the setters say otherwise.
class PodBuilder {
 public:
  explicit PodBuilder(std::string name, std::string namespace_ = "default") {
    pod_.api_version = "v1";
    pod_.kind = "Pod";
    pod_.metadata.name = name;
    pod_.metadata.namespace_ = std::move(namespace_);
    pod_.metadata.uid = "uid-" + name;
    pod_.metadata.creation_timestamp = rfc3339(0);
    pod_.status.phase = "Pending";
  }
  PodBuilder& label(std::string key, std::string value) {
    pod_.metadata.labels[std::move(key)] = std::move(value);
    return *this;
  }
  /// A controller ownerReference (controller: true, blockOwnerDeletion: true).
  PodBuilder& controlled_by(std::string kind, std::string name, std::string uid,
                            std::string api_version = "apps/v1") {
    pod_.metadata.owner_references.push_back({std::move(api_version), std::move(kind), std::move(name),
                                              std::move(uid), true, true});
    return *this;
  }
  PodBuilder& created(int64_t seconds) {
    pod_.metadata.creation_timestamp = rfc3339(seconds);
    return *this;
  }
  /// Scheduled to `node` and Running with IP `ip`.
  PodBuilder& running(std::string node, std::string ip = "10.0.0.1") {
    pod_.spec.node_name = std::move(node);
    pod_.status.phase = "Running";
    pod_.status.pod_ip = std::move(ip);
    return *this;
  }
  PodBuilder& scheduled(std::string node) {
    pod_.spec.node_name = std::move(node);
    return *this;
  }
  PodBuilder& phase(std::string phase) {
    pod_.status.phase = std::move(phase);
    return *this;
  }
  /// Condition Ready "True" since `seconds`.
  PodBuilder& ready_since(int64_t seconds) { return ready_condition("True", seconds); }
  /// Condition Ready "False" (running but failing its readiness probe).
  PodBuilder& not_ready() { return ready_condition("False", 0); }
  PodBuilder& terminating(int64_t seconds = 1) {
    pod_.metadata.deletion_timestamp = rfc3339(seconds);
    return *this;
  }
  PodBuilder& container_port(std::string name, int32_t port, std::string protocol = "TCP") {
    if (pod_.spec.containers.empty()) pod_.spec.containers.push_back(api::Container{});
    pod_.spec.containers.back().ports.push_back(api::ContainerPort{std::move(name), {}, port, std::move(protocol), {}});
    return *this;
  }
  api::Pod& pod() { return pod_; }
  ObjectPtr build(uint64_t seq = 1) const { return stored(pod_, seq); }

 private:
  PodBuilder& ready_condition(std::string status, int64_t seconds) {
    api::Condition c;
    c.type = "Ready";
    c.status = std::move(status);
    c.last_transition_time = rfc3339(seconds);
    pod_.status.conditions.push_back(std::move(c));
    return *this;
  }

  api::Pod pod_;
};

/// One line per command and own event of `plan`, with every field that
/// matters (op, key, preconditions, the object as JSON), and the requeue, so
/// tests compare whole plans: EXPECT_EQ(describe(a), describe(b)).
inline std::vector<std::string> describe(const Plan& plan) {
  std::vector<std::string> out;
  for (const OwnEvent& e : plan.events) out.push_back("event " + e.type + " " + api::to_json(e.data));
  for (const Command& c : plan.commands) {
    std::string line = "command " + std::to_string(static_cast<int>(c.op)) + " " + c.key + " uid=" + c.expect_uid +
                       " rv=" + c.expect_resource_version + " actor=" + c.actor;
    if (c.object) line += " " + api::to_json(api::encode_object(*c.object));
    if (c.op == Command::Op::kRecord) line += " " + c.event_type + " " + api::to_json(c.data);
    out.push_back(std::move(line));
  }
  if (plan.requeue_after) out.push_back("requeue " + std::to_string(plan.requeue_after->count()) + "ms");
  return out;
}

}  // namespace herd::actors::testing
