#pragma once

// The writes of the Kubernetes API: create (POST), update (PUT, also of the
// status subresource), delete and deletecollection. Each goes to the
// ControlPlane (which appends it to the log) and answers once the
// WatchCache shows it.
//
// resourceVersion: clients send back the cluster-wide revision the cache
// gave them; an update whose revision is not the object's current one is a
// 409 Conflict, as in Kubernetes. The control plane itself checks the
// object's own seq, which the revision is translated to, so a write that
// races another one between the two checks is refused there.

#include "herd/server/http.hpp"
#include "kube/api_context.hpp"

namespace herd::server::kube {

HttpResponse handle_create(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request);
HttpResponse handle_update(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request);
HttpResponse handle_delete(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request);
HttpResponse handle_delete_collection(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request);

/// Stores `object` (already decoded and checked against the path) as an
/// update of the object at `path`: translates its resourceVersion, writes
/// the spec (or, for path.subresource "status", the status) and answers
/// with the object as the cache then shows it; a Deployment whose template
/// changes gets its change-cause (change_cause.hpp). Patch and scale use it too.
HttpResponse store_update(const ApiContext& ctx, const ResourcePath& path, api::Object object,
                          const HttpRequest& request);

}  // namespace herd::server::kube
