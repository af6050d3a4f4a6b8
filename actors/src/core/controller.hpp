#pragma once

// Controller: the logic of one kind, as one pure reconcile step. The generic
// object actor (object_actor.hpp) calls it whenever the object or something
// it watches changed, or its requeue time came, and carries out the Plan.
//
// Level-based, as Kubernetes' controllers are: a step reads the whole
// current state (the object and the store), never the event that woke it,
// and takes one bounded step. Running it twice on the same state gives the
// same plan. While commands of an earlier plan are still in flight the actor
// does not call it again, so a step never sees its own half-done work (the
// "expectations" of Kubernetes' ReplicaSet controller).

#include <memory>
#include <string_view>

#include "herd/base/clock.hpp"
#include "core/object_store.hpp"
#include "core/plan.hpp"

namespace herd::actors {

class Controller {
 public:
  virtual ~Controller() = default;
  /// One step for `self` (live, possibly with a deletionTimestamp). `now` is
  /// the control plane's clock.
  virtual Plan reconcile(const StoredObject& self, const ObjectStore& store, Clock::TimePoint now) = 0;
};

/// The controller of `kind`, or nullptr for kinds without one (ConfigMap, ...).
/// Defined in controllers.cpp, the one place that lists them.
std::unique_ptr<Controller> make_controller(std::string_view kind);

/// The name controllers use as the actor of their commands and events,
/// e.g. "controller:replicaset".
std::string controller_actor(std::string_view kind);

}  // namespace herd::actors
