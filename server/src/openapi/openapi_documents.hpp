#pragma once

// The OpenAPI v3 documents herd serves under /openapi/v3, generated from its
// own model at run time, as kube-apiserver publishes them: one document per
// group-version ("api/v1", "apis/apps/v1", ...) holding the paths of its kinds
// and the schemas they use, and a root document that lists them with a
// content hash in each URL:
//
//   {"paths":{"apis/apps/v1":{"serverRelativeURL":"/openapi/v3/apis/apps/v1?hash=<HASH>"},...}}
//
// kubectl reads the root, then the document of an object's group-version:
// for the patch metadata `apply` needs and to learn whether the server
// validates fields itself. The hash lets it cache a document for good.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/object.hpp"

namespace herd::server::openapi {

/// One document, ready to send.
struct OpenApiDocument {
  std::string path;  ///< Below /openapi/v3/: "api/v1", "apis/apps/v1"; "" for the root.
  std::string json;  ///< Compact JSON.
  std::string hash;  ///< SHA-256 of `json` as upper-case hex: ETag and URL `hash`.
};

/// The root and the group-version documents of a set of kinds.
struct OpenApiDocuments {
  OpenApiDocument root;
  std::vector<OpenApiDocument> group_versions;  ///< Ordered by path.

  /// The group-version document at `path` ("apis/apps/v1"), or nullptr.
  const OpenApiDocument* find(std::string_view path) const;
};

/// Builds the documents of `kinds`: one per group-version they are served
/// in. The same kinds always give the same bytes, and so the same hashes.
OpenApiDocuments build_openapi_documents(std::span<const api::KindInfo> kinds);

/// The documents of every kind herd serves (api::all_kinds()), built on the
/// first call, from any thread, and the same for the rest of the process.
const OpenApiDocuments& openapi_documents();

/// SHA-256 of `data` as 64 upper-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace herd::server::openapi
