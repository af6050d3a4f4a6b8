#include "node_runtime/container_instance.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <fstream>

#include <unistd.h>

#include "herd/runtime/containerd_runtime.hpp"

namespace herd::runtime {
namespace {

TEST(ContainerInstanceTest, IdsAreStablePerPodContainerAndRestart) {
  std::string a = instance_id("uid-1", "app", 0);
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a, instance_id("uid-1", "app", 0));
  EXPECT_NE(a, instance_id("uid-1", "app", 1));
  EXPECT_NE(a, instance_id("uid-1", "web", 0));
  EXPECT_NE(a, instance_id("uid-2", "app", 0));
  EXPECT_EQ(instance_cgroups_path("uid-1", a), "/herd/poduid-1/" + a);
}

TEST(ContainerInstanceTest, StopSignalsByNameOrNumber) {
  EXPECT_EQ(stop_signal_number(""), SIGTERM);
  EXPECT_EQ(stop_signal_number("SIGQUIT"), SIGQUIT);
  EXPECT_EQ(stop_signal_number("QUIT"), SIGQUIT);
  EXPECT_EQ(stop_signal_number("9"), SIGKILL);
  EXPECT_EQ(stop_signal_number("SIGNOSUCH"), SIGTERM);
}

class CgroupOomTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("herd-cgroup-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void write(const std::string& relative, const std::string& text) {
    std::filesystem::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative) << text;
  }
  std::filesystem::path root_;
};

TEST_F(CgroupOomTest, ReadsV1OomControlAndV2MemoryEvents) {
  EXPECT_FALSE(cgroup_oom_killed("/herd/podu/a", root_.string()));
  write("memory/herd/podu/a/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
  EXPECT_FALSE(cgroup_oom_killed("/herd/podu/a", root_.string()));
  write("memory/herd/podu/a/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
  EXPECT_TRUE(cgroup_oom_killed("/herd/podu/a", root_.string()));
  write("herd/podu/b/memory.events", "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
  EXPECT_TRUE(cgroup_oom_killed("/herd/podu/b", root_.string()));
}

TEST(MachineResourcesTest, ReportsThisMachinesCpusAndMemory) {
  NodeResources r = machine_resources();
  EXPECT_GE(r.cpu.value(), 1);
  EXPECT_LE(r.cpu.value(), ::sysconf(_SC_NPROCESSORS_ONLN));
  // MemTotal and the kernel's page count describe the same memory.
  int64_t physical = int64_t{::sysconf(_SC_PHYS_PAGES)} * ::sysconf(_SC_PAGESIZE);
  EXPECT_NEAR(static_cast<double>(r.memory.value()), static_cast<double>(physical), physical * 0.01);
  EXPECT_EQ(r.pods, 110);
}

}  // namespace
}  // namespace herd::runtime
