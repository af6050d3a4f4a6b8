#include "kube/scale_handler.hpp"

#include "herd/api/codec.hpp"
#include "herd/api/label_selector.hpp"
#include "kube/body_decoding.hpp"
#include "kube/write_handlers.hpp"

namespace herd::server::kube {
namespace {

struct ReplicaView {
  int32_t spec = 0;
  int32_t status = 0;
  std::string selector;
};

std::optional<ReplicaView> replicas_of(const api::Object& object) {
  auto label_selector = [](const std::optional<api::LabelSelector>& s) {
    if (!s) return std::string();
    Result<api::Selector> compiled = api::Selector::from_label_selector(*s);
    return compiled.ok() ? compiled->to_string() : std::string();
  };
  if (const auto* d = std::get_if<api::Deployment>(&object)) {
    return ReplicaView{d->spec.replicas.value_or(1), d->status.replicas, label_selector(d->spec.selector)};
  }
  if (const auto* rs = std::get_if<api::ReplicaSet>(&object)) {
    return ReplicaView{rs->spec.replicas.value_or(1), rs->status.replicas, label_selector(rs->spec.selector)};
  }
  if (const auto* rc = std::get_if<api::ReplicationController>(&object)) {
    return ReplicaView{rc->spec.replicas.value_or(1), rc->status.replicas, api::Selector::from_labels(rc->spec.selector).to_string()};
  }
  return std::nullopt;
}

void set_replicas(api::Object& object, int32_t replicas) {
  if (auto* d = std::get_if<api::Deployment>(&object)) d->spec.replicas = replicas;
  if (auto* rs = std::get_if<api::ReplicaSet>(&object)) rs->spec.replicas = replicas;
  if (auto* rc = std::get_if<api::ReplicationController>(&object)) rc->spec.replicas = replicas;
}

HttpResponse no_scale(const ResourcePath& path) {
  return failure_response(404, "NotFound", "the server could not find the requested resource: " +
                                               resource_label(*path.kind) + " have no scale subresource");
}

}  // namespace

api::Value scale_of(const watch::CachedObject& object) {
  std::optional<ReplicaView> replicas = replicas_of(object.object);
  if (!replicas) return api::Value();
  const api::ObjectMeta& meta = api::meta(object.object);
  api::Value metadata = api::Value::object();
  metadata.set("name", api::Value::string(meta.name));
  metadata.set("namespace", api::Value::string(meta.namespace_));
  metadata.set("uid", api::Value::string(meta.uid));
  metadata.set("resourceVersion", api::Value::string(std::to_string(object.revision)));
  metadata.set("creationTimestamp", api::Value::string(meta.creation_timestamp));
  api::Value spec = api::Value::object();
  spec.set("replicas", api::Value::integer(replicas->spec));
  api::Value status = api::Value::object();
  status.set("replicas", api::Value::integer(replicas->status));
  status.set("selector", api::Value::string(replicas->selector));
  api::Value scale = api::Value::object();
  scale.set("kind", api::Value::string("Scale"));
  scale.set("apiVersion", api::Value::string("autoscaling/v1"));
  scale.set("metadata", std::move(metadata));
  scale.set("spec", std::move(spec));
  scale.set("status", std::move(status));
  return scale;
}

HttpResponse handle_get_scale(const ApiContext& ctx, const ResourcePath& path) {
  watch::CachedPtr object = ctx.cache.get(path.kind->kind, path.namespace_, path.name);
  if (object == nullptr) return not_found_response(*path.kind, path.name);
  api::Value scale = scale_of(*object);
  if (scale.is_null()) return no_scale(path);
  return HttpResponse::json(200, api::to_json(scale));
}

HttpResponse store_scale(const ApiContext& ctx, const ResourcePath& path, const api::Value& scale,
                         const HttpRequest& request) {
  const api::Value* spec = scale.find("spec");
  const api::Value* replicas = spec != nullptr ? spec->find("replicas") : nullptr;
  if (replicas == nullptr || !replicas->is_int() || replicas->as_int() < 0 || replicas->as_int() > INT32_MAX) {
    return failure_response(422, "Invalid", "Scale.autoscaling \"" + path.name +
                                                "\" is invalid: spec.replicas: must be a whole number >= 0",
                            {StatusCause{"FieldValueInvalid", "must be a whole number >= 0", "spec.replicas"}});
  }
  watch::CachedPtr current = ctx.cache.get(path.kind->kind, path.namespace_, path.name);
  if (current == nullptr) return not_found_response(*path.kind, path.name);
  if (!replicas_of(current->object)) return no_scale(path);
  api::Object object = current->object;
  api::meta(object).resource_version.clear();
  if (const api::Value* metadata = scale.find("metadata")) {
    if (const api::Value* rv = metadata->find("resourceVersion"); rv != nullptr && rv->is_string()) {
      api::meta(object).resource_version = rv->as_string();
    }
  }
  set_replicas(object, static_cast<int32_t>(replicas->as_int()));
  Result<bool> dry = dry_run(request);
  if (!dry.ok()) return bad_request(dry.status().message());
  if (*dry) {
    watch::CachedObject preview = *current;
    preview.object = std::move(object);
    return HttpResponse::json(200, api::to_json(scale_of(preview)));
  }
  ResourcePath object_path = path;
  object_path.subresource.clear();
  HttpResponse stored = store_update(ctx, object_path, std::move(object), request);
  if (stored.status != 200) return stored;
  watch::CachedPtr now = ctx.cache.get(path.kind->kind, path.namespace_, path.name);
  if (now == nullptr) return not_found_response(*path.kind, path.name);
  return HttpResponse::json(200, api::to_json(scale_of(*now)));
}

HttpResponse handle_update_scale(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request) {
  Result<api::Value> scale = parse_body(request);
  if (!scale.ok()) return body_failure(scale.status());
  return store_scale(ctx, path, *scale, request);
}

}  // namespace herd::server::kube
