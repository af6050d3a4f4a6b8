#include "node/node_lifecycle.hpp"

#include <optional>
#include <string>

#include "core/object_commands.hpp"
#include "herd/events/event.hpp"
#include "node/own_update.hpp"
#include "scheduler/scheduler_filter.hpp"

namespace herd::actors {
namespace {

using std::chrono::milliseconds;

constexpr std::string_view kReasonUnknown = "NodeStatusUnknown";

std::optional<Clock::TimePoint> time_point(std::string_view text) {
  if (text.empty()) return std::nullopt;
  Result<int64_t> ns = events::parse_time(text);
  if (!ns.ok()) return std::nullopt;
  return Clock::TimePoint(std::chrono::duration_cast<Clock::TimePoint::duration>(std::chrono::nanoseconds(*ns)));
}

// Rounded up, so a requeue never wakes the step a moment too early.
milliseconds until(Clock::TimePoint later, Clock::TimePoint now) {
  return std::chrono::ceil<milliseconds>(later - now);
}

// The Ready condition of `node` (const or not), or nullptr.
template <class NodeT>
auto* ready_condition(NodeT& node) {
  decltype(&node.status.conditions.front()) found = nullptr;
  for (auto& c : node.status.conditions) {
    if (c.type == "Ready") found = &c;
  }
  return found;
}

// Marks Ready "Unknown" once the heartbeat is `grace` old, and "True" again
// when it is fresh while our "Unknown" still stands. A node that never
// heartbeated is measured from its creation, as Kubernetes does.
void judge_heartbeat(api::Node& node, Clock::TimePoint now, milliseconds grace, Plan& plan) {
  api::NodeCondition* ready = ready_condition(node);
  std::optional<Clock::TimePoint> seen = ready ? time_point(ready->last_heartbeat_time) : std::nullopt;
  if (!seen) seen = time_point(node.metadata.creation_timestamp);
  if (!seen) return;  // nothing to measure from
  const std::string stamp = rfc3339_seconds(now);
  if (now - *seen < grace) {
    plan.requeue(until(*seen + grace, now));
    if (ready && ready->status == "Unknown" && ready->reason == kReasonUnknown) {
      ready->status = "True";
      ready->reason = "NodeReady";
      ready->message = "Node agent resumed posting node status.";
      ready->last_transition_time = stamp;
    }
    return;
  }
  if (ready == nullptr) {
    node.status.conditions.push_back(api::NodeCondition{"Ready", "Unknown", "", stamp, "NodeStatusNeverUpdated",
                                                        "Node agent never posted node status."});
    return;
  }
  if (ready->status == "Unknown") return;
  ready->status = "Unknown";
  ready->reason = std::string(kReasonUnknown);
  ready->message = "Node agent stopped posting node status.";
  ready->last_transition_time = stamp;
}

// The taint key the Ready condition calls for: unreachable for "Unknown",
// not-ready for "False", none for "True" (or no condition yet).
std::string_view wanted_taint(const api::Node& node) {
  const api::NodeCondition* ready = ready_condition(node);
  if (ready == nullptr || ready->status == "True") return {};
  return ready->status == "Unknown" ? kTaintUnreachable : kTaintNotReady;
}

// Keeps every taint that is not ours, and ours only if it is the wanted
// one (so its timeAdded survives); adds the wanted pair if missing.
void sync_taints(api::Node& node, Clock::TimePoint now) {
  const std::string_view want = wanted_taint(node);
  std::vector<api::Taint> kept;
  bool has_no_schedule = false;
  bool has_no_execute = false;
  for (api::Taint& t : node.spec.taints) {
    const bool ours = t.key == kTaintUnreachable || t.key == kTaintNotReady;
    if (ours && t.key != want) continue;
    if (ours && t.effect == "NoSchedule") has_no_schedule = true;
    if (ours && t.effect == "NoExecute") has_no_execute = true;
    kept.push_back(std::move(t));
  }
  if (!want.empty() && !has_no_schedule) kept.push_back(api::Taint{std::string(want), "", "NoSchedule", ""});
  if (!want.empty() && !has_no_execute) {
    kept.push_back(api::Taint{std::string(want), "", "NoExecute", rfc3339_seconds(now)});
  }
  node.spec.taints = std::move(kept);
}

// How long `pod` may stay once `taint` is on its node (Kubernetes'
// getMinTolerationTime): the smallest tolerationSeconds of the tolerations
// matching it; forever (nullopt) when they match but set no seconds;
// `fallback` when none matches.
std::optional<milliseconds> stay_for(const api::Pod& pod, const api::Taint& taint, milliseconds fallback) {
  bool matched = false;
  std::optional<milliseconds> least;
  for (const api::Toleration& t : pod.spec.tolerations) {
    if (!sched::tolerates(t, taint)) continue;
    matched = true;
    if (!t.toleration_seconds) continue;
    milliseconds s = std::chrono::seconds(std::max<int64_t>(0, *t.toleration_seconds));
    if (!least || s < *least) least = s;
  }
  if (!matched) return fallback;
  return least;
}

const api::Taint* no_execute_taint(const api::Node& node, std::string_view key) {
  for (const api::Taint& t : node.spec.taints) {
    if (t.key == key && t.effect == "NoExecute") return &t;
  }
  return nullptr;
}

void evict_pods(const api::Node& node, const ObjectStore& store, Clock::TimePoint now, milliseconds timeout,
                Plan& plan) {
  const std::string_view key = wanted_taint(node);
  const api::Taint* taint = key.empty() ? nullptr : no_execute_taint(node, key);
  if (taint == nullptr) return;
  std::optional<Clock::TimePoint> since = time_point(taint->time_added);
  if (!since) since = now;  // a taint without a time: count from now
  for (const ObjectPtr& p : store.pods_on_node(node.metadata.name)) {
    if (!p->is<api::Pod>()) continue;
    const api::Pod& pod = p->as<api::Pod>();
    if (!pod.metadata.deletion_timestamp.empty()) continue;  // already going
    if (pod.status.phase == "Succeeded" || pod.status.phase == "Failed") continue;  // runs nothing
    std::optional<milliseconds> stay = stay_for(pod, *taint, timeout);
    if (!stay) continue;
    const Clock::TimePoint due = *since + *stay;
    if (now >= due) {
      plan.commands.push_back(Command::remove(p->key, pod.metadata.uid, std::string(kNodeLifecycleActor)));
    } else {
      plan.requeue(until(due, now));
    }
  }
}

}  // namespace

Plan NodeLifecycleController::reconcile(const StoredObject& self, const ObjectStore& store, Clock::TimePoint now) {
  Plan plan;
  if (!self.is<api::Node>()) return plan;
  const api::Node& current = self.as<api::Node>();
  if (!current.metadata.deletion_timestamp.empty()) return plan;

  api::Node updated = current;
  judge_heartbeat(updated, now, options_.grace_period, plan);
  sync_taints(updated, now);

  // Spec first, with the old status (ObjectUpdated replaces the whole
  // object), then the status: applied in order they give `updated`.
  api::Node spec_only = updated;
  spec_only.status = current.status;
  if (std::optional<OwnEvent> e = own_update(current, spec_only)) plan.events.push_back(std::move(*e));
  if (std::optional<OwnEvent> e = status_change(current, updated)) plan.events.push_back(std::move(*e));

  evict_pods(updated, store, now, options_.eviction_timeout, plan);
  return plan;
}

std::unique_ptr<Controller> make_node_lifecycle_controller(NodeLifecycleOptions options) {
  return std::make_unique<NodeLifecycleController>(options);
}

}  // namespace herd::actors
