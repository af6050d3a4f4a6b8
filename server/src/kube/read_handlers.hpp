#pragma once

// GET of one object and of a collection (list), served from the WatchCache.
//
// Lists honour labelSelector, fieldSelector, limit and continue. The
// continue token carries the first page's resourceVersion and the key after
// which the next page starts; later pages read the cache as it is then (a
// watch from the list's resourceVersion delivers whatever changed meanwhile).

#include "herd/server/http.hpp"
#include "kube/api_context.hpp"

namespace herd::server::kube {

HttpResponse handle_get(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request);
HttpResponse handle_list(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request);

}  // namespace herd::server::kube
