#pragma once

// Plan: what one reconcile step of a controller wants done. Steps are pure
// (they read the object and the store, and return a Plan); the object's actor
// carries the plan out: its own events go to the log, commands go to the
// actors of the objects they name.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "herd/api/object.hpp"
#include "herd/api/value.hpp"

namespace herd::actors {

/// How deleting an owner treats its dependents (Kubernetes' propagationPolicy).
enum class Propagation { kBackground, kForeground, kOrphan };

/// A change asked of one object's actor. Built with the factories below.
struct Command {
  enum class Op {
    kCreate,  ///< Create `object` (name from metadata.name, or generateName + a random suffix).
    kUpdate,  ///< Replace metadata and spec with `object`'s (status is kept).
    kStatus,  ///< Replace the status with `object`'s.
    kDelete,  ///< Delete, with `propagation` and `grace_seconds`.
    kRecord,  ///< Append a domain event `event_type` with `data` (event_types.hpp).
  };
  Op op = Op::kCreate;
  std::string key;                       ///< Target object key; for kCreate derived from `object`.
  std::optional<api::Object> object;     ///< kCreate, kUpdate, kStatus.
  std::string event_type;                ///< kRecord.
  api::Value data;                       ///< kRecord.
  std::string expect_uid;                ///< When set, the target's uid must match (else NotFound).
  std::string expect_resource_version;   ///< When set, must match (else Conflict).
  Propagation propagation = Propagation::kBackground;  ///< kDelete.
  std::optional<int64_t> grace_seconds;                ///< kDelete of a Pod; nullopt = the pod's own.
  std::string actor;                     ///< Who asks: "user:alice", "controller:replicaset".
  std::string cause;                     ///< Event or request id that led to it.

  static Command create(api::Object object, std::string actor, std::string cause = {});
  static Command update(api::Object object, std::string actor, std::string cause = {});
  static Command status(api::Object object, std::string actor, std::string cause = {});
  static Command remove(std::string key, std::string uid, std::string actor,
                        Propagation propagation = Propagation::kBackground, std::string cause = {});
  static Command record(std::string key, std::string uid, std::string event_type, api::Value data,
                        std::string actor, std::string cause = {});
};

/// A domain event on the reconciled object itself: `type` and its data.
struct OwnEvent {
  std::string type;
  api::Value data;
};

/// The outcome of one reconcile step.
struct Plan {
  /// Events on the object itself, appended in order as one batch (e.g.
  /// StatusUpdated with the new status, JobCompleted).
  std::vector<OwnEvent> events;
  /// Changes to other objects (children, dependents).
  std::vector<Command> commands;
  /// Reconcile again after this long even if nothing changes (deadlines,
  /// back-off, cron schedules, minReadySeconds). The clock is the control
  /// plane's Clock, so tests advance it by hand.
  std::optional<std::chrono::milliseconds> requeue_after;

  bool empty() const { return events.empty() && commands.empty(); }
  /// Keeps the earlier of the two requeue times.
  void requeue(std::chrono::milliseconds after);
};

/// StatusUpdated carrying `updated`'s status, or nothing when it equals
/// `current`'s (so a level-based step writes only real changes).
std::optional<OwnEvent> status_change(const api::Object& current, const api::Object& updated);

}  // namespace herd::actors
