#pragma once

// The actor of one object: the single writer of that object's state.
//
// For each Command (and each step of its kind's controller) it computes the
// events (object_commands.hpp), appends them to the log, and only once the
// log acknowledged them applies them with events::apply, publishes the new
// object to the store, replies, and tells the objects that care
// (change_fanout.hpp) and the watchers (scheduler, node agents).
//
//   commands ──► queue ──► append ──(ack)──► apply ─► publish ─► reply
//                              ▲                         │
//                              └──── own events ◄── reconcile (GC, controller)
//
// One append is in flight at a time, so seqs follow each other and every
// command sees the state left by the one before. Reconcile is coalesced (many
// changes, one step) and never runs while commands of its previous plan are
// unanswered.
//
// After its object is deleted the actor asks the registry to forget it; from
// then on it passes commands back to the registry, and stops when the
// registry confirms.

#include "core/context.hpp"
#include "core/messages.hpp"

namespace herd::actors {

/// Spawns the actor for `key`. `initial` is the replayed object, or null for
/// an object about to be created.
ObjectActor spawn_object_actor(caf::actor_system& system, Context& ctx, std::string key, ObjectPtr initial);

}  // namespace herd::actors
