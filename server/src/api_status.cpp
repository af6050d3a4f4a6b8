#include "herd/server/api_status.hpp"

#include "herd/api/codec.hpp"
#include "herd/api/value.hpp"

namespace herd::server {
namespace {

// The length of the UTF-8 sequence at text[i], or 0 when it is not valid
// (overlong forms, surrogates and values past U+10FFFF included).
std::size_t utf8_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b = byte(i);
  if (b < 0x80) return 1;
  std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
  if (n == 0 || b > 0xF4 || i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  unsigned char second = byte(i + 1);
  if ((b == 0xE0 && second < 0xA0) || (b == 0xED && second > 0x9F) || (b == 0xF0 && second < 0x90) ||
      (b == 0xF4 && second > 0x8F)) {
    return 0;
  }
  return n;
}

// Messages echo what clients sent (paths, parameters), which need not be
// UTF-8; the Status must still be JSON, so bad bytes become U+FFFD.
std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text, i, n);
      i += n;
    }
  }
  return out;
}

}  // namespace

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
  body.set("message", api::Value::string(valid_utf8(message)));
  body.set("reason", api::Value::string(std::string(reason)));
  if (!causes.empty()) {
    api::Value list = api::Value::array();
    for (const StatusCause& cause : causes) {
      api::Value c = api::Value::object();
      c.set("reason", api::Value::string(cause.reason));
      c.set("message", api::Value::string(valid_utf8(cause.message)));
      if (!cause.field.empty()) c.set("field", api::Value::string(valid_utf8(cause.field)));
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
