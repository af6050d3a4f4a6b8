// PodVolumes with real tmpfs mounts (secret and Memory emptyDir volumes):
// needs root. Every mount is checked in /proc/self/mountinfo.

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "herd/runtime/pod_volumes.hpp"
#include "volume/fake_config_source.hpp"
#include "volume/mounts.hpp"
#include "volume/volume_testing.hpp"

namespace herd::runtime {
namespace {

using volume::testing::contents;
using volume::testing::exists;
using volume::testing::FakeConfigSource;
using volume::testing::mode_of;
using volume::testing::mount_at;
using volume::testing::TempDir;

using volume::testing::empty_dir_volume;
using volume::testing::secret_volume;

std::size_t mounts_under(const std::string& dir) {
  Result<std::vector<std::string>> points = volume::mount_points_under(dir);
  EXPECT_TRUE(points.ok());
  return points.ok() ? points->size() : 0;
}

class PodVolumesIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(geteuid(), 0u) << "tmpfs mounts need root";
    pods_dir_ = dir_.path() + "/pods";
    Result<std::unique_ptr<PodVolumes>> opened = open_pod_volumes({pods_dir_}, configs_);
    ASSERT_TRUE(opened.ok()) << opened.status().to_string();
    volumes_ = std::move(opened).value();
    pod_.metadata.namespace_ = "shop";
    pod_.metadata.uid = "uid-1";
    api::Secret s;
    s.metadata.namespace_ = "shop";
    s.metadata.name = "db";
    s.data = {{"password", api::Bytes{"hunter2"}},
              {"tls.key", api::Bytes{std::string("\0\xfe", 2)}}};
    configs_.put(s);
  }
  std::string volume_dir(const std::string& plugin, const std::string& name) const {
    return pods_dir_ + "/uid-1/volumes/" + plugin + "/" + name;
  }

  TempDir dir_;
  std::string pods_dir_;
  FakeConfigSource configs_;
  std::unique_ptr<PodVolumes> volumes_;
  api::Pod pod_;
};

TEST_F(PodVolumesIntegrationTest, SecretLivesOnItsOwnTmpfsBehindA0700Dir) {
  api::Volume v = secret_volume("creds", "db");
  v.secret->default_mode = 0400;
  v.secret->items = {{"password", "db/password", std::nullopt}, {"tls.key", "tls.key", 0440}};
  pod_.spec.volumes = {v};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  const std::string dir = volume_dir("secret", "creds");
  const volume::MountInfo m = mount_at(dir);
  EXPECT_EQ(m.fs_type, "tmpfs");
  EXPECT_EQ(mode_of(dir), 0755);
  EXPECT_EQ(mode_of(pods_dir_ + "/uid-1/volumes/secret"), 0700);
  EXPECT_EQ(contents(dir + "/db/password"), "hunter2");
  EXPECT_EQ(mode_of(dir + "/db/password"), 0400);
  EXPECT_EQ(contents(dir + "/tls.key"), std::string("\0\xfe", 2));
  EXPECT_EQ(mode_of(dir + "/tls.key"), 0440);

  // Setting up again neither mounts twice nor loses anything.
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  EXPECT_EQ(mounts_under(dir), 1u);
  EXPECT_EQ(contents(dir + "/db/password"), "hunter2");
}

TEST_F(PodVolumesIntegrationTest, SecretUpdateSwapsContent) {
  pod_.spec.volumes = {secret_volume("creds", "db")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  const std::string dir = volume_dir("secret", "creds");
  EXPECT_EQ(mode_of(dir + "/password"), 0644);
  std::ifstream old_reader(dir + "/password");

  api::Secret rotated;
  rotated.metadata.namespace_ = "shop";
  rotated.metadata.name = "db";
  rotated.data = {{"password", api::Bytes{"correct-horse"}}};
  configs_.put(rotated);
  ASSERT_TRUE(volumes_->update(pod_).ok());
  EXPECT_EQ(contents(dir + "/password"), "correct-horse");
  EXPECT_FALSE(exists(dir + "/tls.key"));
  std::string seen;
  old_reader >> seen;
  EXPECT_EQ(seen, "hunter2");  // a reader that opened the old file keeps it
  EXPECT_EQ(mounts_under(dir), 1u);
}

TEST_F(PodVolumesIntegrationTest, MissingSecretFailsWithTheKubeletsMessageOptionalOneMountsEmpty) {
  pod_.spec.volumes = {secret_volume("creds", "gone")};
  EXPECT_EQ(volumes_->setup(pod_),
            Status::not_found(
                "MountVolume.SetUp failed for volume \"creds\" : secret \"gone\" not found"));
  EXPECT_EQ(mounts_under(pods_dir_), 0u);
  pod_.spec.volumes[0].secret->optional = true;
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  EXPECT_EQ(mount_at(volume_dir("secret", "creds")).fs_type, "tmpfs");
}

TEST_F(PodVolumesIntegrationTest, MemoryEmptyDirIsATmpfsWithTheSizeLimit) {
  pod_.spec.volumes = {empty_dir_volume("scratch", "Memory", "1Mi"),
                       empty_dir_volume("unbounded", "Memory")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  const volume::MountInfo m = mount_at(volume_dir("empty-dir", "scratch"));
  EXPECT_EQ(m.fs_type, "tmpfs");
  EXPECT_NE(m.super_options.find("size=1024k"), std::string::npos) << m.super_options;
  EXPECT_EQ(mode_of(volume_dir("empty-dir", "scratch")), 0777);
  EXPECT_EQ(mount_at(volume_dir("empty-dir", "unbounded")).fs_type, "tmpfs");
}

TEST_F(PodVolumesIntegrationTest, TeardownUnmountsAndRemovesEverythingEvenAfterARestart) {
  const std::string host = dir_.path() + "/host";
  pod_.spec.volumes = {secret_volume("creds", "db"), empty_dir_volume("scratch", "Memory", "1Mi"),
                       volume::testing::host_path_volume("h", host, "DirectoryOrCreate")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  volume::testing::write_text(host + "/precious", "keep");
  ASSERT_EQ(symlink(host.c_str(), (volume_dir("empty-dir", "scratch") + "/to-host").c_str()), 0);
  ASSERT_EQ(mounts_under(pods_dir_), 2u);

  // A new process: nothing but the file system and mountinfo to go by.
  volumes_.reset();
  Result<std::unique_ptr<PodVolumes>> reopened = open_pod_volumes({pods_dir_}, configs_);
  ASSERT_TRUE(reopened.ok());
  Result<std::vector<ExistingPodVolumes>> found = (*reopened)->list();
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].uid, "uid-1");

  ASSERT_TRUE((*reopened)->teardown("uid-1").ok());
  EXPECT_EQ(mounts_under(pods_dir_), 0u);
  EXPECT_FALSE(exists(pods_dir_ + "/uid-1"));
  EXPECT_EQ(contents(host + "/precious"), "keep");
  EXPECT_TRUE((*reopened)->teardown("uid-1").ok());
}

TEST_F(PodVolumesIntegrationTest, TeardownUnmountsATmpfsMountedTwice) {
  pod_.spec.volumes = {empty_dir_volume("scratch", "Memory")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  const std::string dir = volume_dir("empty-dir", "scratch");
  ASSERT_EQ(mount("tmpfs", dir.c_str(), "tmpfs", 0, nullptr), 0);  // someone stacked another
  ASSERT_TRUE(volumes_->teardown("uid-1").ok());
  EXPECT_EQ(mounts_under(pods_dir_), 0u);
  EXPECT_FALSE(exists(pods_dir_ + "/uid-1"));
}

}  // namespace
}  // namespace herd::runtime
