#include "herdctl/resources.hpp"

#include <gtest/gtest.h>

namespace herd::cli::herdctl {
namespace {

const api::KindInfo& kind(std::string_view word) { return **resolve_kind(word); }

TEST(HerdctlResources, WordsNameKindsAsKubectlReadsThem) {
  for (const char* word : {"deploy", "deployments", "Deployment", "deployment.apps", "DEPLOYMENT"}) {
    Result<const api::KindInfo*> k = resolve_kind(word);
    ASSERT_TRUE(k.ok()) << word;
    EXPECT_EQ((*k)->kind, "Deployment") << word;
  }
  Result<const api::KindInfo*> unknown = resolve_kind("widgets");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(), "the server doesn't have a resource type \"widgets\"");
}

TEST(HerdctlResources, PathsOfCoreAndNamedGroups) {
  EXPECT_EQ(collection_path(kind("pods"), "default"), "/api/v1/namespaces/default/pods");
  EXPECT_EQ(collection_path(kind("pods"), ""), "/api/v1/pods");
  EXPECT_EQ(collection_path(kind("nodes"), "default"), "/api/v1/nodes");
  EXPECT_EQ(object_path(kind("deploy"), "team a", "web", "scale"),
            "/apis/apps/v1/namespaces/team%20a/deployments/web/scale");
  EXPECT_EQ(object_path(kind("cronjobs"), "x", "c"), "/apis/batch/v1/namespaces/x/cronjobs/c");
  EXPECT_EQ(with_query("/api/v1/pods", {{"labelSelector", "app in (a,b)"}, {"limit", ""}, {"watch", "true"}}),
            "/api/v1/pods?labelSelector=app%20in%20%28a%2Cb%29&watch=true");
  EXPECT_EQ(request_namespace(kind("pods"), "prod", false), "prod");
  EXPECT_EQ(request_namespace(kind("pods"), "prod", true), "");
  EXPECT_EQ(request_namespace(kind("ns"), "prod", false), "");
}

TEST(HerdctlResources, NamesAsKubectlPrintsThem) {
  EXPECT_EQ(qualified_name(kind("deploy"), "web"), "deployment.apps/web");
  EXPECT_EQ(qualified_name(kind("po"), "p"), "pod/p");
  EXPECT_EQ(quoted_name(kind("rs"), "r"), "replicaset.apps \"r\"");
}

TEST(HerdctlResources, ArgumentsInBothForms) {
  Result<std::vector<ResourceRef>> refs = parse_resource_args({"deploy,rs", "a", "b"});
  ASSERT_TRUE(refs.ok());
  ASSERT_EQ(refs->size(), 4u);
  EXPECT_EQ((*refs)[1].kind->kind, "Deployment");
  EXPECT_EQ((*refs)[1].name, "b");
  EXPECT_EQ((*refs)[2].kind->kind, "ReplicaSet");

  Result<std::vector<ResourceRef>> slashed = parse_resource_args({"deploy/a", "po/b"});
  ASSERT_TRUE(slashed.ok());
  EXPECT_EQ((*slashed)[1].kind->kind, "Pod");
  EXPECT_EQ((*slashed)[1].name, "b");

  Result<std::vector<ResourceRef>> kinds = parse_resource_args({"svc"});
  ASSERT_TRUE(kinds.ok());
  EXPECT_TRUE((*kinds)[0].name.empty());

  EXPECT_FALSE(parse_resource_args({}).ok());
  EXPECT_FALSE(parse_resource_args({"deploy/a", "b"}).ok());
  EXPECT_FALSE(parse_resource_args({"deploy", "po/b"}).ok());
  EXPECT_FALSE(parse_resource_args({"gadgets/x"}).ok());
}

}  // namespace
}  // namespace herd::cli::herdctl
