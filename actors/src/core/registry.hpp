#pragma once

// The registry: routes a Command or a poke by object key to that object's
// actor. It spawns an actor when a command creates an object (after giving a
// generateName'd object its name and a namespaced one its namespace), answers
// NotFound for other commands to keys nobody holds, and forgets the actor of
// a deleted object when that actor asks.

#include "core/context.hpp"

namespace herd::actors {

RegistryActor spawn_registry(caf::actor_system& system, Context& ctx);

/// Fills a create command's namespace (default "default" for namespaced
/// kinds), its name from generateName when empty (`taken` says whether a
/// candidate is in use), and its key.
void prepare_create(Command& command, const std::function<bool(const std::string&)>& taken);

}  // namespace herd::actors
