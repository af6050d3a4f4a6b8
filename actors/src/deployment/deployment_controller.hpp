#pragma once

// The Deployment controller: rolls a pod template out through ReplicaSets,
// as Kubernetes' pkg/controller/deployment does. It manages ReplicaSets only
// (creating, scaling, annotating, deleting them) and reads their status; the
// ReplicaSet controller runs the pods.
//
// Each reconcile is one bounded, idempotent step (deployment_reconcile.hpp
// lists the step functions, one file per concern). This file only dispatches.

#include <memory>

#include "core/controller.hpp"

namespace herd::actors {

/// The controller of kind Deployment; stateless, any number may exist.
std::unique_ptr<Controller> make_deployment_controller();

}  // namespace herd::actors
