#pragma once

// Small builders for the JSON trees of the OpenAPI documents, so that the
// code writing a schema or an operation reads like the JSON it writes.

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "herd/api/value.hpp"

namespace herd::server::openapi {

/// A JSON object with `members` in the order given.
api::Value object_of(std::initializer_list<std::pair<std::string_view, api::Value>> members);

/// A JSON object with the members of `members`, in the map's (sorted) order.
api::Value object_from(std::map<std::string, api::Value> members);

/// A JSON string.
api::Value string_of(std::string_view text);

/// A JSON array of strings.
api::Value strings_of(std::initializer_list<std::string_view> texts);

/// {"type": type} or, with a format, {"type": type, "format": format}.
api::Value typed(std::string_view type, std::string_view format = "");

/// {"$ref": "#/components/schemas/<name>"}: schema `name` of the same document.
api::Value ref_to(std::string_view schema_name);

/// A property or list element of schema `name`, written as Kubernetes does:
/// {"allOf": [{"$ref": ...}]}, which leaves room for siblings such as a
/// default. kubectl resolves allOf[0] and then its $ref.
api::Value holds(std::string_view schema_name);

}  // namespace herd::server::openapi
