#pragma once

// own_update: an ObjectUpdated event on the reconciled object itself, for
// controllers that change their own object's metadata or spec (the node
// lifecycle controller taints its Node). The counterpart of status_change
// (core/plan.hpp), which covers the status.

#include <optional>

#include "core/plan.hpp"
#include "herd/api/object.hpp"

namespace herd::actors {

/// ObjectUpdated with `after` as the whole new object and the changed field
/// paths, in the data shape events::object_updated builds ({object,
/// changed}); nothing when `after` equals `before`. ObjectUpdated replaces
/// the status too, so `after` should carry `before`'s status and a status
/// change follow as its own status_change event. Pure.
std::optional<OwnEvent> own_update(const api::Object& before, const api::Object& after);

}  // namespace herd::actors
