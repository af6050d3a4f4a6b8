#pragma once

// Kubernetes Events (core/v1 Event) derived from herd's domain events, so
// that `kubectl describe` and `kubectl get events` show what happened: a
// pod scheduled, a container started or backing off, a ReplicaSet scaled, a
// Deployment rolled back, a Job done. In Kubernetes, components write these
// as separate objects and the API server drops them after an hour; in herd
// they are a view of the log itself, so nothing writes them and they are as
// old as the log (the cache keeps the most recent ones; /herd/v1/history has
// every event of an object).
//
//   PodScheduled            Normal  Scheduled          "Successfully assigned ns/pod to node"
//   ContainerStarted        Normal  Started            "Started container c"
//   ContainerWaiting        Warning BackOff / Failed   (the waiting reason and message)
//   ContainerExited (≠ 0)   Warning Exited             "container c exited with code 1 (Error)"
//   ObjectCreated by owner  Normal  SuccessfulCreate   on the owner: "Created pod: web-5d4f"
//   ObjectDeleted by owner  Normal  SuccessfulDelete   on the owner
//   ReplicaSetScaled        Normal  ScalingReplicaSet  on the owning Deployment: "Scaled up replica set x from 1 to 3"
//   DeploymentRolledBack    Normal  DeploymentRollback "Rolled back deployment to revision 2: ..."
//   JobCompleted / JobFailed Normal Completed / Warning (the reason)

#include <functional>
#include <optional>
#include <string>

#include "herd/api/object.hpp"
#include "herd/events/event.hpp"

namespace herd::server::watch {

/// The object at a key (kind/namespace/name) as folded so far, or null.
using ObjectLookup = std::function<const api::Object*(const std::string& key)>;

/// The Kubernetes Event that `event` makes visible, or nullopt for events
/// Kubernetes users do not see as Events (spec updates, status writes...).
/// `before` is the object before an ObjectDeleted was folded (null for
/// other events, which do not need it);
/// `lookup` finds owners.
std::optional<api::Event> kubernetes_event(const events::Event& event, const api::Object* before,
                                           const ObjectLookup& lookup);

}  // namespace herd::server::watch
