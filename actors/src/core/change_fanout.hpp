#pragma once

// Who must look again when an object changes. Controllers are level-based:
// a change only marks other objects dirty, and their reconcile re-reads the
// store. This is the one place that knows the edges:
//  - an object's owners (ownerReferences), before and after the change;
//  - its dependents, when it is deleted or starts terminating (GC);
//  - for a Pod: every Service in its namespace (endpoints), and, for a pod
//    no controller owns, every ReplicaSet, ReplicationController and Job in
//    its namespace (adoption);
//  - for a ReplicaSet no controller owns: the Deployments of its namespace;
//  - the object's Namespace while that namespace is terminating.

#include <string>
#include <vector>

#include "core/object_store.hpp"

namespace herd::actors {

/// Keys to reconcile after `key` changed from `before` to `after` (either may
/// be null: created, deleted). No duplicates; never `key` itself.
std::vector<std::string> interested_keys(const std::string& key, const ObjectPtr& before, const ObjectPtr& after,
                                         const ObjectStore& store);

}  // namespace herd::actors
