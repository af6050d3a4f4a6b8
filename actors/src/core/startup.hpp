#pragma once

// The steps of ControlPlane::start and its shutdown, apart from the facade:
// replay the log into the store, start the scheduler and node agents, and
// wake every object so its controller resumes where the log left it.

#include <vector>

#include "herd/actors/control_plane.hpp"
#include "core/context.hpp"

namespace herd::actors {

/// Replays `log` (latest snapshot + the events after it) into `store`.
Status load_objects(events::EventLog& log, ObjectStore& store);

/// Every object in the store, in key order.
std::vector<ObjectPtr> all_objects(const ObjectStore& store);

/// Starts the scheduler (ctx.scheduler) and one agent per options.nodes
/// entry (registered in ctx.nodes). Returns every actor started.
std::vector<WatcherActor> start_agents(caf::actor_system& system, Context& ctx, const ControlPlaneOptions& options);

/// Stops what start_agents started.
void stop_agents(caf::actor_system& system, const std::vector<WatcherActor>& agents);

/// Pokes every object so that each controller takes a step from the
/// replayed state.
void resume_all(Context& ctx);

}  // namespace herd::actors
