#pragma once

// Garbage collection as Kubernetes does it, run by every object's actor as
// the first part of its reconcile (before its kind's controller):
//  - an object whose owners are all gone (none of its ownerReferences names a
//    live object with that uid) deletes itself, in the background;
//  - an owner deleted with propagationPolicy Foreground (finalizer
//    "foregroundDeletion") deletes its dependents and is removed when none
//    is left; one deleted with Orphan (finalizer "orphan") removes its
//    ownerReference from each dependent, then is removed.

#include "core/object_store.hpp"
#include "core/plan.hpp"

namespace herd::actors {

inline constexpr std::string_view kGarbageCollector = "controller:garbage-collector";

/// The garbage collector's step for `self`. An empty plan means nothing to
/// collect; a plan whose events end with ObjectDeleted removes `self`.
Plan collect_garbage(const StoredObject& self, const ObjectStore& store);

}  // namespace herd::actors
