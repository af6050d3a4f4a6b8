#pragma once

// The controller of Namespaces: keeps a live namespace's phase Active, and
// carries a deleted one through termination (namespace_lifecycle.hpp). A
// terminating namespace is woken by every change to an object in it
// (core/change_fanout.hpp), so it needs no polling.

#include <memory>

#include "core/controller.hpp"

namespace herd::actors {

/// The controller of kind Namespace. Stateless; one per object actor.
std::unique_ptr<Controller> make_namespace_controller();

}  // namespace herd::actors
