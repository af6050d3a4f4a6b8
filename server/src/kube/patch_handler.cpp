#include "kube/patch_handler.hpp"

#include "herd/api/codec.hpp"
#include "herd/api/type_info.hpp"
#include "kube/body_decoding.hpp"
#include "kube/scale_handler.hpp"
#include "kube/write_handlers.hpp"
#include "patch/json_merge_patch.hpp"
#include "patch/json_patch.hpp"
#include "patch/strategic_merge_patch.hpp"

namespace herd::server::kube {
namespace {

// How often a patch is applied again when the object changed under it.
constexpr int kAttempts = 5;

enum class PatchType { kMerge, kJson, kStrategic };

Result<PatchType> patch_type(const HttpRequest& request) {
  std::string type = request.header("content-type");
  type = type.substr(0, type.find(';'));
  if (type == "application/merge-patch+json") return PatchType::kMerge;
  if (type == "application/json-patch+json") return PatchType::kJson;
  if (type == "application/strategic-merge-patch+json") return PatchType::kStrategic;
  return Status::unimplemented("the body of the request was in an unknown format - accepted media types include: "
                               "application/json-patch+json, application/merge-patch+json, "
                               "application/strategic-merge-patch+json (not '" + type + "')");
}

const api::TypeInfo& type_of(const api::Object& object) {
  return std::visit([](const auto& o) -> const api::TypeInfo& { return api::type_info_of<std::decay_t<decltype(o)>>(); },
                    object);
}

// Whether the patch names a resourceVersion (then it must hold, not be retried).
bool names_resource_version(const api::Value& patch, PatchType type) {
  if (type == PatchType::kJson) {
    if (!patch.is_array()) return false;
    for (const api::Value& op : patch.as_array()) {
      const api::Value* p = op.find("path");
      if (p != nullptr && p->is_string() && p->as_string() == "/metadata/resourceVersion") return true;
    }
    return false;
  }
  const api::Value* metadata = patch.find("metadata");
  return metadata != nullptr && metadata->find("resourceVersion") != nullptr;
}

Result<api::Value> apply(PatchType type, api::Value document, const api::Value& patch, const api::TypeInfo* schema) {
  switch (type) {
    case PatchType::kMerge: return patch::apply_merge_patch(std::move(document), patch);
    case PatchType::kJson: return patch::apply_json_patch(std::move(document), patch);
    case PatchType::kStrategic:
      // A Scale has no lists, where strategic and plain merge differ.
      if (schema == nullptr) return patch::apply_merge_patch(std::move(document), patch);
      return patch::apply_strategic_merge_patch(std::move(document), patch, *schema);
  }
  return Status::internal("unknown patch type");
}

// One attempt: the patched object stored, or the failure to answer.
HttpResponse attempt(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request, PatchType type,
                     const api::Value& patch) {
  watch::CachedPtr current = ctx.cache.get(path.kind->kind, path.namespace_, path.name);
  if (current == nullptr) return not_found_response(*path.kind, path.name);
  bool scale = path.subresource == "scale";
  api::Value document = scale ? scale_of(*current) : object_value(*current);
  if (document.is_null()) return failure_response(404, "NotFound", resource_label(*path.kind) + " have no scale subresource");
  Result<api::Value> patched = apply(type, std::move(document), patch, scale ? nullptr : &type_of(current->object));
  if (!patched.ok()) return failure_response(422, "Invalid", patched.status().message());
  if (scale) return store_scale(ctx, path, *patched, request);
  DecodedBody body = decode_body(*patched, path, request);
  if (!body.object) return body.failure;
  const api::ObjectMeta& meta = api::meta(*body.object);
  if (meta.name != path.name || meta.namespace_ != path.namespace_) {
    return bad_request("a patch cannot change metadata.name or metadata.namespace");
  }
  HttpResponse response = store_update(ctx, path, std::move(*body.object), request);
  add_warnings(response, body.warnings);
  return response;
}

}  // namespace

HttpResponse handle_patch(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request) {
  Result<PatchType> type = patch_type(request);
  if (!type.ok()) return failure_response(415, "UnsupportedMediaType", type.status().message());
  Result<api::Value> patch = api::parse_json_value(request.body);
  if (!patch.ok()) return bad_request("the patch is not JSON: " + patch.status().message());
  bool retry = !names_resource_version(*patch, *type);
  HttpResponse response;
  for (int i = 0; i < kAttempts; ++i) {
    response = attempt(ctx, path, request, *type, *patch);
    if (response.status != 409 || !retry) break;
    catch_up(ctx, path);
  }
  return response;
}

}  // namespace herd::server::kube
