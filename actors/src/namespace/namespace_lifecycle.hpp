#pragma once

// The pure steps of the Namespace controller (Kubernetes'
// pkg/controller/namespace): a live namespace is Active; a deleted one is
// Terminating, has everything in it deleted, and once nothing is left is
// removed for good. Pure functions; any thread.
//
//   live ──delete──► Terminating ──(content deleted, waited for)──► removed
//          (core sets deletionTimestamp)   terminate_namespace: removes    terminate_namespace:
//                                          content, at most kBurst per     Command::remove of itself
//                                          step                            (actor controller:namespace)

#include <cstdint>

#include "core/object_store.hpp"
#include "core/plan.hpp"

namespace herd::actors {

/// At most this many objects are deleted in one step; the rest follow when
/// those changes wake the namespace again.
inline constexpr int32_t kNamespaceDeleteBurst = 500;

/// The actor of the namespace controller's commands. The core removes a
/// terminating namespace only on a delete from this actor.
inline constexpr const char* kNamespaceActor = "controller:namespace";

/// A live namespace: status.phase "Active" (written only when it is not).
/// Requires: `self` holds a Namespace without a deletionTimestamp.
Plan activate_namespace(const StoredObject& self);

/// A namespace being deleted: status.phase "Terminating"; a Background
/// delete for each object in it that is not already terminating (at most
/// kNamespaceDeleteBurst, owners before dependents); and when nothing is
/// left in it (and no metadata.finalizers remain), the removal of the
/// namespace itself (same uid). Objects still terminating are waited for:
/// their changes, and their removal, wake the namespace.
/// Requires: `self` holds a Namespace with a deletionTimestamp.
Plan terminate_namespace(const StoredObject& self, const ObjectStore& store);

}  // namespace herd::actors
