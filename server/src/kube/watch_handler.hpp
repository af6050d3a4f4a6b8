#pragma once

// GET ...?watch=true: a stream of watch events, one JSON object per line
// ({"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":{...}}), fed by
// the WatchCache.
//
// resourceVersion: unset or "0" starts with an ADDED for every current
// object; a revision a list or an earlier event gave resumes right after it;
// a revision older than the cache's window (or from another run of the
// server) gets one ERROR event with a 410 Expired Status, after which
// clients relist. labelSelector and fieldSelector apply as in Kubernetes: an
// object that stops matching is DELETED for the watcher, one that starts
// matching is ADDED. allowWatchBookmarks gets BOOKMARK events (sent by
// KubeApi's ticker); timeoutSeconds ends the stream.

#include "herd/server/http.hpp"
#include "kube/api_context.hpp"

namespace herd::server::kube {

HttpResponse handle_watch(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request);

}  // namespace herd::server::kube
