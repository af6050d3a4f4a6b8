#pragma once

// PATCH of an object, its status or its scale, in the three patch types
// kube-apiserver takes by Content-Type:
//
//   application/merge-patch+json            RFC 7386 (kubectl patch --type merge, kubectl scale)
//   application/json-patch+json             RFC 6902 (kubectl patch --type json)
//   application/strategic-merge-patch+json  Kubernetes' strategic merge (kubectl apply, edit, set image)
//
// The patch applies to the object as the cache has it; the result is decoded
// and validated like an update body (with fieldValidation) and stored as an
// update. When another writer gets in between, the patch is applied again
// to the new object (a few times), unless the patch itself names a
// resourceVersion: then it is a precondition and the answer is 409.

#include "herd/server/http.hpp"
#include "kube/api_context.hpp"

namespace herd::server::kube {

HttpResponse handle_patch(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request);

}  // namespace herd::server::kube
