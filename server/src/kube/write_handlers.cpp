#include "kube/write_handlers.hpp"

#include <charconv>

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "kube/body_decoding.hpp"
#include "kube/change_cause.hpp"
#include "kube/list_filter.hpp"

namespace herd::server::kube {
namespace {

// Kubernetes' words for a stale resourceVersion.
constexpr char kModified[] = "the object has been modified; please apply your changes to the latest version and try again";

// The path decides the namespace; a body that names another one is refused.
std::optional<HttpResponse> place(const ResourcePath& path, api::Object& object) {
  api::ObjectMeta& meta = api::meta(object);
  if (!path.kind->namespaced) {
    meta.namespace_.clear();
    return std::nullopt;
  }
  if (path.namespace_.empty()) return bad_request("a namespaced object is created in a namespace: /namespaces/<ns>/...");
  if (meta.namespace_.empty()) meta.namespace_ = path.namespace_;
  if (meta.namespace_ != path.namespace_) {
    return bad_request("the namespace of the provided object does not match the namespace sent on the request");
  }
  return std::nullopt;
}

HttpResponse settled_response(const ApiContext& ctx, const ResourcePath& path, const actors::ObjectView& view, int code,
                              const std::vector<std::string>& warnings = {}) {
  Result<watch::CachedPtr> shown = settle(ctx, *path.kind, view);
  if (!shown.ok()) return failure_response(shown.status());
  HttpResponse response;
  if (*shown == nullptr) {
    api::Value details = api::Value::object();
    details.set("name", api::Value::string(api::meta(view.object).name));
    if (!path.kind->group.empty()) details.set("group", api::Value::string(std::string(path.kind->group)));
    details.set("kind", api::Value::string(std::string(path.kind->plural)));
    details.set("uid", api::Value::string(api::meta(view.object).uid));
    response = success_response(std::move(details));
  } else {
    response = object_response(code, **shown);
  }
  add_warnings(response, warnings);
  return response;
}

struct DeleteOptions {
  actors::DeletePropagation propagation = actors::DeletePropagation::kBackground;
  std::optional<int64_t> grace_seconds;
  std::string precondition_uid;
  std::string precondition_revision;
};

Result<actors::DeletePropagation> parse_propagation(const std::string& text) {
  if (text == "Background") return actors::DeletePropagation::kBackground;
  if (text == "Foreground") return actors::DeletePropagation::kForeground;
  if (text == "Orphan") return actors::DeletePropagation::kOrphan;
  return Status::invalid_argument("propagationPolicy must be Background, Foreground or Orphan, not '" + text + "'");
}

// DeleteOptions come as a body (kubectl) or as query parameters (curl).
Result<DeleteOptions> delete_options(const HttpRequest& request) {
  DeleteOptions options;
  if (request.body.find_first_not_of(" \t\r\n") != std::string::npos) {
    Result<api::Value> body = api::parse_json_value(request.body);
    if (!body.ok()) return Status::invalid_argument("DeleteOptions: " + body.status().message());
    if (const api::Value* p = body->find("propagationPolicy"); p != nullptr && p->is_string()) {
      HERD_ASSIGN_OR_RETURN(options.propagation, parse_propagation(p->as_string()));
    }
    if (const api::Value* o = body->find("orphanDependents"); o != nullptr && o->is_bool() && o->as_bool()) {
      options.propagation = actors::DeletePropagation::kOrphan;
    }
    if (const api::Value* g = body->find("gracePeriodSeconds"); g != nullptr && g->is_int()) options.grace_seconds = g->as_int();
    if (const api::Value* pre = body->find("preconditions"); pre != nullptr && pre->is_object()) {
      if (const api::Value* uid = pre->find("uid"); uid && uid->is_string()) options.precondition_uid = uid->as_string();
      if (const api::Value* rv = pre->find("resourceVersion"); rv && rv->is_string()) {
        options.precondition_revision = rv->as_string();
      }
    }
  }
  if (std::optional<std::string> p = request.query_param("propagationPolicy")) {
    HERD_ASSIGN_OR_RETURN(options.propagation, parse_propagation(*p));
  }
  Result<std::optional<int64_t>> grace = int_param(request, "gracePeriodSeconds");
  if (!grace.ok()) return grace.status();
  if (*grace) options.grace_seconds = *grace;
  if (options.grace_seconds && *options.grace_seconds < 0) {
    return Status::invalid_argument("gracePeriodSeconds must be >= 0");
  }
  return options;
}

}  // namespace

HttpResponse handle_create(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request) {
  DecodedBody body = decode_request(request, path);
  if (!body.object) return body.failure;
  if (std::optional<HttpResponse> refused = place(path, *body.object)) return *refused;
  api::meta(*body.object).resource_version.clear();
  std::string name = api::meta(*body.object).name;
  Result<bool> dry = dry_run(request);
  if (!dry.ok()) return bad_request(dry.status().message());
  if (*dry) {
    HttpResponse response = HttpResponse::json(201, api::to_json(api::encode_object(*body.object)));
    add_warnings(response, body.warnings);
    return response;
  }
  record_change_cause(nullptr, *body.object, request);
  Result<actors::ObjectView> created = ctx.plane.create(std::move(*body.object), actor_of(request));
  if (!created.ok()) return failure_for(created.status(), *path.kind, name);
  return settled_response(ctx, path, *created, 201, body.warnings);
}

HttpResponse store_update(const ApiContext& ctx, const ResourcePath& path, api::Object object,
                          const HttpRequest& request) {
  api::ObjectMeta& meta = api::meta(object);
  watch::CachedPtr current = ctx.cache.get(path.kind->kind, path.namespace_, path.name);
  if (!meta.resource_version.empty()) {
    uint64_t revision = 0;
    auto [end, ec] = std::from_chars(meta.resource_version.data(), meta.resource_version.data() + meta.resource_version.size(),
                                     revision);
    if (ec != std::errc() || end != meta.resource_version.data() + meta.resource_version.size()) {
      return bad_request("metadata.resourceVersion '" + meta.resource_version + "' is not one this server gave");
    }
    if (current == nullptr) return not_found_response(*path.kind, path.name);
    if (current->revision != revision) return failure_for(Status::conflict(kModified), *path.kind, path.name);
    meta.resource_version = std::to_string(current->seq);
  }
  std::string actor = actor_of(request);
  if (path.subresource != "status") record_change_cause(current ? &current->object : nullptr, object, request);
  Result<bool> dry = dry_run(request);
  if (!dry.ok()) return bad_request(dry.status().message());
  if (*dry) {
    if (current == nullptr) return not_found_response(*path.kind, path.name);
    api::meta(object).resource_version = std::to_string(current->revision);
    return HttpResponse::json(200, api::to_json(api::encode_object(object)));
  }
  Result<actors::ObjectView> updated =
      path.subresource == "status" ? ctx.plane.update_status(std::move(object), actor) : ctx.plane.update(std::move(object), actor);
  if (!updated.ok()) {
    if (updated.status().code() == StatusCode::kConflict) return failure_for(Status::conflict(kModified), *path.kind, path.name);
    return failure_for(updated.status(), *path.kind, path.name);
  }
  return settled_response(ctx, path, *updated, 200);
}

HttpResponse handle_update(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request) {
  DecodedBody body = decode_request(request, path);
  if (!body.object) return body.failure;
  if (std::optional<HttpResponse> refused = place(path, *body.object)) return *refused;
  const std::string& name = api::meta(*body.object).name;
  if (name != path.name) {
    return bad_request("the name of the object (" + name + ") does not match the name on the URL (" + path.name + ")");
  }
  HttpResponse response = store_update(ctx, path, std::move(*body.object), request);
  add_warnings(response, body.warnings);
  return response;
}

HttpResponse handle_delete(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request) {
  Result<DeleteOptions> options = delete_options(request);
  if (!options.ok()) return bad_request(options.status().message());
  watch::CachedPtr current = ctx.cache.get(path.kind->kind, path.namespace_, path.name);
  if (current == nullptr) return not_found_response(*path.kind, path.name);
  if (path.kind->kind == "Namespace" &&
      (path.name == "default" || path.name == "kube-system" || path.name == "kube-public")) {
    return failure_response(403, "Forbidden", "namespaces \"" + path.name + "\" is forbidden: this namespace may not be deleted");
  }
  if (!options->precondition_uid.empty() && options->precondition_uid != api::meta(current->object).uid) {
    return failure_for(Status::conflict("Precondition failed: UID in precondition: " + options->precondition_uid +
                                        ", UID in object meta: " + api::meta(current->object).uid),
                       *path.kind, path.name);
  }
  if (!options->precondition_revision.empty() && options->precondition_revision != std::to_string(current->revision)) {
    return failure_for(Status::conflict(kModified), *path.kind, path.name);
  }
  Result<bool> dry = dry_run(request);
  if (!dry.ok()) return bad_request(dry.status().message());
  if (*dry) return object_response(200, *current);
  Result<actors::ObjectView> removed = ctx.plane.remove(path.kind->kind, path.namespace_, path.name, options->propagation,
                                                        actor_of(request), options->grace_seconds);
  if (!removed.ok()) return failure_for(removed.status(), *path.kind, path.name);
  return settled_response(ctx, path, *removed, 200);
}

HttpResponse handle_delete_collection(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request) {
  Result<ListFilter> filter = ListFilter::from_request(request, *path.kind);
  if (!filter.ok()) return bad_request(filter.status().message());
  Result<DeleteOptions> options = delete_options(request);
  if (!options.ok()) return bad_request(options.status().message());
  Result<bool> dry = dry_run(request);
  if (!dry.ok()) return bad_request(dry.status().message());
  watch::Listing listing = ctx.cache.list(path.kind->kind, path.namespace_);
  for (const watch::CachedPtr& object : listing.objects) {
    if (*dry || !filter->matches(object->object)) continue;
    const api::ObjectMeta& meta = api::meta(object->object);
    Result<actors::ObjectView> removed = ctx.plane.remove(path.kind->kind, meta.namespace_, meta.name,
                                                          options->propagation, actor_of(request), options->grace_seconds);
    if (!removed.ok() && removed.status().code() != StatusCode::kNotFound) {
      return failure_for(removed.status(), *path.kind, meta.name);
    }
  }
  return success_response();
}

}  // namespace herd::server::kube
