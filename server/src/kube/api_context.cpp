#include "kube/api_context.hpp"

#include <cctype>
#include <charconv>

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/events/event.hpp"

namespace herd::server::kube {

api::Value object_value(const watch::CachedObject& object) { return api::encode_object(object.object); }

HttpResponse object_response(int code, const watch::CachedObject& object) {
  return HttpResponse::json(code, api::to_json(object_value(object)));
}

std::string resource_label(const api::KindInfo& kind) {
  std::string label(kind.plural);
  if (!kind.group.empty()) label += "." + std::string(kind.group);
  return label;
}

HttpResponse not_found_response(const api::KindInfo& kind, std::string_view name) {
  return failure_response(404, "NotFound", resource_label(kind) + " \"" + std::string(name) + "\" not found");
}

HttpResponse success_response(api::Value details) {
  api::Value status = api::Value::object();
  status.set("kind", api::Value::string("Status"));
  status.set("apiVersion", api::Value::string("v1"));
  status.set("metadata", api::Value::object());
  status.set("status", api::Value::string("Success"));
  if (!details.is_null()) status.set("details", std::move(details));
  return HttpResponse::json(200, api::to_json(status));
}

HttpResponse bad_request(std::string_view message) { return failure_response(400, "BadRequest", message); }

HttpResponse failure_for(const Status& status, const api::KindInfo& kind, std::string_view name) {
  std::string quoted = resource_label(kind) + " \"" + std::string(name) + "\"";
  switch (status.code()) {
    case StatusCode::kNotFound:
      return failure_response(404, "NotFound", quoted + " not found: " + status.message());
    case StatusCode::kAlreadyExists:
      return failure_response(409, "AlreadyExists", quoted + " already exists");
    case StatusCode::kConflict:
      return failure_response(409, "Conflict", "Operation cannot be fulfilled on " + quoted + ": " + status.message());
    case StatusCode::kInvalidArgument:
      return failure_response(422, "Invalid", quoted + " is invalid: " + status.message());
    default:
      return failure_response(status);
  }
}

std::string actor_of(const HttpRequest&) { return "user:admin"; }

Result<watch::CachedPtr> settle(const ApiContext& ctx, const api::KindInfo& kind, const actors::ObjectView& view) {
  const api::ObjectMeta& meta = api::meta(view.object);
  std::string key = events::object_key(kind.kind, meta.namespace_, meta.name);
  Result<std::pair<watch::CachedPtr, uint64_t>> seen = ctx.cache.wait_for(key, view.seq, ctx.write_wait);
  if (!seen.ok()) return seen.status();
  return seen->first;
}

Result<bool> dry_run(const HttpRequest& request) {
  std::optional<std::string> value = request.query_param("dryRun");
  if (!value || value->empty()) return false;
  if (*value == "All") return true;
  return Status::invalid_argument("dryRun must be All, not '" + *value + "'");
}

void catch_up(const ApiContext& ctx, const ResourcePath& path) {
  std::optional<actors::ObjectView> now = ctx.plane.get(path.kind->kind, path.namespace_, path.name);
  if (!now) return;
  // A timeout only means the next attempt may conflict again.
  (void)ctx.cache.wait_for(events::object_key(path.kind->kind, path.namespace_, path.name), now->seq, ctx.write_wait);
}

Result<std::optional<int64_t>> int_param(const HttpRequest& request, std::string_view name) {
  std::optional<std::string> text = request.query_param(name);
  if (!text || text->empty()) return std::optional<int64_t>();
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) {
    return Status::invalid_argument(std::string(name) + " must be a whole number, not '" + *text + "'");
  }
  return std::optional<int64_t>(value);
}

}  // namespace herd::server::kube
