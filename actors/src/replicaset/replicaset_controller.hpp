#pragma once

// The controller of ReplicaSets and ReplicationControllers: keeps
// spec.replicas active pods stamped from the template, adopting matching
// orphans and releasing pods that stopped matching, and reports replicas,
// ready and available counts in the status. One implementation serves both
// kinds (replicaset_reconcile.hpp); make_controller (core/controllers.cpp)
// hands it to the object actor of each.

#include <memory>

#include "core/controller.hpp"

namespace herd::actors {

/// The controller of kind ReplicaSet. Stateless; one per object actor.
std::unique_ptr<Controller> make_replicaset_controller();

/// The controller of kind ReplicationController: the same steps, with the
/// RC's plain label-map selector. Stateless; one per object actor.
std::unique_ptr<Controller> make_replication_controller_controller();

}  // namespace herd::actors
