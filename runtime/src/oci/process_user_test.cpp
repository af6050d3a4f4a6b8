#include "oci/process_user.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::oci {
namespace {

constexpr std::string_view kPasswd =
    "root:x:0:0:root:/root:/bin/sh\n"
    "# a comment\n"
    "broken line\n"
    "nginx:x:101:101:nginx user:/nonexistent:/bin/false\n"
    "app:x:1000:1001::/home/app:/bin/sh";
constexpr std::string_view kGroup =
    "root:x:0:\n"
    "nginx:x:101:\n"
    "staff:x:50:app,nginx\n";

struct ProcessUserTest : ::testing::Test {
  ProcessUserTest() {
    pod.metadata.name = "web";
    pod.metadata.namespace_ = "default";
    pod.metadata.uid = "u-1";
    pod.spec.containers.emplace_back().name = "app";
  }
  api::SecurityContext& container_sc() {
    auto& sc = pod.spec.containers[0].security_context;
    return sc ? *sc : sc.emplace();
  }
  api::PodSecurityContext& pod_sc() {
    auto& sc = pod.spec.security_context;
    return sc ? *sc : sc.emplace();
  }
  Result<ProcessUser> user(std::string_view image_user, std::string_view passwd = kPasswd,
                           std::string_view group = kGroup) {
    return process_user(pod, pod.spec.containers[0], image_user, passwd, group);
  }
  ProcessUser ok(std::string_view image_user, std::string_view passwd = kPasswd,
                 std::string_view group = kGroup) {
    auto u = user(image_user, passwd, group);
    EXPECT_TRUE(u.ok()) << image_user << ": " << u.status().to_string();
    return u.ok() ? *u : ProcessUser{};
  }
  api::Pod pod;
};

TEST_F(ProcessUserTest, ImageUserNumericOrNamed) {
  EXPECT_EQ(ok(""), (ProcessUser{0, 0, {}}));
  EXPECT_EQ(ok("1000"), (ProcessUser{1000, 1001, {}})) << "group from passwd";
  EXPECT_EQ(ok("1000", ""), (ProcessUser{1000, 0, {}})) << "no passwd: group 0";
  EXPECT_EQ(ok("4242"), (ProcessUser{4242, 0, {}})) << "not in passwd: group 0";
  EXPECT_EQ(ok("101:102"), (ProcessUser{101, 102, {}}));
  EXPECT_EQ(ok("nginx"), (ProcessUser{101, 101, {}}));
  EXPECT_EQ(ok("app:staff"), (ProcessUser{1000, 50, {}}));
  EXPECT_EQ(ok("1000:staff"), (ProcessUser{1000, 50, {}}));
  EXPECT_EQ(ok("nginx:7"), (ProcessUser{101, 7, {}}));
}

TEST_F(ProcessUserTest, UnknownNamesAreNotFound) {
  auto no_user = user("postgres");
  ASSERT_FALSE(no_user.ok());
  EXPECT_EQ(no_user.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(no_user.status().message(),
            "unable to find user postgres: no matching entries in passwd file");
  auto no_passwd = user("nginx", "");
  ASSERT_FALSE(no_passwd.ok());
  auto no_group = user("1000:wheel");
  ASSERT_FALSE(no_group.ok());
  EXPECT_EQ(no_group.status().message(),
            "unable to find group wheel: no matching entries in group file");
}

TEST_F(ProcessUserTest, SecurityContextOverridesTheImageContainerOverPod) {
  pod_sc().run_as_user = 2000;
  EXPECT_EQ(ok("nginx:staff"), (ProcessUser{2000, 0, {}})) << "image group dropped with its user";
  pod_sc().run_as_group = 3000;
  EXPECT_EQ(ok("nginx"), (ProcessUser{2000, 3000, {}}));
  container_sc().run_as_user = 1000;
  EXPECT_EQ(ok(""), (ProcessUser{1000, 3000, {}}));
  container_sc().run_as_group = 4000;
  EXPECT_EQ(ok(""), (ProcessUser{1000, 4000, {}}));
}

TEST_F(ProcessUserTest, RunAsUserTakesItsGroupFromPasswd) {
  container_sc().run_as_user = 1000;
  EXPECT_EQ(ok("nginx"), (ProcessUser{1000, 1001, {}}));
}

TEST_F(ProcessUserTest, RunAsGroupAloneReplacesTheImageGroup) {
  pod_sc().run_as_group = 5;
  EXPECT_EQ(ok("101:102"), (ProcessUser{101, 5, {}}));
  EXPECT_EQ(ok(""), (ProcessUser{0, 5, {}}));
}

TEST_F(ProcessUserTest, SupplementalGroupsAndFsGroupAreAdditionalGids) {
  pod_sc().supplemental_groups = {3000, 10, 3000};
  pod_sc().fs_group = 2000;
  EXPECT_EQ(ok("").additional_gids, (std::vector<uint32_t>{10, 2000, 3000}));
}

TEST_F(ProcessUserTest, RunAsNonRootRefusesRootWithTheKubeletsWords) {
  pod_sc().run_as_non_root = true;
  const std::string where = "(pod: \"web_default(u-1)\", container: app)";
  for (std::string_view image_user : {"", "0", "0:1000"}) {
    auto u = user(image_user);
    ASSERT_FALSE(u.ok()) << image_user;
    EXPECT_EQ(u.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(u.status().message(),
              "container has runAsNonRoot and image will run as root " + where);
  }
  auto named = user("nginx");
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(named.status().message(),
            "container has runAsNonRoot and image has non-numeric user (nginx), cannot verify "
            "user is non-root " +
                where);
  EXPECT_TRUE(user("1000").ok());

  container_sc().run_as_user = 0;
  auto explicit_root = user("1000");
  ASSERT_FALSE(explicit_root.ok());
  EXPECT_EQ(explicit_root.status().message(),
            "container's runAsUser breaks non-root policy " + where);
  container_sc().run_as_user = 1000;
  EXPECT_TRUE(user("nginx").ok());

  container_sc().run_as_user.reset();
  container_sc().run_as_non_root = false;
  EXPECT_TRUE(user("").ok()) << "the container's false overrides the pod's true";
}

TEST_F(ProcessUserTest, IdsOutsideUint32AreInvalid) {
  container_sc().run_as_user = -1;
  EXPECT_EQ(user("").status().code(), StatusCode::kInvalidArgument);
  container_sc().run_as_user = int64_t{1} << 32;
  EXPECT_EQ(user("").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace herd::runtime::oci
