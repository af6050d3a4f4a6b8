#include "debug/debug_objects.hpp"

#include <charconv>

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/server/api_status.hpp"
#include "debug/debug_apply.hpp"

namespace herd::server::debug {
namespace {

// 400 BadRequest: the request itself is wrong (Kubernetes answers a bad
// query parameter or path this way, not 422).
HttpResponse bad_request(const Status& status) {
  return failure_response(400, "BadRequest", status.message());
}

Result<std::optional<int64_t>> parse_grace(const std::optional<std::string>& value) {
  if (!value) return std::optional<int64_t>();
  int64_t seconds = 0;
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), seconds);
  if (value->empty() || ec != std::errc() || end != value->data() + value->size() || seconds < 0) {
    return Status::invalid_argument("gracePeriodSeconds must be a whole number >= 0, not '" + *value + "'");
  }
  return std::optional<int64_t>(seconds);
}

}  // namespace

Result<ObjectPath> parse_object_path(const std::string& rest) {
  std::vector<std::string> segments = split_path(rest);
  if (segments.empty()) {
    return Status::invalid_argument("name a kind: /debug/objects/<Kind>[/<namespace>[/<name>]]");
  }
  if (segments.size() > 3) return Status::not_found("no such path: /debug/objects/" + rest);
  ObjectPath path;
  path.kind = api::find_kind_by_name(segments[0]);
  if (path.kind == nullptr) return Status::not_found("unknown kind '" + segments[0] + "'");
  if (segments.size() >= 2) {
    const std::string& ns = segments[1];
    std::string kind(path.kind->kind);
    if (path.kind->namespaced && ns == kClusterScope) {
      return Status::invalid_argument(kind + " is namespaced: name its namespace instead of '-'");
    }
    if (!path.kind->namespaced && ns != kClusterScope) {
      return Status::invalid_argument(kind + " is cluster-scoped: use '-' as its namespace, e.g. /debug/objects/" +
                                      kind + "/-/<name>");
    }
    path.namespace_ = path.kind->namespaced ? ns : "";
  }
  if (segments.size() == 3) path.name = segments[2];
  return path;
}

Result<actors::DeletePropagation> parse_propagation(const std::optional<std::string>& value) {
  if (!value || *value == "Background") return actors::DeletePropagation::kBackground;
  if (*value == "Foreground") return actors::DeletePropagation::kForeground;
  if (*value == "Orphan") return actors::DeletePropagation::kOrphan;
  return Status::invalid_argument("propagationPolicy must be Background, Foreground or Orphan, not '" + *value + "'");
}

HttpResponse handle_get(const actors::ControlPlane& plane, const HttpRequest& request) {
  Result<ObjectPath> path = parse_object_path(request.rest);
  if (!path.ok()) {
    return path.status().code() == StatusCode::kNotFound ? failure_response(path.status()) : bad_request(path.status());
  }
  std::string kind(path->kind->kind);
  if (path->name) {
    std::optional<actors::ObjectView> found = plane.get(kind, *path->namespace_, *path->name);
    if (!found) {
      return failure_response(Status::not_found(std::string(path->kind->plural) + " \"" + *path->name + "\" not found"));
    }
    return HttpResponse::json(200, api::to_json(api::encode_object(found->object)) + "\n");
  }
  api::Value items = api::Value::array();
  for (const actors::ObjectView& view : plane.list(kind, path->namespace_.value_or(""))) {
    items.push_back(api::encode_object(view.object));
  }
  api::Value list = api::Value::object();
  list.set("apiVersion", api::Value::string("v1"));
  list.set("kind", api::Value::string("List"));
  list.set("metadata", api::Value::object());
  list.set("items", std::move(items));
  return HttpResponse::json(200, api::to_json(list) + "\n");
}

HttpResponse handle_delete(actors::ControlPlane& plane, const std::string& actor, const HttpRequest& request) {
  Result<ObjectPath> path = parse_object_path(request.rest);
  if (!path.ok()) {
    return path.status().code() == StatusCode::kNotFound ? failure_response(path.status()) : bad_request(path.status());
  }
  if (!path->name) return bad_request(Status::invalid_argument("name the object: /debug/objects/<Kind>/<namespace>/<name>"));
  Result<actors::DeletePropagation> propagation = parse_propagation(request.query_param("propagationPolicy"));
  if (!propagation.ok()) return bad_request(propagation.status());
  Result<std::optional<int64_t>> grace = parse_grace(request.query_param("gracePeriodSeconds"));
  if (!grace.ok()) return bad_request(grace.status());
  Result<actors::ObjectView> removed =
      plane.remove(path->kind->kind, *path->namespace_, *path->name, *propagation, actor, *grace);
  if (!removed.ok()) return failure_response(removed.status());
  std::string label = resource_label(*path->kind, *path->name);
  std::string shown = label.substr(0, label.find('/')) + " \"" + *path->name + "\" deleted\n";
  return HttpResponse::text(200, std::move(shown));
}

}  // namespace herd::server::debug
