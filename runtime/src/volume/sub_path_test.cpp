#include "volume/sub_path.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "volume/volume_testing.hpp"

namespace herd::runtime::volume {
namespace {

using testing::exists;
using testing::mode_of;
using testing::TempDir;

class SubPath : public ::testing::Test {
 protected:
  void SetUp() override {
    volume_ = dir_.path() + "/volume";
    ASSERT_EQ(mkdir(volume_.c_str(), 0777), 0);
    ASSERT_EQ(chmod(volume_.c_str(), 0777), 0);
  }
  TempDir dir_;
  std::string volume_;
};

TEST_F(SubPath, ExistingFileResolvesInsideTheVolume) {
  testing::write_text(volume_ + "/app.conf", "x");
  Result<std::string> resolved = resolve_sub_path(volume_, "app.conf");
  ASSERT_TRUE(resolved.ok()) << resolved.status().to_string();
  EXPECT_EQ(*resolved, volume_ + "/app.conf");
}

TEST_F(SubPath, MissingDirectoriesAreCreatedWithTheVolumesMode) {
  Result<std::string> resolved = resolve_sub_path(volume_, "logs/app");
  ASSERT_TRUE(resolved.ok()) << resolved.status().to_string();
  EXPECT_EQ(*resolved, volume_ + "/logs/app");
  EXPECT_EQ(mode_of(volume_ + "/logs"), 0777);
  EXPECT_EQ(mode_of(volume_ + "/logs/app"), 0777);
}

TEST_F(SubPath, SymlinkInsideTheVolumeIsFollowed) {
  ASSERT_EQ(mkdir((volume_ + "/real").c_str(), 0755), 0);
  ASSERT_EQ(symlink("real", (volume_ + "/alias").c_str()), 0);
  Result<std::string> resolved = resolve_sub_path(volume_, "alias/x");
  ASSERT_TRUE(resolved.ok()) << resolved.status().to_string();
  EXPECT_EQ(*resolved, volume_ + "/real/x");
}

TEST_F(SubPath, SymlinkOutOfTheVolumeIsRefusedAndNothingIsCreatedThere) {
  // What a container could plant in an emptyDir (CVE-2017-1002101).
  ASSERT_EQ(mkdir((dir_.path() + "/host").c_str(), 0755), 0);
  ASSERT_EQ(symlink(dir_.path().c_str(), (volume_ + "/escape").c_str()), 0);
  ASSERT_EQ(symlink("../host", (volume_ + "/relative").c_str()), 0);
  EXPECT_EQ(resolve_sub_path(volume_, "escape").status(),
            Status::invalid_argument("subPath \"escape\" leads out of the volume"));
  EXPECT_EQ(resolve_sub_path(volume_, "relative/created").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(exists(dir_.path() + "/host/created"));
}

TEST_F(SubPath, DanglingSymlinkIsRefused) {
  ASSERT_EQ(symlink("/nonexistent/herd/volume/test", (volume_ + "/dangling").c_str()), 0);
  EXPECT_EQ(resolve_sub_path(volume_, "dangling").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(exists("/nonexistent/herd/volume/test"));
}

TEST_F(SubPath, TraversalAndAbsolutePathsAreRefused) {
  EXPECT_EQ(resolve_sub_path(volume_, "../x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(resolve_sub_path(volume_, "/etc").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(exists(dir_.path() + "/x"));
}

TEST_F(SubPath, MissingVolumeIsNotFound) {
  EXPECT_EQ(resolve_sub_path(dir_.path() + "/none", "x").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace herd::runtime::volume
