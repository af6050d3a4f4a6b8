#pragma once

// How an object's actor turns a Command into the events it appends: the
// checks Kubernetes' API server makes (exists, uid and resourceVersion
// preconditions, namespace present and not terminating) and the metadata the
// server owns (uid, creationTimestamp, generation, deletionTimestamp).
// Pure apart from reading the store; the actor appends what comes back.

#include <vector>

#include "herd/base/clock.hpp"
#include "herd/base/result.hpp"
#include "herd/events/event.hpp"
#include "core/object_store.hpp"
#include "core/plan.hpp"

namespace herd::actors {

/// The events that carry out `command` on the object (`current` is null when
/// it does not exist). An empty vector means "nothing to change" (the reply
/// is the current object). Errors: kAlreadyExists, kNotFound, kConflict,
/// kInvalidArgument (an event that does not apply).
Result<std::vector<events::Event>> events_for(const Command& command, const StoredObject* current,
                                              const ObjectStore& store, Clock::TimePoint now);

/// Own events of a Plan as envelopes on `self`, seqs following `self.seq`.
std::vector<events::Event> envelopes_for(const StoredObject& self, std::vector<OwnEvent> own, std::string actor,
                                         Clock::TimePoint now);

/// "2026-11-27T09:03:05Z": how Kubernetes writes metadata times.
std::string rfc3339_seconds(Clock::TimePoint t);

/// Fills apiVersion and kind from the object's alternative.
void set_type_meta(api::Object& object);

}  // namespace herd::actors
