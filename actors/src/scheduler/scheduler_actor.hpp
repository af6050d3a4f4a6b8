#pragma once

// The scheduler actor: binds each pending pod to a node. It follows every
// Pod and Node change (a WatcherActor), keeps a SchedulerCache of what each
// node offers and carries, and runs passes over the pending pods:
// schedule_one picks a node, the cache assumes the placement at once (so the
// next pod of the pass sees it), and the pod's actor records PodScheduled.
//
// A pod that fits nowhere gets its PodScheduled condition False with reason
// Unschedulable and a FailedScheduling Event object (once per distinct
// message); it waits until a node changes or a pod leaves, then is tried
// again.

#include "core/context.hpp"

namespace herd::actors {

using SchedulerActor = WatcherActor::extend<caf::reacts_to<schedule_atom>>;

/// Spawns the scheduler and sets ctx.scheduler.
SchedulerActor spawn_scheduler(caf::actor_system& system, Context& ctx);

}  // namespace herd::actors
