#pragma once

// Resource words and paths: what a command-line word such as "deploy",
// "deployments.apps" or "deploy/web" names, where the API server serves it
// (/api/v1/... for the core group, /apis/<group>/<version>/... else), and
// the names kubectl prints for it ("deployment.apps/web" for -o name and
// apply, "deployments.apps" in errors).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/object.hpp"
#include "herd/base/result.hpp"

namespace herd::cli::herdctl {

/// A kind and, when one was named, an object of it.
struct ResourceRef {
  const api::KindInfo* kind = nullptr;
  std::string name;
};

/// The kind a word names (kind, plural, singular or short name, optionally
/// with ".group"). kInvalidArgument `the server doesn't have a resource type
/// "x"`.
Result<const api::KindInfo*> resolve_kind(std::string_view word);

/// The kinds of "deploy,rs" (a comma-separated list).
Result<std::vector<const api::KindInfo*>> resolve_kinds(std::string_view words);

/// The objects command-line arguments name, as kubectl reads them: either
/// every argument is KIND/NAME, or the first is KIND[,KIND] and the rest are
/// NAMEs (then one ref per kind and name; with no names, one ref per kind
/// with an empty name). kInvalidArgument for an empty list, an unknown kind,
/// or a mix of the two forms.
Result<std::vector<ResourceRef>> parse_resource_args(const std::vector<std::string>& args);

/// The namespace a request for `kind` goes to: "" for cluster-scoped kinds
/// and for all namespaces, else `namespace_`.
std::string request_namespace(const api::KindInfo& kind, const std::string& namespace_, bool all_namespaces);

/// The collection path of `kind` in `namespace_` ("" = all namespaces, or
/// a cluster-scoped kind): "/apis/apps/v1/namespaces/default/deployments".
std::string collection_path(const api::KindInfo& kind, const std::string& namespace_);

/// One object's path, optionally with a subresource ("scale", "status", "log").
std::string object_path(const api::KindInfo& kind, const std::string& namespace_, const std::string& name,
                        const std::string& subresource = "");

/// `path` with the query parameters whose values are not empty, encoded.
std::string with_query(const std::string& path, const std::map<std::string, std::string>& params);

/// "deployment.apps" / "pod": the kind's lower-case name and group.
std::string kind_label(const api::KindInfo& kind);

/// "deployment.apps/web": how apply, scale and -o name print an object.
std::string qualified_name(const api::KindInfo& kind, const std::string& name);

/// `deployment.apps "web"`: how delete names an object.
std::string quoted_name(const api::KindInfo& kind, const std::string& name);

}  // namespace herd::cli::herdctl
