#pragma once

// The names Kubernetes gives herd's structs in OpenAPI documents.
//
// herd's schema tables are named after C++ structs ("IpBlock", "PodIp",
// "ReplicaStatus"); Kubernetes publishes Go types under their package
// ("io.k8s.api.networking.v1.IPBlock"). Most structs map one to one, but
// herd shares a few structs where Kubernetes has one type per use: a
// Condition is a PodCondition in a PodStatus and a DeploymentCondition in a
// DeploymentStatus, ReplicaStatus is a ReplicaSetStatus or a
// ReplicationControllerStatus by kind. So a name depends on where the struct
// is used, which NameContext says.

#include <string>
#include <string_view>

namespace herd::server::openapi {

/// The package of Kubernetes' meta/v1 types (ObjectMeta, ListMeta, Status, ...).
inline constexpr std::string_view kMetaPackage = "io.k8s.apimachinery.pkg.apis.meta.v1";

/// Where a struct is used: the kind whose schema is being written and the
/// field (of the struct `owner`) that holds it; owner and field are "" for
/// the kind's own struct. All three are herd's names (schema table names and
/// wire field names).
struct NameContext {
  std::string_view kind;
  std::string_view owner;
  std::string_view field;
};

/// The schema name Kubernetes v1.32 publishes for herd's struct `type` used
/// where `where` says: schema_name("ReplicaStatus", {"ReplicaSet", "ReplicaSet",
/// "status"}) is "io.k8s.api.apps.v1.ReplicaSetStatus". "" when the table has
/// no name for that use (a model struct added without a line here; a test
/// walks every kind to catch it).
std::string schema_name(std::string_view type, const NameContext& where);

}  // namespace herd::server::openapi
