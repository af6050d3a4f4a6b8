#pragma once

// The scale subresource (autoscaling/v1 Scale) of Deployments, ReplicaSets
// and ReplicationControllers: what `kubectl scale` reads and writes. A Scale
// is a view of the object: spec.replicas, status.replicas and the selector
// as a string; writing it changes the object's spec.replicas.

#include "herd/api/value.hpp"
#include "herd/server/http.hpp"
#include "kube/api_context.hpp"

namespace herd::server::kube {

/// The Scale of `object`; null Value for a kind without replicas.
api::Value scale_of(const watch::CachedObject& object);

HttpResponse handle_get_scale(const ApiContext& ctx, const ResourcePath& path);
/// Stores the replicas of `scale` (a Scale document, e.g. a PUT body or the
/// result of a patch) in the object at `path` and answers the new Scale.
HttpResponse store_scale(const ApiContext& ctx, const ResourcePath& path, const api::Value& scale,
                         const HttpRequest& request);
HttpResponse handle_update_scale(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request);

}  // namespace herd::server::kube
