#include "debug/debug_objects.hpp"

#include <gtest/gtest.h>

namespace herd::server::debug {
namespace {

TEST(DebugObjectPath, KindAloneListsAllNamespaces) {
  Result<ObjectPath> p = parse_object_path("pods");
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  EXPECT_EQ(p->kind->kind, "Pod");
  EXPECT_EQ(p->namespace_, std::nullopt);
  EXPECT_EQ(p->name, std::nullopt);
}

TEST(DebugObjectPath, NamespaceAndName) {
  Result<ObjectPath> p = parse_object_path("deploy/default/sise-deploy");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->kind->kind, "Deployment");
  EXPECT_EQ(p->namespace_, "default");
  EXPECT_EQ(p->name, "sise-deploy");
}

TEST(DebugObjectPath, DashIsTheNamespaceOfClusterScopedKinds) {
  Result<ObjectPath> p = parse_object_path("Node/-/sim-node-0");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->namespace_, "");
  EXPECT_EQ(p->name, "sim-node-0");
  Result<ObjectPath> wrong = parse_object_path("Node/default/sim-node-0");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(wrong.status().message().find("/debug/objects/Node/-/<name>"), std::string::npos);
  Result<ObjectPath> dash_on_namespaced = parse_object_path("Pod/-/web");
  ASSERT_FALSE(dash_on_namespaced.ok());
  EXPECT_EQ(dash_on_namespaced.status().code(), StatusCode::kInvalidArgument);
}

TEST(DebugObjectPath, UnknownKindAndTooLongPathsAreNotFound) {
  EXPECT_EQ(parse_object_path("Frobnicator").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(parse_object_path("Pod/default/web/extra").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(parse_object_path("").status().code(), StatusCode::kInvalidArgument);
}

TEST(DebugDeletePropagation, KubernetesWordsAndBackgroundByDefault) {
  EXPECT_EQ(*parse_propagation(std::nullopt), actors::DeletePropagation::kBackground);
  EXPECT_EQ(*parse_propagation("Background"), actors::DeletePropagation::kBackground);
  EXPECT_EQ(*parse_propagation("Foreground"), actors::DeletePropagation::kForeground);
  EXPECT_EQ(*parse_propagation("Orphan"), actors::DeletePropagation::kOrphan);
  EXPECT_EQ(parse_propagation("orphan").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace herd::server::debug
