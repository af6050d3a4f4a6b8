// The parts of netns.hpp that need no privileges; creating, joining and
// deleting namespaces is exercised by cni_pod_network_integration_test.cpp.

#include "network/netns.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "network/test_support.hpp"

namespace herd::runtime::network {
namespace {

TEST(NetnsName, AllowsWhatAFileNameAndCniAllow) {
  EXPECT_TRUE(check_netns_name("herd-0b6c1a52-3f7e-4c1b-9d2a-8f1e2d3c4b5a").ok());
  EXPECT_TRUE(check_netns_name("a_b.c").ok());
  for (const char* name : {"", ".", "..", "a/b", "../etc", "a b", "a;b", "é"}) {
    Status status = check_netns_name(name);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << "\"" << name << "\"";
  }
  EXPECT_FALSE(check_netns_name(std::string(256, 'a')).ok());
}

TEST(Netns, ListsNamesWithThePrefixAndARegularFileIsNoNetns) {
  testing::TempDir temp("netns-test");
  const std::string dir = temp.path();
  for (const char* name : {"herd-b", "herd-a", "other"}) std::ofstream(dir + "/" + name) << "";

  Result<std::vector<std::string>> names = list_netns(dir, "herd-");
  ASSERT_TRUE(names.ok()) << names.status().to_string();
  EXPECT_EQ(*names, (std::vector<std::string>{"herd-a", "herd-b"}));
  EXPECT_FALSE(netns_exists(dir + "/herd-a"));
  EXPECT_FALSE(netns_exists(dir + "/missing"));

  // A file that was never mounted (a crash inside create_netns) goes too.
  EXPECT_TRUE(delete_netns(dir + "/herd-a").ok());
  EXPECT_FALSE(std::filesystem::exists(dir + "/herd-a"));
  EXPECT_TRUE(delete_netns(dir + "/herd-a").ok());

  std::filesystem::remove_all(dir);
  Result<std::vector<std::string>> none = list_netns(dir, "herd-");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(Netns, JoiningAMissingNetnsIsNotFoundAndRunsNothing) {
  bool ran = false;
  Status status = run_in_netns("/nonexistent/netns", [&] { ran = true; });
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_FALSE(ran);
}

}  // namespace
}  // namespace herd::runtime::network
