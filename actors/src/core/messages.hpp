#pragma once

// The messages the control plane's actors exchange, and their typed
// interfaces. Everything here stays inside one process (herd never sends
// these over a network), so the types are sent as they are, without
// serialisation (CAF_ALLOW_UNSAFE_MESSAGE_TYPE).

#include <optional>
#include <string>
#include <vector>

#include "caf/all.hpp"
#include "herd/base/status.hpp"
#include "herd/events/event_log.hpp"
#include "core/object_store.hpp"
#include "core/plan.hpp"

namespace herd::actors {

/// The reply to a Command: the object as stored after it (or as it was
/// before a deletion), or the error.
struct CommandResult {
  Status status;
  std::optional<api::Object> object;
  uint64_t seq = 0;  ///< The object's seq after the command.
};

/// What the log said about one append (delivered back to the appending actor).
struct AppendOutcome {
  uint64_t token = 0;
  Status status;
};

// Atoms: at most 10 characters (CAF 0.17).
using sync_atom = caf::atom_constant<caf::atom("sync")>;          // something changed: reconcile soon
using step_atom = caf::atom_constant<caf::atom("step")>;          // internal: run the coalesced reconcile
using appended_atom = caf::atom_constant<caf::atom("appended")>;  // log acknowledged
using forget_atom = caf::atom_constant<caf::atom("forget")>;      // a deleted object's actor may go
using load_atom = caf::atom_constant<caf::atom("load")>;          // startup: an object from replay
using changed_atom = caf::atom_constant<caf::atom("changed")>;    // an object changed (watchers)
using schedule_atom = caf::atom_constant<caf::atom("schedule")>;  // run a scheduling pass
using runtime_atom = caf::atom_constant<caf::atom("runtime")>;    // an event from a PodRuntime
using beat_atom = caf::atom_constant<caf::atom("beat")>;          // node heartbeat

/// One object's actor: the single writer of the object.
using ObjectActor = caf::typed_actor<
    caf::replies_to<Command>::with<CommandResult>,
    caf::reacts_to<sync_atom>,
    caf::reacts_to<step_atom>,
    caf::reacts_to<appended_atom, AppendOutcome>,
    caf::reacts_to<forget_atom>>;

/// Routes commands and pokes by object key to the object's actor; spawns
/// actors on creation and forgets them after deletion.
using RegistryActor = caf::typed_actor<
    caf::replies_to<Command>::with<CommandResult>,
    caf::reacts_to<sync_atom, std::vector<std::string>>,
    caf::reacts_to<forget_atom, std::string, ObjectActor>,
    caf::reacts_to<load_atom, ObjectPtr>>;

/// Anyone that follows changes of pods and nodes (the scheduler, node agents):
/// the object before and after (either may be null).
using WatcherActor = caf::typed_actor<caf::reacts_to<changed_atom, ObjectPtr, ObjectPtr>>;

}  // namespace herd::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(herd::actors::Command)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(herd::actors::CommandResult)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(herd::actors::AppendOutcome)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(herd::actors::ObjectPtr)
