#include "kube/resource_path.hpp"

#include <gtest/gtest.h>

namespace herd::server::kube {
namespace {

std::string describe(std::string_view path) {
  Result<ResourcePath> p = parse_resource_path(path);
  if (!p.ok()) return "error: " + std::string(p.status().code() == StatusCode::kNotFound ? "NotFound" : "other");
  return std::string(p->kind->kind) + " ns=" + p->namespace_ + " name=" + p->name + " sub=" + p->subresource;
}

TEST(ResourcePathTest, NamespacedAndClusterScopedPaths) {
  EXPECT_EQ(describe("/api/v1/pods"), "Pod ns= name= sub=");
  EXPECT_EQ(describe("/api/v1/namespaces/team-a/pods"), "Pod ns=team-a name= sub=");
  EXPECT_EQ(describe("/api/v1/namespaces/team-a/pods/web-0/log"), "Pod ns=team-a name=web-0 sub=log");
  EXPECT_EQ(describe("/apis/apps/v1/namespaces/default/deployments/web/scale"), "Deployment ns=default name=web sub=scale");
  EXPECT_EQ(describe("/api/v1/nodes/n1"), "Node ns= name=n1 sub=");
  EXPECT_EQ(describe("/api/v1/namespaces"), "Namespace ns= name= sub=");
  EXPECT_EQ(describe("/api/v1/namespaces/team-a"), "Namespace ns= name=team-a sub=");
  EXPECT_EQ(describe("/api/v1/namespaces/team-a/status"), "Namespace ns= name=team-a sub=status");
  EXPECT_EQ(describe("/apis/rbac.authorization.k8s.io/v1/clusterroles/admin"), "ClusterRole ns= name=admin sub=");
}

TEST(ResourcePathTest, WhatHerdDoesNotServeIsNotFound) {
  EXPECT_EQ(describe("/api/v1/widgets"), "error: NotFound");
  EXPECT_EQ(describe("/apis/apps/v1beta1/namespaces/default/deployments"), "error: NotFound");
  EXPECT_EQ(describe("/api/v1/namespaces/team-a/nodes/n1"), "error: NotFound");
  EXPECT_EQ(describe("/apis/apps/v1/deployments/a/b/c"), "error: NotFound");
  EXPECT_EQ(describe("/api"), "error: NotFound");
  EXPECT_EQ(describe("/api/v1/pods/x/status/y"), "error: NotFound");
}

}  // namespace
}  // namespace herd::server::kube
