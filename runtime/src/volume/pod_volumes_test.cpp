// PodVolumes without mounts: emptyDir on disk, hostPath, configMap, the
// errors, container mounts and teardown. Secret and Memory emptyDir volumes
// need tmpfs (root): pod_volumes_integration_test.cpp.

#include "herd/runtime/pod_volumes.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "volume/fake_config_source.hpp"
#include "volume/volume_testing.hpp"

namespace herd::runtime {
namespace {

using volume::testing::contents;
using volume::testing::exists;
using volume::testing::FakeConfigSource;
using volume::testing::link_target;
using volume::testing::mode_of;
using volume::testing::TempDir;

api::Volume empty_dir(const std::string& name) { return volume::testing::empty_dir_volume(name); }
api::Volume host_path(const std::string& name, const std::string& path,
                      const std::string& type = "") {
  return volume::testing::host_path_volume(name, path, type);
}
using volume::testing::config_map_volume;

api::VolumeMount mount(const std::string& name, const std::string& path,
                       const std::string& sub_path = "", bool read_only = false) {
  api::VolumeMount m;
  m.name = name;
  m.mount_path = path;
  m.sub_path = sub_path;
  m.read_only = read_only;
  return m;
}

class PodVolumesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pods_dir_ = dir_.path() + "/pods";
    Result<std::unique_ptr<PodVolumes>> opened = open_pod_volumes({pods_dir_}, configs_);
    ASSERT_TRUE(opened.ok()) << opened.status().to_string();
    volumes_ = std::move(opened).value();
    pod_.metadata.name = "web";
    pod_.metadata.namespace_ = "shop";
    pod_.metadata.uid = "uid-1";
    api::Container c;
    c.name = "app";
    pod_.spec.containers.push_back(c);

    api::ConfigMap cm;
    cm.metadata.namespace_ = "shop";
    cm.metadata.name = "app-config";
    cm.data = {{"app.properties", "color=blue\n"}, {"log.level", "debug"}};
    cm.binary_data = {{"logo.png", api::Bytes{std::string("\x89PNG\0", 5)}}};
    configs_.put(cm);
  }

  std::string volume_dir(const std::string& plugin, const std::string& name) const {
    return pods_dir_ + "/uid-1/volumes/" + plugin + "/" + name;
  }
  Result<std::vector<ContainerMount>> mounts_of(std::vector<api::VolumeMount> mounts) {
    pod_.spec.containers[0].volume_mounts = std::move(mounts);
    return volumes_->container_mounts(pod_, pod_.spec.containers[0]);
  }

  TempDir dir_;
  std::string pods_dir_;
  FakeConfigSource configs_;
  std::unique_ptr<PodVolumes> volumes_;
  api::Pod pod_;
};

