#include "herd/server/api_status.hpp"

#include "herd/api/codec.hpp"
#include "herd/api/value.hpp"

namespace herd::server {

int http_code_for(StatusCode code) {
  switch (code) {
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kConflict: return 409;
    case StatusCode::kInvalidArgument: return 422;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kUnimplemented: return 501;
    default: return 500;
  }
}

std::string_view reason_for(StatusCode code) {
  switch (code) {
    case StatusCode::kNotFound: return "NotFound";
    case StatusCode::kAlreadyExists: return "AlreadyExists";
    case StatusCode::kConflict: return "Conflict";
    case StatusCode::kInvalidArgument: return "Invalid";
    case StatusCode::kUnavailable: return "ServiceUnavailable";
    case StatusCode::kUnimplemented: return "NotImplemented";
    default: return "InternalError";
  }
}

HttpResponse failure_response(int http_code, std::string_view reason, std::string_view message,
                              const std::vector<StatusCause>& causes) {
  api::Value body = api::Value::object();
  body.set("kind", api::Value::string("Status"));
  body.set("apiVersion", api::Value::string("v1"));
  body.set("metadata", api::Value::object());
  body.set("status", api::Value::string("Failure"));
  body.set("message", api::Value::string(std::string(message)));
  body.set("reason", api::Value::string(std::string(reason)));
  if (!causes.empty()) {
    api::Value list = api::Value::array();
    for (const StatusCause& cause : causes) {
      api::Value c = api::Value::object();
      c.set("reason", api::Value::string(cause.reason));
      c.set("message", api::Value::string(cause.message));
      if (!cause.field.empty()) c.set("field", api::Value::string(cause.field));
      list.push_back(std::move(c));
    }
    api::Value details = api::Value::object();
    details.set("causes", std::move(list));
    body.set("details", std::move(details));
  }
  body.set("code", api::Value::integer(http_code));
  return HttpResponse::json(http_code, api::to_json(body) + "\n");
}

HttpResponse failure_response(const Status& status, const std::vector<StatusCause>& causes) {
  return failure_response(http_code_for(status.code()), reason_for(status.code()), status.message(), causes);
}

}  // namespace herd::server
