#pragma once

// The domain event types and how each changes an object. Every type's data
// is documented here; `apply` is the pure function that folds an event into
// the object's state, so replaying an object's events rebuilds it exactly.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/object.hpp"
#include "herd/base/status.hpp"
#include "herd/events/event.hpp"

namespace herd::events {

/// One event type: its name and what it means, for docs and `herd log tail`.
struct EventTypeInfo {
  std::string_view type;
  std::string_view description;
};

/// Every event type this build knows, lifecycle types first.
const std::vector<EventTypeInfo>& all_event_types();

namespace types {
// Lifecycle of any object.
inline constexpr std::string_view kObjectCreated = "ObjectCreated";  ///< {object}
inline constexpr std::string_view kObjectUpdated = "ObjectUpdated";  ///< {object, changed: [field paths]}
inline constexpr std::string_view kStatusUpdated = "StatusUpdated";  ///< {status}
inline constexpr std::string_view kObjectDeleted = "ObjectDeleted";  ///< {propagationPolicy?}
// Pods, from the scheduler and the node.
inline constexpr std::string_view kPodScheduled = "PodScheduled";        ///< {nodeName}
inline constexpr std::string_view kPodStarted = "PodStarted";            ///< {podIP, hostIP, startTime}
// The three container events carry init: true for an init container (its
// status is in status.initContainerStatuses).
inline constexpr std::string_view kContainerStarted = "ContainerStarted";  ///< {container, init?, containerID, image, imageID?, startedAt, restartCount?}
inline constexpr std::string_view kContainerWaiting = "ContainerWaiting";  ///< {container, init?, reason, message?}
inline constexpr std::string_view kContainerExited = "ContainerExited";  ///< {container, init?, exitCode, signal?, reason, message?, finishedAt}
inline constexpr std::string_view kPodReady = "PodReady";                ///< {ready, time}
inline constexpr std::string_view kPodPhaseChanged = "PodPhaseChanged";  ///< {phase, reason?, message?}
// Workloads, from their controllers.
inline constexpr std::string_view kReplicaSetScaled = "ReplicaSetScaled";  ///< {from, to}
inline constexpr std::string_view kDeploymentRevisionCreated = "DeploymentRevisionCreated";  ///< {revision, replicaSet}
inline constexpr std::string_view kDeploymentRolledBack = "DeploymentRolledBack";  ///< {fromRevision, toRevision, template, reason}
inline constexpr std::string_view kJobCompleted = "JobCompleted";  ///< {completionTime, succeeded}
inline constexpr std::string_view kJobFailed = "JobFailed";        ///< {reason, message, time}
}  // namespace types

/// Folds `event` into `object` (nullopt before the object exists, and after
/// ObjectDeleted). Pure: same input, same output. Returns kInvalidArgument
/// for an event that does not fit the state (an update before creation, data
/// of the wrong shape), kUnimplemented for an unknown type.
Status apply(std::optional<api::Object>& object, const Event& event);

/// One line saying what happened, e.g. "scheduled to node-1" or
/// "replicas 3 -> 5", for `herd log tail`.
std::string summarize(const Event& event);

/// The envelope of an event about `object` with its key, uid and seq filled;
/// id and time are new. The caller sets type and data.
Event event_about(const api::Object& object, uint64_t seq, std::string actor, std::string cause);

/// ObjectCreated / ObjectUpdated / ObjectDeleted for `object`.
Event object_created(const api::Object& object, std::string actor, std::string cause = {});
Event object_updated(const api::Object& before, const api::Object& after, uint64_t seq, std::string actor,
                     std::string cause = {});
Event object_deleted(const api::Object& object, uint64_t seq, std::string actor, std::string cause = {});

/// The field paths whose values differ between two objects, e.g.
/// {"spec.replicas", "spec.template.spec.containers[0].image"}.
std::vector<std::string> changed_fields(const api::Value& before, const api::Value& after);

}  // namespace herd::events
