#pragma once

// Validation of an object that was built in code rather than decoded from
// text (a command to the control plane): the checks decode_manifest runs
// after defaulting, without the decoding and defaulting passes.

#include <string>
#include <vector>

#include "herd/api/field_errors.hpp"
#include "herd/api/object.hpp"

namespace herd::api {

/// Every problem of `object` (required fields, allowed values, formats,
/// cross-field rules), warnings included with FieldError::warning set.
std::vector<FieldError> validate_object(const Object& object);

/// Kubernetes' message for an Invalid object, e.g.
/// `Pod "web" is invalid: spec.containers[0].image: Required value`, with
/// several errors as `[a: x, b: y]`; warnings are left out. "" when `errors`
/// hold no error.
std::string invalid_object_message(const Object& object, const std::vector<FieldError>& errors);

}  // namespace herd::api
