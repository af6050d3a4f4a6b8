#pragma once

// Internal: reading objects written in older apiVersions.
//
// Two steps, because some differences are of shape and some of meaning:
//   convert_legacy_document: renames and reshapes fields in the Value tree
//     (positions move with the values, so errors still point at the text);
//   apply_legacy_defaults: the old version's defaults, applied to the typed
//     object before the current version's, e.g. apps/v1beta1 Deployments
//     take their selector from the template labels and keep 2 revisions.

#include <string_view>

#include "herd/api/object.hpp"
#include "herd/api/value.hpp"

namespace herd::api::convert {

/// Reshapes `doc` (of `kind`, written as `from_version`) into the current
/// version's shape and sets its apiVersion to the current one.
void convert_legacy_document(const KindInfo& kind, std::string_view from_version, Value& doc);

/// Applies `from_version`'s defaults to `object`. No-op for current versions.
void apply_legacy_defaults(std::string_view from_version, Object& object);

}  // namespace herd::api::convert
