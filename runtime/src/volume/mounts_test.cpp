#include "volume/mounts.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::volume {
namespace {

TEST(ParseMountinfo, ReadsMountPointTypeSourceAndOptions) {
  const std::string text =
      "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro\n"
      "45 22 0:40 / /var/lib/herd/pods/u1/volumes/secret/tok rw,nosuid,nodev - tmpfs tmpfs "
      "rw,mode=755\n";
  Result<std::vector<MountInfo>> mounts = parse_mountinfo(text);
  ASSERT_TRUE(mounts.ok()) << mounts.status().to_string();
  ASSERT_EQ(mounts->size(), 2u);
  EXPECT_EQ((*mounts)[0], (MountInfo{"/", "ext4", "/dev/sda1", "rw,errors=remount-ro"}));
  EXPECT_EQ((*mounts)[1], (MountInfo{"/var/lib/herd/pods/u1/volumes/secret/tok", "tmpfs", "tmpfs",
                                     "rw,mode=755"}));
}

TEST(ParseMountinfo, DecodesOctalEscapes) {
  Result<std::vector<MountInfo>> mounts =
      parse_mountinfo("50 22 0:41 / /tmp/a\\040dir\\134x rw - tmpfs tmpfs rw\n");
  ASSERT_TRUE(mounts.ok()) << mounts.status().to_string();
  EXPECT_EQ((*mounts)[0].mount_point, "/tmp/a dir\\x");
}

TEST(ParseMountinfo, RejectsALineWithoutTheSeparator) {
  Result<std::vector<MountInfo>> mounts = parse_mountinfo("22 1 8:1 / / rw ext4 /dev/sda1 rw\n");
  ASSERT_FALSE(mounts.ok());
  EXPECT_EQ(mounts.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(mounts.status().message().find("mountinfo line 1"), std::string::npos);
}

TEST(MountPointsUnder, FindsNothingUnderAFreshDirectoryAndRootUnderSlash) {
  Result<std::vector<std::string>> none = mount_points_under("/nonexistent/herd/volume/test");
  ASSERT_TRUE(none.ok()) << none.status().to_string();
  EXPECT_TRUE(none->empty());
  Result<bool> root = is_mount_point("/");
  ASSERT_TRUE(root.ok());
  EXPECT_TRUE(*root);
}

TEST(Unmount, NotAMountPointIsOk) { EXPECT_TRUE(unmount("/nonexistent/herd/volume/test").ok()); }

}  // namespace
}  // namespace herd::runtime::volume
