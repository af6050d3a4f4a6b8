#pragma once

// Errors as the Kubernetes API reports them: an HTTP status code and a body
// {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
//  "message":...,"reason":...,"code":...}, which kubectl and client-go
// understand.

#include <string>
#include <string_view>
#include <vector>

#include "herd/base/status.hpp"
#include "herd/server/http.hpp"

namespace herd::server {

/// The HTTP status Kubernetes uses for a herd StatusCode: NotFound 404,
/// AlreadyExists 409, Conflict 409, InvalidArgument 422, Unavailable 503,
/// Unimplemented 501, any other (Corrupt, Internal, Ok) 500.
int http_code_for(StatusCode code);

/// Kubernetes' StatusReason for a herd StatusCode: "NotFound",
/// "AlreadyExists", "Conflict", "Invalid", "ServiceUnavailable",
/// "NotImplemented", else "InternalError".
std::string_view reason_for(StatusCode code);

/// One entry of a Status' details.causes, e.g. a manifest diagnostic.
struct StatusCause {
  std::string reason;  ///< e.g. "FieldValueInvalid"
  std::string message;
  std::string field;   ///< Field path, e.g. "spec.replicas"; may be "".
};

/// A Failure Status response with the given HTTP code and reason.
HttpResponse failure_response(int http_code, std::string_view reason, std::string_view message,
                              const std::vector<StatusCause>& causes = {});

/// The Failure Status response for a non-OK `status`, by http_code_for and
/// reason_for; the message is status.message().
HttpResponse failure_response(const Status& status, const std::vector<StatusCause>& causes = {});

}  // namespace herd::server