TEST_F(PodVolumesTest, OpenRefusesARelativePodsDir) {
  EXPECT_EQ(open_pod_volumes({"var/pods"}, configs_).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(PodVolumesTest, EmptyDirIsAWorldWritableDirectoryThatSurvivesSetupAgain) {
  pod_.spec.volumes = {empty_dir("cache")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  const std::string dir = volume_dir("empty-dir", "cache");
  EXPECT_EQ(mode_of(dir), 0777);
  EXPECT_EQ(mode_of(pods_dir_ + "/uid-1/volumes"), 0750);
  volume::testing::write_text(dir + "/state", "kept");
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  EXPECT_EQ(contents(dir + "/state"), "kept");
}

TEST_F(PodVolumesTest, HostPathIsCheckedAndCreatedNotCopied) {
  const std::string host = dir_.path() + "/host/data";
  pod_.spec.volumes = {host_path("data", host, "DirectoryOrCreate")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  EXPECT_EQ(mode_of(host), 0755);
  EXPECT_FALSE(exists(pods_dir_ + "/uid-1/volumes/host-path"));
  Result<std::vector<ContainerMount>> mounts = mounts_of({mount("data", "/data")});
  ASSERT_TRUE(mounts.ok()) << mounts.status().to_string();
  EXPECT_EQ(*mounts, (std::vector<ContainerMount>{{"/data", host, false, ""}}));
}

TEST_F(PodVolumesTest, HostPathTypeFailureNamesVolumeAndPath) {
  const std::string host = dir_.path() + "/missing";
  pod_.spec.volumes = {host_path("data", host, "Directory")};
  EXPECT_EQ(volumes_->setup(pod_),
            Status::not_found(
                "MountVolume.SetUp failed for volume \"data\" : hostPath type check failed: " +
                host + " is not a directory"));
}

TEST_F(PodVolumesTest, ConfigMapFilesAreLinksIntoDataWithModes) {
  api::Volume v = config_map_volume("config", "app-config");
  v.config_map->default_mode = 0440;
  pod_.spec.volumes = {v};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  const std::string dir = volume_dir("configmap", "config");
  EXPECT_EQ(contents(dir + "/app.properties"), "color=blue\n");
  EXPECT_EQ(contents(dir + "/log.level"), "debug");
  EXPECT_EQ(contents(dir + "/logo.png"), std::string("\x89PNG\0", 5));
  EXPECT_EQ(mode_of(dir + "/app.properties"), 0440);
  EXPECT_EQ(link_target(dir + "/app.properties"), "..data/app.properties");
  EXPECT_EQ(mode_of(dir), 0755);
}

TEST_F(PodVolumesTest, ConfigMapItemsLandAtTheirNestedPaths) {
  api::Volume v = config_map_volume("config", "app-config");
  v.config_map->items = {{"app.properties", "conf/app.properties", 0600},
                         {"log.level", "level", std::nullopt}};
  pod_.spec.volumes = {v};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  const std::string dir = volume_dir("configmap", "config");
  EXPECT_EQ(contents(dir + "/conf/app.properties"), "color=blue\n");
  EXPECT_EQ(mode_of(dir + "/conf/app.properties"), 0600);
  EXPECT_EQ(mode_of(dir + "/level"), 0644);
  EXPECT_FALSE(exists(dir + "/app.properties"));
  EXPECT_FALSE(exists(dir + "/logo.png"));
}

TEST_F(PodVolumesTest, MissingConfigMapMessageIsTheKubelets) {
  pod_.spec.volumes = {config_map_volume("config", "other-config")};
  const Status status = volumes_->setup(pod_);
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(
      status.message(),
      "MountVolume.SetUp failed for volume \"config\" : configmap \"other-config\" not found");
  EXPECT_EQ(kFailedMount, "FailedMount");
}

TEST_F(PodVolumesTest, ConfigMapIsLookedUpInThePodsNamespace) {
  pod_.metadata.namespace_ = "other";
  pod_.spec.volumes = {config_map_volume("config", "app-config")};
  EXPECT_EQ(volumes_->setup(pod_).code(), StatusCode::kNotFound);
}

TEST_F(PodVolumesTest, OptionalMissingConfigMapIsAnEmptyVolume) {
  api::Volume v = config_map_volume("config", "other-config");
  v.config_map->optional = true;
  pod_.spec.volumes = {v};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  EXPECT_TRUE(exists(volume_dir("configmap", "config") + "/..data"));
}

TEST_F(PodVolumesTest, OtherConfigSourceErrorsKeepTheirCode) {
  pod_.spec.volumes = {config_map_volume("config", "app-config")};
  configs_.fail_with(Status::unavailable("control plane unreachable"));
  EXPECT_EQ(volumes_->setup(pod_),
            Status::unavailable(
                "MountVolume.SetUp failed for volume \"config\" : control plane unreachable"));
}

TEST_F(PodVolumesTest, TraversingItemPathIsRefusedAndWritesNothingOutside) {
  api::Volume v = config_map_volume("config", "app-config");
  v.config_map->items = {{"log.level", "../../../../escape", std::nullopt}};
  pod_.spec.volumes = {v};
  const Status status = volumes_->setup(pod_);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("must not contain '..'"), std::string::npos) << status.message();
  EXPECT_FALSE(exists(dir_.path() + "/escape"));
  EXPECT_FALSE(exists(pods_dir_ + "/escape"));
}

TEST_F(PodVolumesTest, NfsAndClaimsAreUnimplementedNamingTheVolume) {
  api::Volume nfs;
  nfs.name = "share";
  nfs.nfs = api::NfsVolumeSource{"nfs.example", "/export", false};
  pod_.spec.volumes = {nfs};
  EXPECT_EQ(volumes_->setup(pod_),
            Status::unimplemented("MountVolume.SetUp failed for volume \"share\" : "
                                  "nfs volumes are not supported on this node"));
  api::Volume claim;
  claim.name = "db";
  claim.persistent_volume_claim = api::PersistentVolumeClaimVolumeSource{"db-data", false};
  pod_.spec.volumes = {claim};
  EXPECT_EQ(volumes_->setup(pod_).code(), StatusCode::kUnimplemented);
  api::Volume none;
  none.name = "none";
  pod_.spec.volumes = {none};
  EXPECT_EQ(volumes_->setup(pod_).code(), StatusCode::kInvalidArgument);
}

TEST_F(PodVolumesTest, InvalidUidIsRefused) {
  pod_.metadata.uid = "../../etc";
  EXPECT_EQ(volumes_->setup(pod_).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(volumes_->teardown("../x").code(), StatusCode::kInvalidArgument);
}

TEST_F(PodVolumesTest, ContainerMountsHonourReadOnlyAndForceItForConfigMaps) {
  const std::string host = dir_.path() + "/host";
  pod_.spec.volumes = {empty_dir("cache"), config_map_volume("config", "app-config"),
                       host_path("h", host, "DirectoryOrCreate")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  api::VolumeMount propagated = mount("h", "/host", "", true);
  propagated.mount_propagation = "HostToContainer";
  Result<std::vector<ContainerMount>> mounts =
      mounts_of({mount("cache", "/cache"), mount("config", "/etc/app"), propagated});
  ASSERT_TRUE(mounts.ok()) << mounts.status().to_string();
  EXPECT_EQ(*mounts, (std::vector<ContainerMount>{
                         {"/cache", volume_dir("empty-dir", "cache"), false, ""},
                         {"/etc/app", volume_dir("configmap", "config"), true, ""},
                         {"/host", host, true, "HostToContainer"},
                     }));
}

TEST_F(PodVolumesTest, SubPathOfAConfigMapResolvesToTheKeysFile) {
  pod_.spec.volumes = {config_map_volume("config", "app-config")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  Result<std::vector<ContainerMount>> mounts =
      mounts_of({mount("config", "/etc/app.properties", "app.properties")});
  ASSERT_TRUE(mounts.ok()) << mounts.status().to_string();
  const std::string dir = volume_dir("configmap", "config");
  EXPECT_EQ((*mounts)[0].source, dir + "/" + link_target(dir + "/..data") + "/app.properties");
  EXPECT_TRUE((*mounts)[0].read_only);
}

TEST_F(PodVolumesTest, SubPathIsCreatedInsideTheVolumeAndMayNotEscape) {
  pod_.spec.volumes = {empty_dir("cache")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  Result<std::vector<ContainerMount>> mounts = mounts_of({mount("cache", "/logs", "app/logs")});
  ASSERT_TRUE(mounts.ok()) << mounts.status().to_string();
  EXPECT_EQ((*mounts)[0].source, volume_dir("empty-dir", "cache") + "/app/logs");
  EXPECT_EQ(mode_of((*mounts)[0].source), 0777);

  ASSERT_EQ(symlink("/etc", (volume_dir("empty-dir", "cache") + "/evil").c_str()), 0);
  Result<std::vector<ContainerMount>> evil = mounts_of({mount("cache", "/x", "evil")});
  ASSERT_FALSE(evil.ok());
  EXPECT_EQ(evil.status().message(),
            "failed to prepare subPath for volumeMount \"cache\" of container \"app\": "
            "subPath \"evil\" leads out of the volume");
  EXPECT_EQ(mounts_of({mount("cache", "/x", "../../..")}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(PodVolumesTest, MountOfAnUndeclaredVolumeNamesContainerAndMount) {
  Result<std::vector<ContainerMount>> mounts = mounts_of({mount("nope", "/x")});
  EXPECT_EQ(mounts.status(),
            Status::not_found("cannot find volume \"nope\" to mount into container \"app\""));
  pod_.spec.volumes = {empty_dir("cache")};
  EXPECT_EQ(mounts_of({mount("cache", "relative")}).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(PodVolumesTest, UpdateSwapsConfigMapContentAndDropsRemovedKeys) {
  pod_.spec.volumes = {config_map_volume("config", "app-config"), empty_dir("cache")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  const std::string dir = volume_dir("configmap", "config");
  ASSERT_EQ(contents(dir + "/log.level"), "debug");

  api::ConfigMap changed;
  changed.metadata.namespace_ = "shop";
  changed.metadata.name = "app-config";
  changed.data = {{"log.level", "info"}, {"new.key", "1"}};
  configs_.put(changed);
  ASSERT_TRUE(volumes_->update(pod_).ok());
  EXPECT_EQ(contents(dir + "/log.level"), "info");
  EXPECT_EQ(contents(dir + "/new.key"), "1");
  EXPECT_FALSE(exists(dir + "/app.properties"));
  EXPECT_FALSE(exists(dir + "/logo.png"));
}

TEST_F(PodVolumesTest, FailedUpdateKeepsTheOldFiles) {
  pod_.spec.volumes = {config_map_volume("config", "app-config")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  configs_.erase_config_map("shop", "app-config");
  EXPECT_EQ(volumes_->update(pod_).code(), StatusCode::kNotFound);
  EXPECT_EQ(contents(volume_dir("configmap", "config") + "/log.level"), "debug");
}

TEST_F(PodVolumesTest, UpdateAfterTeardownBringsNothingBack) {
  pod_.spec.volumes = {config_map_volume("config", "app-config")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  ASSERT_TRUE(volumes_->teardown("uid-1").ok());
  EXPECT_EQ(volumes_->update(pod_), Status::not_found("pod uid-1 has no volumes set up"));
  EXPECT_FALSE(exists(pods_dir_ + "/uid-1"));
}

TEST_F(PodVolumesTest, UpdateLeavesAVolumeSetupNeverMadeToSetup) {
  pod_.spec.volumes = {config_map_volume("config", "app-config"),
                       config_map_volume("late", "late-config")};
  ASSERT_EQ(volumes_->setup(pod_).code(), StatusCode::kNotFound);  // late-config is missing
  EXPECT_TRUE(volumes_->update(pod_).ok());
  EXPECT_FALSE(exists(volume_dir("configmap", "late")));
}

TEST_F(PodVolumesTest, TeardownRemovesEverythingButHostPathsAndLinkTargets) {
  const std::string host = dir_.path() + "/host";
  pod_.spec.volumes = {empty_dir("cache"), config_map_volume("config", "app-config"),
                       host_path("h", host, "DirectoryOrCreate")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  volume::testing::write_text(host + "/precious", "keep");
  // A container linked the host path (and a file in it) into its emptyDir.
  ASSERT_EQ(symlink(host.c_str(), (volume_dir("empty-dir", "cache") + "/to-host").c_str()), 0);
  ASSERT_EQ(
      symlink((host + "/precious").c_str(), (volume_dir("empty-dir", "cache") + "/file").c_str()),
      0);

  ASSERT_TRUE(volumes_->teardown("uid-1").ok());
  EXPECT_FALSE(exists(pods_dir_ + "/uid-1"));
  EXPECT_EQ(contents(host + "/precious"), "keep");
  EXPECT_TRUE(volumes_->teardown("uid-1").ok());  // idempotent
  EXPECT_TRUE(volumes_->teardown("never-set-up").ok());
}

TEST_F(PodVolumesTest, TeardownKeepsThePodDirWhenOthersUseIt) {
  pod_.spec.volumes = {empty_dir("cache")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  volume::testing::write_text(pods_dir_ + "/uid-1/etc-hosts", "127.0.0.1 localhost\n");
  ASSERT_TRUE(volumes_->teardown("uid-1").ok());
  EXPECT_FALSE(exists(pods_dir_ + "/uid-1/volumes"));
  EXPECT_TRUE(exists(pods_dir_ + "/uid-1/etc-hosts"));
}

TEST_F(PodVolumesTest, ListShowsPodsWithVolumeDirs) {
  pod_.spec.volumes = {empty_dir("cache")};
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  pod_.metadata.uid = "uid-0";
  ASSERT_TRUE(volumes_->setup(pod_).ok());
  ASSERT_EQ(mkdir((pods_dir_ + "/no-volumes").c_str(), 0755), 0);
  Result<std::vector<ExistingPodVolumes>> pods = volumes_->list();
  ASSERT_TRUE(pods.ok()) << pods.status().to_string();
  EXPECT_EQ(*pods, (std::vector<ExistingPodVolumes>{{"uid-0", pods_dir_ + "/uid-0/volumes"},
                                                    {"uid-1", pods_dir_ + "/uid-1/volumes"}}));
  ASSERT_TRUE(volumes_->teardown("uid-0").ok());
  EXPECT_EQ(volumes_->list()->size(), 1u);
}

}  // namespace
}  // namespace herd::runtime
