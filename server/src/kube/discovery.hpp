#pragma once

// Discovery: the documents with which clients learn what the server serves
// before they ask for anything (kubectl reads them first, and caches them):
//
//   GET /version            {"major":"1","minor":"32","gitVersion":"v1.32.0+herd.<version>",...}
//   GET /api                APIVersions: ["v1"]
//   GET /apis               APIGroupList: apps, batch, networking.k8s.io, rbac.authorization.k8s.io
//   GET /api/v1, /apis/G/V  APIResourceList: each kind's plural, verbs, short names,
//                           categories, and its subresources (status, scale, log)
//
// herd answers the Kubernetes version whose API it follows (1.32), so that
// kubectl does not warn about version skew; herd's own version is in the
// build metadata of gitVersion.
//
// Only the plain (unaggregated) documents: kubectl asks for aggregated
// discovery first and falls back to these when the answer is plain JSON.

#include <optional>
#include <string>
#include <string_view>

namespace herd::server::kube {

/// The /version document; `herd_version` is e.g. "0.1.0".
std::string version_document(std::string_view herd_version);
/// The /api document.
std::string core_versions_document();
/// The /apis document.
std::string group_list_document();
/// The APIResourceList of "v1" (core) or "apps/v1" etc.; nullopt for a
/// group version herd does not serve.
std::optional<std::string> resource_list_document(std::string_view group_version);

}  // namespace herd::server::kube
