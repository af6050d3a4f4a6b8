#pragma once

// GET and DELETE /debug/objects/<Kind>[/<namespace>[/<name>]]: reading and
// deleting objects of the ControlPlane by path.

#include <optional>
#include <string>
#include <vector>

#include "herd/actors/control_plane.hpp"
#include "herd/api/object.hpp"
#include "herd/base/result.hpp"
#include "herd/server/http.hpp"

namespace herd::server::debug {

/// The path after /debug/objects/, resolved: the kind; the namespace
/// ("" for cluster-scoped kinds, whose path segment is "-"; nullopt when
/// the path names none, i.e. all namespaces); the name (nullopt for a list).
struct ObjectPath {
  const api::KindInfo* kind = nullptr;
  std::optional<std::string> namespace_;
  std::optional<std::string> name;
};

/// The namespace segment of cluster-scoped kinds.
inline constexpr const char* kClusterScope = "-";

/// Parses "<Kind>[/<ns>[/<name>]]" (percent-encoded segments). kNotFound for
/// an unknown kind or more than three segments; kInvalidArgument for no
/// kind, "-" on a namespaced kind, or a namespace on a cluster-scoped one.
Result<ObjectPath> parse_object_path(const std::string& rest);

/// Reads Kubernetes' propagationPolicy query value; absent means
/// Background (kubectl's default). kInvalidArgument for another word.
Result<actors::DeletePropagation> parse_propagation(const std::optional<std::string>& value);

/// GET: one object as JSON, or {"apiVersion":"v1","kind":"List","items":[...]}.
HttpResponse handle_get(const actors::ControlPlane& plane, const HttpRequest& request);

/// DELETE: answers `deployment.apps "NAME" deleted` as kubectl prints it.
HttpResponse handle_delete(actors::ControlPlane& plane, const std::string& actor, const HttpRequest& request);

}  // namespace herd::server::debug
