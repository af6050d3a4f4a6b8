#pragma once

// The controller of Services: keeps the Endpoints object of the same name
// listing the pods the Service's selector matches (service_endpoints.hpp).
// A Service is not the owner of its pods, so changes to pods reach it
// because the core wakes every Service of a pod's namespace when that pod
// changes (core/change_fanout.hpp); changes to the Endpoints reach it
// through the Endpoints' ownerReference.

#include <memory>

#include "core/controller.hpp"

namespace herd::actors {

/// The controller of kind Service. Stateless; one per object actor.
std::unique_ptr<Controller> make_service_controller();

}  // namespace herd::actors
