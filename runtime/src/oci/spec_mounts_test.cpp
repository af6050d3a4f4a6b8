#include "oci/spec_mounts.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::oci {
namespace {

using Options = std::vector<std::string>;

struct SpecMountsTest : ::testing::Test {
  OciSpecInput input() { return {}; }
  std::vector<std::string> destinations(const SpecMounts& m) {
    std::vector<std::string> out;
    for (const SpecMount& mount : m.mounts) {
      out.push_back(mount.destination);
    }
    return out;
  }
};

TEST_F(SpecMountsTest, ContainerdDefaults) {
  auto m = spec_mounts(input(), false, false);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(
      m->mounts,
      (std::vector<SpecMount>{
          {"/proc", "proc", "proc", {"nosuid", "noexec", "nodev"}},
          {"/dev", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", "size=65536k"}},
          {"/dev/pts",
           "devpts",
           "devpts",
           {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"}},
          {"/dev/shm", "tmpfs", "shm", {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"}},
          {"/dev/mqueue", "mqueue", "mqueue", {"nosuid", "noexec", "nodev"}},
          {"/sys", "sysfs", "sysfs", {"nosuid", "noexec", "nodev", "ro"}},
          {"/sys/fs/cgroup", "cgroup", "cgroup", {"nosuid", "noexec", "nodev", "relatime", "ro"}},
      }));
  EXPECT_EQ(m->rootfs_propagation, "");
}

TEST_F(SpecMountsTest, PrivilegedGetsWritableSysfsAndCgroupfs) {
  auto m = spec_mounts(input(), true, false);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->mounts[5].options.back(), "rw");
  EXPECT_EQ(m->mounts[6].options.back(), "rw");
}

TEST_F(SpecMountsTest, VolumesAreBindMountsParentsFirst) {
  OciSpecInput in = input();
  in.mounts = {{"/data/cache/tmp", "/var/lib/herd/v/tmp", false, MountPropagation::kPrivate},
               {"/config", "/var/lib/herd/v/config", true, MountPropagation::kPrivate},
               {"/data", "/var/lib/herd/v/data", false, MountPropagation::kHostToContainer},
               {"/data/cache", "/var/lib/herd/v/cache", false, MountPropagation::kPrivate}};
  auto m = spec_mounts(in, false, false);
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->mounts.size(), 7u + 4u);
  EXPECT_EQ(m->mounts[7], (SpecMount{"/config", "bind", "/var/lib/herd/v/config",
                                     Options{"rbind", "rprivate", "ro"}}));
  EXPECT_EQ(m->mounts[8],
            (SpecMount{"/data", "bind", "/var/lib/herd/v/data", Options{"rbind", "rslave", "rw"}}));
  EXPECT_EQ(m->mounts[9].destination, "/data/cache");
  EXPECT_EQ(m->mounts[10].destination, "/data/cache/tmp");
  EXPECT_EQ(m->rootfs_propagation, "rslave");

  in.mounts.push_back({"/shared", "/mnt/shared", false, MountPropagation::kBidirectional});
  m = spec_mounts(in, false, false);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->rootfs_propagation, "rshared");
}

TEST_F(SpecMountsTest, EtcFilesUnlessAVolumeIsMountedThere) {
  OciSpecInput in = input();
  in.etc_hosts = "/run/herd/pods/u/hosts";
  in.resolv_conf = "/run/herd/pods/u/resolv.conf";
  in.etc_hostname = "/run/herd/pods/u/hostname";
  auto m = spec_mounts(in, false, true);
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->mounts.size(), 10u);
  EXPECT_EQ(m->mounts[7], (SpecMount{"/etc/hosts", "bind", "/run/herd/pods/u/hosts",
                                     Options{"rbind", "rprivate", "ro"}}))
      << "read-only with a read-only root";
  EXPECT_EQ(m->mounts[8].destination, "/etc/resolv.conf");
  EXPECT_EQ(m->mounts[9].destination, "/etc/hostname");

  in.mounts = {{"/etc/resolv.conf/", "/my/resolv.conf", false, MountPropagation::kPrivate}};
  m = spec_mounts(in, false, false);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(destinations(*m),
            (std::vector<std::string>{"/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue",
                                      "/sys", "/sys/fs/cgroup", "/etc/resolv.conf/", "/etc/hosts",
                                      "/etc/hostname"}));
  EXPECT_EQ(m->mounts[7].source, "/my/resolv.conf");
  EXPECT_EQ(m->mounts[8].options, (Options{"rbind", "rprivate", "rw"}));
}

TEST_F(SpecMountsTest, AVolumeReplacesTheDefaultMountAtItsPath) {
  OciSpecInput in = input();
  in.mounts = {{"/dev/shm", "/var/lib/herd/shm", false, MountPropagation::kPrivate}};
  auto m = spec_mounts(in, false, false);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(destinations(*m), (std::vector<std::string>{"/proc", "/dev", "/dev/pts", "/dev/mqueue",
                                                        "/sys", "/sys/fs/cgroup", "/dev/shm"}));
  in.mounts = {{"/dev", "/dev", false, MountPropagation::kPrivate}};
  m = spec_mounts(in, false, false);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(destinations(*m),
            (std::vector<std::string>{"/proc", "/sys", "/sys/fs/cgroup", "/dev"}));
}

TEST_F(SpecMountsTest, RelativePathsAreInvalid) {
  OciSpecInput in = input();
  in.mounts = {{"data", "/var/lib/herd/v/data", false, MountPropagation::kPrivate}};
  EXPECT_EQ(spec_mounts(in, false, false).status().code(), StatusCode::kInvalidArgument);
  in.mounts = {{"/data", "v/data", false, MountPropagation::kPrivate}};
  EXPECT_EQ(spec_mounts(in, false, false).status().code(), StatusCode::kInvalidArgument);
  in.mounts.clear();
  in.etc_hosts = "hosts";
  EXPECT_EQ(spec_mounts(in, false, false).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace herd::runtime::oci
