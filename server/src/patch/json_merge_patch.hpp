#pragma once

// JSON Merge Patch (RFC 7386), the body of an HTTP PATCH with
// Content-Type application/merge-patch+json (`kubectl patch --type merge`,
// `kubectl scale`). Schema-free: lists are always replaced whole, which is
// why Kubernetes' own clients prefer the strategic merge patch
// (strategic_merge_patch.hpp) for the built-in kinds.

#include "herd/api/value.hpp"

namespace herd::server::patch {

/// Returns `target` with `patch` merged in, exactly as RFC 7386 section 2
/// defines it: when `patch` is an object, each of its members with a null
/// value removes that member from the target, each other member is merged
/// recursively into the target's member of that name (a target that is not
/// an object counts as an empty one); any other `patch` (array, scalar, null)
/// replaces the target whole. Total: every pair of values has a result.
api::Value apply_merge_patch(api::Value target, const api::Value& patch);

}  // namespace herd::server::patch
