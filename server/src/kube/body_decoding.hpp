#pragma once

// The body of a create or update: JSON (or YAML, by Content-Type) decoded
// into a typed object of the path's kind, defaulted and validated, with
// Kubernetes' fieldValidation: Strict (herd's default) refuses unknown
// fields, Warn accepts them with a Warning header, Ignore drops them.
//
// Failures read as kube-apiserver's: malformed text and unknown fields are
// 400 BadRequest ("strict decoding error"), invalid values 422 Invalid with
// one cause per field, a body of another kind 400.

#include <optional>
#include <string>
#include <vector>

#include "herd/api/object.hpp"
#include "herd/api/value.hpp"
#include "herd/server/http.hpp"
#include "kube/resource_path.hpp"

namespace herd::server::kube {

struct DecodedBody {
  std::optional<api::Object> object;  ///< Unset on failure.
  HttpResponse failure;               ///< When `object` is unset.
  std::vector<std::string> warnings;  ///< For the Warning header.
};

/// Parses `request.body` into a document. kUnimplemented for a protobuf
/// body, kInvalidArgument for text that does not parse.
Result<api::Value> parse_body(const HttpRequest& request);

/// The answer to parse_body's failure: 415 for an unsupported media type,
/// else 400.
HttpResponse body_failure(const Status& status);

/// Decodes `document` as an object of `path.kind`, with the request's
/// fieldValidation. Named "request body" in messages.
DecodedBody decode_body(const api::Value& document, const ResourcePath& path, const HttpRequest& request);

/// parse_body then decode_body.
DecodedBody decode_request(const HttpRequest& request, const ResourcePath& path);

/// Adds the Warning headers (`299 - "text"`) of `warnings` to `response`.
void add_warnings(HttpResponse& response, const std::vector<std::string>& warnings);

}  // namespace herd::server::kube
