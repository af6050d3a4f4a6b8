#pragma once

// The OpenAPI v3 documents kubectl reads before `kubectl apply`: how each
// kind's lists merge under a strategic merge patch, and whether the server
// validates fields itself (then kubectl sends ?fieldValidation=Strict instead
// of validating on its side). They are generated from herd's model.
//
//   GET /openapi/v3                    the root: each group-version's URL, with a content hash
//   GET /openapi/v3/<group-version>    e.g. /openapi/v3/apis/apps/v1?hash=<HASH>
//
// /openapi/v2 is not served (404): kubectl 1.32 falls back to it only when v3
// fails.

#include "herd/server/router.hpp"

namespace herd::server {

/// Adds the GET /openapi/v3 routes above. Both answer application/json with
/// an ETag (the quoted hash) and 304 to a matching If-None-Match. A
/// group-version document asked for with its current ?hash= may be cached
/// for good (Cache-Control "public, immutable", Expires a year ahead); with
/// another hash it answers 301 to its current URL, as kube-apiserver does;
/// anything else is Cache-Control "no-cache, private". An unknown path
/// answers 404 and an Accept header that admits no JSON 406, both as
/// Kubernetes Status objects. The documents are built on the first request
/// (once per process); handlers are safe from any thread.
void add_openapi_routes(Router& router);

}  // namespace herd::server
