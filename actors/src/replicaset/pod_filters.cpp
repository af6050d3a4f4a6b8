#include "replicaset/pod_filters.hpp"

#include <chrono>

#include "herd/events/event.hpp"

namespace herd::actors {
namespace {

const api::Condition* ready_condition(const api::Pod& pod) {
  for (const api::Condition& c : pod.status.conditions) {
    if (c.type == "Ready") return &c;
  }
  return nullptr;
}

}  // namespace

bool is_terminating(const api::ObjectMeta& meta) { return !meta.deletion_timestamp.empty(); }

bool is_pod_active(const api::Pod& pod) {
  return !is_terminating(pod.metadata) && pod.status.phase != "Succeeded" && pod.status.phase != "Failed";
}

bool is_pod_ready(const api::Pod& pod) {
  const api::Condition* c = ready_condition(pod);
  return c != nullptr && c->status == "True";
}

std::optional<int64_t> pod_ready_since(const api::Pod& pod) {
  if (!is_pod_ready(pod)) return std::nullopt;
  Result<int64_t> t = events::parse_time(ready_condition(pod)->last_transition_time);
  if (!t.ok()) return std::nullopt;
  return *t;
}

bool is_pod_available(const api::Pod& pod, int32_t min_ready_seconds, int64_t now_ns) {
  if (!is_pod_ready(pod)) return false;
  if (min_ready_seconds <= 0) return true;
  std::optional<int64_t> since = pod_ready_since(pod);
  return since && *since + int64_t{min_ready_seconds} * 1'000'000'000 <= now_ns;
}

const api::OwnerReference* controller_ref(const api::ObjectMeta& meta) {
  for (const api::OwnerReference& ref : meta.owner_references) {
    if (ref.controller.value_or(false)) return &ref;
  }
  return nullptr;
}

int64_t time_ns_or_zero(const api::Time& time) {
  if (time.empty()) return 0;
  Result<int64_t> t = events::parse_time(time);
  return t.ok() ? *t : 0;
}

int64_t unix_ns(Clock::TimePoint time) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

}  // namespace herd::actors
