#include "node_runtime/pod_files.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace herd::runtime {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class PodFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("herd-pod-files-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(PodFilesTest, HostsNamesThePodAndResolvConfIsTheNodes) {
  std::filesystem::create_directories(dir_);
  std::ofstream(dir_ / "node-resolv.conf") << "nameserver 192.0.2.53\n";
  Result<PodFiles> files = write_pod_files(dir_ / "pod", "web-0", "10.244.0.7", dir_ / "node-resolv.conf");
  ASSERT_TRUE(files.ok()) << files.status().to_string();
  EXPECT_EQ(files->etc_hosts, (dir_ / "pod" / "etc" / "hosts").string());
  std::string hosts = read(files->etc_hosts);
  EXPECT_NE(hosts.find("127.0.0.1\tlocalhost\n"), std::string::npos) << hosts;
  EXPECT_NE(hosts.find("10.244.0.7\tweb-0\n"), std::string::npos) << hosts;
  EXPECT_EQ(read(files->etc_hostname), "web-0\n");
  EXPECT_EQ(read(files->resolv_conf), "nameserver 192.0.2.53\n");
}

TEST_F(PodFilesTest, AHostNetworkPodKeepsTheNodesHostsAndAMissingResolvConfIsEmpty) {
  Result<PodFiles> files = write_pod_files(dir_ / "pod", "node-a", "", dir_ / "no-such-file");
  ASSERT_TRUE(files.ok()) << files.status().to_string();
  EXPECT_EQ(files->etc_hosts, "/etc/hosts");
  EXPECT_EQ(read(files->resolv_conf), "");
}

}  // namespace
}  // namespace herd::runtime
