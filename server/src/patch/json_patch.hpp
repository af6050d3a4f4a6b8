#pragma once

// JSON Patch (RFC 6902), the body of an HTTP PATCH with Content-Type
// application/json-patch+json (`kubectl patch --type json`): a list of
// operations (add, remove, replace, move, copy, test) on locations named by
// JSON Pointers (RFC 6901). Unlike the merge patches it can address one list
// element by index and make a change conditional on a `test`.

#include "herd/api/value.hpp"
#include "herd/base/result.hpp"

namespace herd::server::patch {

/// Applies `operations`, a JSON array of operation objects, in order to
/// `target` and returns the result. All or nothing: when one operation fails,
/// the error is returned and no partial result exists.
///
/// Each operation is an object with a string "op" and a string "path" (a
/// JSON Pointer: "" is the whole document, "/a/0/b~1c" walks members and
/// array indices, ~1 is "/" and ~0 is "~" in a name). "add", "replace" and
/// "test" need a "value"; "move" and "copy" need a string "from". Array
/// indices are decimal without leading zeros; "-" names the place after the
/// last element and is valid only as where "add", "move" or "copy" put a
/// value. Members an operation does not use are ignored (RFC 6902 section 4).
/// "test" compares as JSON does: numbers by value, objects without regard to
/// member order.
///
/// Returns kInvalidArgument when `operations` is not an array of such
/// objects, when an operation's location does not exist (or, for "add", its
/// parent does not), an index is out of range, "move" would put a value into
/// itself, or a "test" fails. The message names the operation:
/// `operation 2 (replace /spec/replicas): path does not exist`.
Result<api::Value> apply_json_patch(api::Value target, const api::Value& operations);

}  // namespace herd::server::patch
