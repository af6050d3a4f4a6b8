#include "kube/body_decoding.hpp"

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/server/api_status.hpp"
#include "kube/api_context.hpp"

namespace herd::server::kube {
namespace {

DecodedBody failed(HttpResponse response) {
  DecodedBody out;
  out.failure = std::move(response);
  return out;
}

bool is_unknown_field(const api::Diagnostic& d) { return d.message.rfind("unknown field", 0) == 0; }

std::string describe(const ResourcePath& path) {
  return std::string(path.kind->kind) + " in version \"" + std::string(path.kind->version) + "\"";
}

}  // namespace

Result<api::Value> parse_body(const HttpRequest& request) {
  if (request.header("content-type").find("protobuf") != std::string::npos) {
    return Status::unimplemented("herd takes request bodies in JSON or YAML, not protobuf (kubectl's generators, "
                                 "e.g. `kubectl create namespace`, send protobuf: use `kubectl create -f` or "
                                 "`kubectl apply -f` with a manifest)");
  }
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::invalid_argument("the request body is empty");
  }
  bool yaml = request.header("content-type").find("yaml") != std::string::npos;
  api::ParsedText parsed = yaml ? api::parse_yaml(request.body) : api::parse_json(request.body);
  if (parsed.error) {
    return Status::invalid_argument(std::string(yaml ? "YAML" : "JSON") + " at line " +
                                    std::to_string(parsed.error->pos.line) + ", column " +
                                    std::to_string(parsed.error->pos.column) + ": " + parsed.error->message);
  }
  if (parsed.documents.size() != 1) return Status::invalid_argument("the request body must hold exactly one object");
  return std::move(parsed.documents.front());
}

DecodedBody decode_body(const api::Value& document, const ResourcePath& path, const HttpRequest& request) {
  std::string validation = request.query_param("fieldValidation").value_or("Strict");
  if (validation != "Strict" && validation != "Warn" && validation != "Ignore") {
    return failed(bad_request("fieldValidation must be Strict, Warn or Ignore, not '" + validation + "'"));
  }
  if (!document.is_object()) return failed(bad_request("the request body is not a JSON object"));
  const api::Value* kind = document.find("kind");
  if (kind != nullptr && kind->is_string() && kind->as_string() != path.kind->kind) {
    return failed(bad_request("the body is a " + kind->as_string() + ", but the path names " +
                                       resource_label(*path.kind)));
  }
  api::Value complete = document;
  if (kind == nullptr) complete.set("kind", api::Value::string(std::string(path.kind->kind)));
  if (complete.find("apiVersion") == nullptr) complete.set("apiVersion", api::Value::string(path.kind->api_version()));
  api::Manifest manifest = api::decode_document(complete, api::DecodeOptions{"request body", validation == "Strict"});
  DecodedBody out;
  std::vector<StatusCause> causes;
  std::string unknown;
  std::string invalid;
  for (const api::Diagnostic& d : manifest.diagnostics) {
    if (d.severity == api::Diagnostic::Severity::kWarning) {
      if (validation == "Warn") out.warnings.push_back("unknown field \"" + d.path + "\"");
      continue;
    }
    if (is_unknown_field(d)) {
      unknown += (unknown.empty() ? "" : ", ") + ("unknown field \"" + d.path + "\"");
    } else {
      invalid += (invalid.empty() ? "" : "; ") + d.path + ": " + d.message;
      causes.push_back(StatusCause{"FieldValueInvalid", d.message, d.path});
    }
  }
  if (!unknown.empty()) {
    return failed(bad_request(describe(path) + " cannot be handled as a " + std::string(path.kind->kind) +
                                       ": strict decoding error: " + unknown));
  }
  if (!invalid.empty() || manifest.objects.size() != 1 || !manifest.objects.front().valid) {
    const api::Value* name = complete.find("metadata") ? complete.find("metadata")->find("name") : nullptr;
    std::string label = std::string(path.kind->kind) + " \"" + (name && name->is_string() ? name->as_string() : "") + "\"";
    return failed(failure_response(422, "Invalid", label + " is invalid: " + invalid, causes));
  }
  out.object = std::move(manifest.objects.front().object);
  return out;
}

DecodedBody decode_request(const HttpRequest& request, const ResourcePath& path) {
  Result<api::Value> document = parse_body(request);
  if (!document.ok()) return failed(body_failure(document.status()));
  return decode_body(*document, path, request);
}

HttpResponse body_failure(const Status& status) {
  if (status.code() == StatusCode::kUnimplemented) {
    return failure_response(415, "UnsupportedMediaType", status.message());
  }
  return bad_request(status.message());
}

void add_warnings(HttpResponse& response, const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) {
    std::string escaped;
    for (char c : w) escaped += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    response.headers.emplace_back("Warning", "299 - \"" + escaped + "\"");
  }
}

}  // namespace herd::server::kube
