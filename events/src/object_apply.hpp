#pragma once

// Internal: the apply functions of event_types.hpp, by group. Each returns
// kNotFound for a type that is not its own, so the caller can try the next.

#include <optional>

#include "herd/api/object.hpp"
#include "herd/events/event.hpp"

namespace herd::events {

/// ObjectCreated, ObjectUpdated, StatusUpdated, ObjectDeleted.
Status apply_lifecycle(std::optional<api::Object>& object, const Event& event);

/// ObjectUpdated of a live object: the event's object replaces it. On error
/// `object` is unchanged. (apply_lifecycle's own case; replay calls it
/// directly to save moving the object out of its record and back.)
Status apply_object_updated(api::Object& object, const Event& event);

/// The controller and node events (PodScheduled ... JobFailed).
Status apply_controller_event(api::Object& object, const Event& event);

}  // namespace herd::events
