#pragma once

// Kubernetes' strategic merge patch, the body of an HTTP PATCH with
// Content-Type application/strategic-merge-patch+json: what `kubectl apply`
// and plain `kubectl patch` send. It is a JSON merge patch (RFC 7386) that
// knows the model: a list such as a pod's containers is merged element by
// element, matched by a key ("name"), instead of being replaced whole, and
// `$`-directives in the patch delete, replace, reorder or prune. The
// semantics are those of k8s.io/apimachinery/pkg/util/strategicpatch
// (StrategicMergeMapPatch); which lists merge comes from patch_strategy.hpp.

#include "herd/api/type_info.hpp"
#include "herd/api/value.hpp"
#include "herd/base/result.hpp"

namespace herd::server::patch {

/// Applies the strategic merge patch `patch` to `target`, a document whose
/// root is the struct `type` (type_info_of<api::Deployment>() and the like),
/// and returns the result. `type` is walked alongside both documents to find
/// each member's field and so each list's strategy.
///
/// - Objects merge member by member; a null removes the member. Maps (labels,
///   annotations) and members the model does not know merge the same way.
/// - A list with a merge key (list_strategy) merges element by element:
///   elements with the same key value merge as objects, new ones are added.
///   Without $setElementOrder the order is Kubernetes': the elements the
///   patch names come in the patch's order, and each element it does not name
///   stays ahead of the named ones it preceded. A new element thus comes right
///   after the patch element before it, or first: `containers: [{name: "x"}]`
///   puts x before the existing containers.
/// - A list merged as a set (empty merge key, e.g. finalizers) gets the
///   union of both, without duplicates, ordered the same way.
/// - Any other list, and any scalar, is replaced by the patch's value.
///
/// Directives:
/// - `{"$patch": "delete", <key>: v}` in a merging list removes every element
///   whose key is v; `{"$patch": "replace"}` in it makes the list exactly the
///   patch's other elements.
/// - `"$patch": "replace"` in an object makes the object exactly the rest of
///   the patch object; `"$patch": "delete"` makes it empty.
/// - `"$setElementOrder/<list>": [...]` (merge-key objects, or scalars) gives
///   the order of the merged list; elements it does not name come first, in
///   their former order. The patch's own elements of <list> must appear in it
///   in the same relative order.
/// - `"$deleteFromPrimitiveList/<list>": [...]` removes those scalars from a
///   list merged as a set.
/// - `"$retainKeys": [...]` in an object removes the target's members it does
///   not name; every member the patch sets must be named.
///
/// Unlike Kubernetes, which copies a value the target lacks as written, such a
/// value is merged into an empty one, so its nulls and directives never reach
/// the result.
///
/// Returns kInvalidArgument, with the field path (`spec.template.spec.
/// containers[name=web]: ...`), when `patch` is not an object, a directive is
/// unknown or malformed, a merging list holds an element of the wrong kind or
/// one without its merge key, or $setElementOrder contradicts the patch.
Result<api::Value> apply_strategic_merge_patch(api::Value target, const api::Value& patch,
                                               const api::TypeInfo& type);

}  // namespace herd::server::patch
