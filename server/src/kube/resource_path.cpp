#include "kube/resource_path.hpp"

#include <vector>

#include "herd/server/http.hpp"

namespace herd::server::kube {
namespace {

const api::KindInfo* find_resource(std::string_view group, std::string_view version, std::string_view plural) {
  for (const api::KindInfo& kind : api::all_kinds()) {
    if (kind.group == group && kind.version == version && kind.plural == plural) return &kind;
  }
  return nullptr;
}

Status not_found(std::string_view path) {
  return Status::not_found("the server could not find the requested resource (" + std::string(path) + ")");
}

}  // namespace

Result<ResourcePath> parse_resource_path(std::string_view path) {
  std::vector<std::string> segments = split_path(path);
  std::string group;
  std::size_t at = 0;
  if (segments.size() >= 2 && segments[0] == "api") {
    at = 1;
  } else if (segments.size() >= 3 && segments[0] == "apis") {
    group = segments[1];
    at = 2;
  } else {
    return not_found(path);
  }
  std::string version = segments[at++];
  std::vector<std::string> rest(segments.begin() + static_cast<std::ptrdiff_t>(at), segments.end());
  ResourcePath out;
  // namespaces/<ns>/<plural>...: a namespaced request; but namespaces/<name>/status is the
  // Namespace's own subresource.
  bool namespace_subresource = group.empty() && rest.size() == 3 && (rest[2] == "status" || rest[2] == "finalize");
  if (rest.size() >= 3 && rest[0] == "namespaces" && !namespace_subresource) {
    out.namespace_ = rest[1];
    rest.erase(rest.begin(), rest.begin() + 2);
  }
  if (rest.empty() || rest.size() > 3) return not_found(path);
  out.kind = find_resource(group, version, rest[0]);
  if (out.kind == nullptr) return not_found(path);
  if (!out.namespace_.empty() && !out.kind->namespaced) return not_found(path);
  if (rest.size() >= 2) out.name = rest[1];
  if (rest.size() == 3) out.subresource = rest[2];
  return out;
}

}  // namespace herd::server::kube
