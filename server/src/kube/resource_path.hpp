#pragma once

// ResourcePath: what a Kubernetes API path names. herd serves the paths of
// kube-apiserver for the kinds it has:
//
//   /api/v1/<plural>                                   every object of a kind (all namespaces)
//   /api/v1/<plural>/<name>[/<subresource>]            a cluster-scoped object
//   /api/v1/namespaces/<ns>/<plural>                   a kind in one namespace
//   /api/v1/namespaces/<ns>/<plural>/<name>[/<sub>]    one namespaced object
//   /apis/<group>/<version>/...                        the same for a named group
//
// (/api/v1/namespaces/<name> is the Namespace itself.)

#include <string>
#include <string_view>

#include "herd/api/object.hpp"
#include "herd/base/result.hpp"

namespace herd::server::kube {

struct ResourcePath {
  const api::KindInfo* kind = nullptr;
  std::string namespace_;    ///< "" for every namespace, or a cluster-scoped kind.
  std::string name;          ///< "" for the collection.
  std::string subresource;   ///< "status", "scale", "log", or "".

  bool collection() const { return name.empty(); }
};

/// Parses the path (still percent-encoded) of a resource request. kNotFound
/// when no kind herd serves lives there (Kubernetes answers 404 too), with a
/// message naming what was not found.
Result<ResourcePath> parse_resource_path(std::string_view path);

}  // namespace herd::server::kube
