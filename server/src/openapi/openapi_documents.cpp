#include "openapi/openapi_documents.hpp"

#include <map>
#include <utility>

#include <openssl/evp.h>

#include "herd/api/codec.hpp"
#include "herd/base/check.hpp"
#include "openapi/openapi_json.hpp"
#include "openapi/openapi_paths.hpp"
#include "openapi/openapi_schemas.hpp"

namespace herd::server::openapi {
namespace {

// The Kubernetes API version whose types herd's model follows; kubectl does
// not read it.
constexpr std::string_view kApiVersion = "v1.32.0";

std::string group_version_json(std::span<const api::KindInfo* const> kinds) {
  api::Value document = object_of(
      {{"components", object_of({{"schemas", object_from(schemas_for(kinds))}})},
       {"info", object_of({{"title", string_of("Kubernetes")}, {"version", string_of(kApiVersion)}})},
       {"openapi", string_of("3.0.0")},
       {"paths", object_from(paths_for(kinds))}});
  return api::to_json(document);
}

}  // namespace

const OpenApiDocument* OpenApiDocuments::find(std::string_view path) const {
  for (const OpenApiDocument& document : group_versions) {
    if (document.path == path) return &document;
  }
  return nullptr;
}

OpenApiDocuments build_openapi_documents(std::span<const api::KindInfo> kinds) {
  std::map<std::string, std::vector<const api::KindInfo*>> by_path;  // "apis/apps/v1" -> its kinds
  for (const api::KindInfo& kind : kinds) by_path[api_prefix(kind).substr(1)].push_back(&kind);

  OpenApiDocuments documents;
  api::Value listed = api::Value::object();
  for (const auto& [path, members] : by_path) {
    std::string json = group_version_json(members);
    std::string hash = sha256_hex(json);
    listed.set(path, object_of({{"serverRelativeURL", string_of("/openapi/v3/" + path + "?hash=" + hash)}}));
    documents.group_versions.push_back({path, std::move(json), std::move(hash)});
  }
  documents.root.json = api::to_json(object_of({{"paths", std::move(listed)}}));
  documents.root.hash = sha256_hex(documents.root.json);
  return documents;
}

const OpenApiDocuments& openapi_documents() {
  static const OpenApiDocuments documents = build_openapi_documents(api::all_kinds());
  return documents;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HERD_CHECK(EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) == 1) << "SHA-256 failed";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace herd::server::openapi
