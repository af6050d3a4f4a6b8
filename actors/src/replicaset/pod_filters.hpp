#pragma once

// Pod predicates the workload and service controllers share, as Kubernetes'
// pkg/api/v1/pod (IsPodReady) and pkg/controller (FilterActivePods) define
// them. Pure functions of one object; any thread.

#include <cstdint>
#include <optional>

#include "herd/api/object.hpp"
#include "herd/base/clock.hpp"

namespace herd::actors {

/// True when the object is being deleted (metadata.deletionTimestamp set):
/// a controller neither counts it nor deletes it again.
bool is_terminating(const api::ObjectMeta& meta);

/// A pod that counts toward a controller's replicas: not terminating and not
/// finished (phase neither Succeeded nor Failed).
bool is_pod_active(const api::Pod& pod);

/// True when the pod's condition Ready is "True".
bool is_pod_ready(const api::Pod& pod);

/// When a ready pod became ready: the lastTransitionTime of its Ready
/// condition, Unix nanoseconds. nullopt when the pod is not ready or the time
/// is missing or unreadable (Kubernetes treats a zero time as "not yet").
std::optional<int64_t> pod_ready_since(const api::Pod& pod);

/// Whether `pod` has been ready for at least `min_ready_seconds` at `now_ns`
/// (Kubernetes' IsPodAvailable). With 0 seconds every ready pod is available.
/// The boundary counts as available, so a requeue at exactly the moment the
/// pod becomes available finds it available.
bool is_pod_available(const api::Pod& pod, int32_t min_ready_seconds, int64_t now_ns);

/// The ownerReference with controller: true, or nullptr.
const api::OwnerReference* controller_ref(const api::ObjectMeta& meta);

/// An RFC 3339 time as Unix nanoseconds; 0 when empty or unreadable (so such
/// objects sort as the oldest).
int64_t time_ns_or_zero(const api::Time& time);

/// The control plane's clock reading as Unix nanoseconds.
int64_t unix_ns(Clock::TimePoint time);

}  // namespace herd::actors
