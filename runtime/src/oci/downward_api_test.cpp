#include "oci/downward_api.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::oci {
namespace {

api::Quantity q(std::string_view text) { return api::Quantity::parse(text).value(); }

api::ResourceFieldSelector resource(std::string name, std::optional<std::string> divisor = {},
                                    std::string container = "") {
  api::ResourceFieldSelector s;
  s.resource = std::move(name);
  if (divisor) {
    s.divisor = q(*divisor);
  }
  s.container_name = std::move(container);
  return s;
}

api::ObjectFieldSelector field(std::string path, std::string api_version = "v1") {
  return {std::move(api_version), std::move(path)};
}

struct DownwardApi : ::testing::Test {
  DownwardApi() {
    pod.metadata.name = "web";
    pod.metadata.labels = {{"app", "web"}};
    api::Container app;
    app.name = "app";
    app.resources.limits = {{"cpu", q("500m")}, {"memory", q("64Mi")}};
    app.resources.requests = {{"cpu", q("250m")}, {"memory", q("100M")}};
    api::Container sidecar;
    sidecar.name = "sidecar";
    sidecar.resources.requests = {{"cpu", q("1500m")}};
    pod.spec.containers = {app, sidecar};
    where.node_allocatable.cpu = q("3");
    where.node_allocatable.memory = q("2Gi");
  }
  std::string value(const api::ResourceFieldSelector& s, int container = 0) {
    auto r = resource_field_value(s, pod, pod.spec.containers[container], where);
    EXPECT_TRUE(r.ok()) << r.status().to_string();
    return r.ok() ? *r : "";
  }
  api::Pod pod;
  PodEnvContext where;
};

TEST_F(DownwardApi, CpuIsRoundedUpInUnitsOfTheDivisor) {
  EXPECT_EQ(value(resource("limits.cpu")), "1");
  EXPECT_EQ(value(resource("limits.cpu", "1m")), "500");
  EXPECT_EQ(value(resource("limits.cpu", "100m")), "5");
  EXPECT_EQ(value(resource("limits.cpu", "300m")), "2");
  EXPECT_EQ(value(resource("requests.cpu", "1m")), "250");
  EXPECT_EQ(value(resource("limits.cpu", "0")), "1") << "a zero divisor counts as 1";
}

TEST_F(DownwardApi, MemoryIsBytesOverTheDivisorRoundedUp) {
  EXPECT_EQ(value(resource("limits.memory")), "67108864");
  EXPECT_EQ(value(resource("limits.memory", "1Mi")), "64");
  EXPECT_EQ(value(resource("requests.memory", "1Mi")), "96");  // 100M / 1Mi = 95.37
  EXPECT_EQ(value(resource("requests.memory", "1k")), "100000");
}

TEST_F(DownwardApi, UnsetLimitsAreTheNodesAllocatableUnsetRequestsZero) {
  EXPECT_EQ(value(resource("limits.cpu"), 1), "3");
  EXPECT_EQ(value(resource("limits.memory", "1Mi"), 1), "2048");
  EXPECT_EQ(value(resource("requests.memory"), 1), "0");
  EXPECT_EQ(value(resource("requests.ephemeral-storage"), 1), "0");
}

TEST_F(DownwardApi, ContainerNameReadsAnotherContainer) {
  EXPECT_EQ(value(resource("requests.cpu", "1m", "sidecar")), "1500");
  auto missing = resource_field_value(resource("requests.cpu", {}, "nope"), pod,
                                      pod.spec.containers[0], where);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "container nope not found");
}

TEST_F(DownwardApi, UnsupportedResourceUsesTheKubeletsWords) {
  for (const char* name : {"limits.nvidia.com/gpu", "requests.hugepages-2Mi", "cpu", "limits."}) {
    auto r = resource_field_value(resource(name), pod, pod.spec.containers[0], where);
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), std::string("unsupported container resource : ") + name);
  }
}

TEST_F(DownwardApi, PodFields) {
  where.pod_ips = {};
  EXPECT_EQ(*pod_field_value(field("status.podIP"), pod, where), "");
  EXPECT_EQ(*pod_field_value(field("status.podIPs"), pod, where), "");
  EXPECT_EQ(*pod_field_value(field("metadata.labels['app']"), pod, where), "web");
  EXPECT_EQ(*pod_field_value(field("metadata.labels['absent']"), pod, where), "");
  EXPECT_EQ(*pod_field_value(field("metadata.name", ""), pod, where), "web");
}

TEST_F(DownwardApi, UnsupportedFieldsAndVersions) {
  for (const char* path : {"metadata.labels", "spec.containers", "metadata.labels['x", "['x']",
                           "metadata.generateName"}) {
    auto r = pod_field_value(field(path), pod, where);
    ASSERT_FALSE(r.ok()) << path;
    EXPECT_EQ(r.status().message(), std::string("field label not supported: ") + path);
  }
  auto version = pod_field_value(field("metadata.name", "v2"), pod, where);
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.status().message(), "unsupported pod version: v2");
}

}  // namespace
}  // namespace herd::runtime::oci
