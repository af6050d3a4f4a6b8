#pragma once

// Object: any one object of the model, and the table of kinds herd serves.

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "herd/api/batch.hpp"
#include "herd/api/cluster.hpp"
#include "herd/api/config.hpp"
#include "herd/api/networking.hpp"
#include "herd/api/pod.hpp"
#include "herd/api/rbac.hpp"
#include "herd/api/service.hpp"
#include "herd/api/workloads.hpp"

namespace herd::api {

/// One object of any kind, in its current (stored) apiVersion.
using Object = std::variant<Pod, ReplicationController, ReplicaSet, Deployment, Service, Endpoints,
                            ConfigMap, Secret, Job, CronJob, Namespace, Node, Role, ClusterRole,
                            RoleBinding, ClusterRoleBinding, NetworkPolicy, Ingress, Event>;

/// What herd knows about a kind: where it is served and which older
/// apiVersions it still reads (converted on decode, never stored).
struct KindInfo {
  std::string_view kind;      ///< "Deployment"
  std::string_view group;     ///< "apps"; "" for the core group
  std::string_view version;   ///< "v1"
  std::string_view plural;    ///< "deployments"
  std::vector<std::string_view> short_names;  ///< {"deploy"}
  bool namespaced = true;
  std::vector<std::string_view> legacy_api_versions;  ///< {"apps/v1beta1", ...}
  std::size_t index = 0;      ///< Alternative of Object that holds this kind.

  /// "apps/v1", or "v1" for the core group.
  std::string api_version() const;
  /// True when `api_version` is the current one or a legacy one.
  bool accepts(std::string_view api_version) const;
};

/// Every kind, in the order of Object's alternatives.
const std::vector<KindInfo>& all_kinds();

/// The kind named `kind` (exact, as in YAML), or nullptr.
const KindInfo* find_kind(std::string_view kind);

/// The kind for a command-line word: kind name (any case), plural, singular or
/// short name ("deploy", "deployments", "Deployment", "deployment.apps").
const KindInfo* find_kind_by_name(std::string_view word);

/// The kind of an object.
const KindInfo& kind_of(const Object& object);

/// The metadata of any object.
const ObjectMeta& meta(const Object& object);
ObjectMeta& meta(Object& object);

}  // namespace herd::api
