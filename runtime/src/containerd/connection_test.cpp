#include "containerd/connection.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace herd::runtime::containerd {
namespace {

TEST(ContainerdConnection, BarePathIsAUnixTarget) {
  EXPECT_EQ(grpc_target("/run/containerd/containerd.sock"),
            "unix:///run/containerd/containerd.sock");
  EXPECT_EQ(grpc_target("unix:///x.sock"), "unix:///x.sock");
}

TEST(ContainerdConnection, ConnectWithoutAddressOrNamespaceIsInvalid) {
  EXPECT_EQ(ContainerdClient::connect({}).status().code(), StatusCode::kInvalidArgument);
  ContainerdOptions options;
  options.address = "/x.sock";
  options.ns = "";
  EXPECT_EQ(ContainerdClient::connect(options).status().code(), StatusCode::kInvalidArgument);
}

TEST(ContainerdConnection, ConnectToAMissingSocketIsUnavailableAfterTheTimeout) {
  ContainerdOptions options;
  options.address = "/nonexistent/herd-test/containerd.sock";
  options.connect_timeout = std::chrono::milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  auto client = ContainerdClient::connect(options);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(client.status().message().find(
                "connect unix:///nonexistent/herd-test/containerd.sock: containerd Version.Version "
                "herd: DEADLINE_EXCEEDED"),
            std::string::npos)
      << client.status().message();
  EXPECT_GE(took, std::chrono::milliseconds(250));
  EXPECT_LT(took, std::chrono::seconds(5));
}

}  // namespace
}  // namespace herd::runtime::containerd
