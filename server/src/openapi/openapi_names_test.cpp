#include "openapi/openapi_names.hpp"

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "herd/api/object.hpp"
#include "herd/api/type_info.hpp"
#include "openapi/openapi_schemas.hpp"

namespace herd::server::openapi {
namespace {

// Walks a kind as the schema writer does, recording each Kubernetes name
// with the herd struct it was given to ("" when a use has no name).
void walk(const api::TypeInfo& type, const NameContext& where, std::map<std::string, std::string>& names,
          std::vector<std::string>& unnamed) {
  std::string name = schema_name(type.name, where);
  if (name.empty()) {
    unnamed.push_back(std::string(type.name) + " in " + std::string(where.kind) + "." +
                      std::string(where.owner) + "." + std::string(where.field));
    return;
  }
  if (!names.emplace(name, type.name).second) return;
  for (const api::FieldInfo& field : type.fields) {
    if (field.type != nullptr) walk(*field.type, {where.kind, type.name, field.name}, names, unnamed);
  }
}

TEST(OpenApiNames, EveryStructReachableFromAKindHasAName) {
  std::map<std::string, std::string> names;  // Kubernetes name -> herd struct
  std::vector<std::string> unnamed;
  for (const api::KindInfo& kind : api::all_kinds()) {
    walk(kind_type(kind), {kind.kind, "", ""}, names, unnamed);
  }
  EXPECT_TRUE(unnamed.empty()) << "no Kubernetes name for: " << ::testing::PrintToString(unnamed);
  EXPECT_GT(names.size(), 100u);
}

TEST(OpenApiNames, KindsAreNamedAfterTheirGoPackage) {
  const api::KindInfo* deployment = api::find_kind("Deployment");
  ASSERT_NE(deployment, nullptr);
  EXPECT_EQ(kind_schema_name(*deployment), "io.k8s.api.apps.v1.Deployment");
  EXPECT_EQ(list_schema_name(*deployment), "io.k8s.api.apps.v1.DeploymentList");
  EXPECT_EQ(kind_schema_name(*api::find_kind("Pod")), "io.k8s.api.core.v1.Pod");
  EXPECT_EQ(kind_schema_name(*api::find_kind("CronJob")), "io.k8s.api.batch.v1.CronJob");
  EXPECT_EQ(kind_schema_name(*api::find_kind("Ingress")), "io.k8s.api.networking.v1.Ingress");
  EXPECT_EQ(kind_schema_name(*api::find_kind("ClusterRoleBinding")), "io.k8s.api.rbac.v1.ClusterRoleBinding");
  EXPECT_EQ(schema_name("ObjectMeta", {"Pod", "Pod", "metadata"}), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
}

TEST(OpenApiNames, InitialismsAreCapitalisedAsInGo) {
  EXPECT_EQ(schema_name("IpBlock", {"NetworkPolicy", "NetworkPolicyPeer", "ipBlock"}),
            "io.k8s.api.networking.v1.IPBlock");
  EXPECT_EQ(schema_name("HttpGetAction", {"Pod", "Probe", "httpGet"}), "io.k8s.api.core.v1.HTTPGetAction");
  EXPECT_EQ(schema_name("ClientIpConfig", {"Service", "SessionAffinityConfig", "clientIP"}),
            "io.k8s.api.core.v1.ClientIPConfig");
}

TEST(OpenApiNames, SharedStructsAreNamedByWhereTheyAreUsed) {
  EXPECT_EQ(schema_name("ReplicaStatus", {"ReplicaSet", "ReplicaSet", "status"}),
            "io.k8s.api.apps.v1.ReplicaSetStatus");
  EXPECT_EQ(schema_name("ReplicaStatus", {"ReplicationController", "ReplicationController", "status"}),
            "io.k8s.api.core.v1.ReplicationControllerStatus");
  EXPECT_EQ(schema_name("Condition", {"ReplicaSet", "ReplicaStatus", "conditions"}),
            "io.k8s.api.apps.v1.ReplicaSetCondition");
  EXPECT_EQ(schema_name("Condition", {"Pod", "PodStatus", "conditions"}), "io.k8s.api.core.v1.PodCondition");
  EXPECT_EQ(schema_name("Condition", {"Deployment", "DeploymentStatus", "conditions"}),
            "io.k8s.api.apps.v1.DeploymentCondition");
  EXPECT_EQ(schema_name("KeySelector", {"Pod", "EnvVarSource", "secretKeyRef"}),
            "io.k8s.api.core.v1.SecretKeySelector");
  EXPECT_EQ(schema_name("PodIp", {"Pod", "PodStatus", "hostIPs"}), "io.k8s.api.core.v1.HostIP");
  EXPECT_EQ(schema_name("LoadBalancerStatus", {"Ingress", "IngressStatus", "loadBalancer"}),
            "io.k8s.api.networking.v1.IngressLoadBalancerStatus");
}

TEST(OpenApiNames, AStructOutsideTheTableHasNoName) {
  EXPECT_EQ(schema_name("NoSuchStruct", {"Pod", "PodSpec", "x"}), "");
  EXPECT_EQ(schema_name("Condition", {"Pod", "Container", "x"}), "");
}

}  // namespace
}  // namespace herd::server::openapi
