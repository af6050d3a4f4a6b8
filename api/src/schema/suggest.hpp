#pragma once

// Internal: "did you mean" for unknown fields.

#include <string>
#include <string_view>
#include <vector>

#include "herd/api/type_info.hpp"
#include "herd/api/value.hpp"
#include "schema/path_stack.hpp"

namespace herd::api::schema {

/// Where an unknown field probably belongs, as a hint to append to the error
/// ("did you mean spec.containers[0].livenessProbe?"), or "" when nothing fits.
///
/// `root_type`/`root_doc`: the object being decoded; `parent`: the steps to
/// the object that holds the unknown key; `parent_value`: that object;
/// `member_index`: the unknown key's position in it. Tries, in order: a field
/// of the same object with a similar spelling; a preceding empty key the line
/// was meant to be indented under (`labels:` left empty); the nearest
/// ancestor whose subtree has a field of that name, preferring paths the
/// document already has.
std::string suggest_field(const TypeInfo& root_type, const Value& root_doc,
                          const std::vector<PathStep>& parent, const Value& parent_value,
                          std::size_t member_index);

/// Levenshtein distance, for spelling suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace herd::api::schema
