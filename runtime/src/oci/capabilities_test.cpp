#include "oci/capabilities.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::oci {
namespace {

using Caps = std::vector<std::string>;

api::Container with_caps(Caps add, Caps drop) {
  api::Container c;
  c.security_context.emplace().capabilities = api::Capabilities{std::move(add), std::move(drop)};
  return c;
}

TEST(Capabilities, ContainerdDefaultsWithoutASecurityContext) {
  const Caps expected{"CAP_CHOWN",   "CAP_DAC_OVERRIDE", "CAP_FSETID",           "CAP_FOWNER",
                      "CAP_MKNOD",   "CAP_NET_RAW",      "CAP_SETGID",           "CAP_SETUID",
                      "CAP_SETFCAP", "CAP_SETPCAP",      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
                      "CAP_KILL",    "CAP_AUDIT_WRITE"};
  EXPECT_EQ(container_capabilities(api::Container{}), expected);
  EXPECT_EQ(default_capabilities(), expected);
  EXPECT_EQ(all_capabilities().size(), 41u);
}

TEST(Capabilities, AddAndDropNamesWithoutPrefixAnyCase) {
  Caps caps = container_capabilities(
      with_caps({"NET_ADMIN", "sys_time", "CAP_SYS_PTRACE"}, {"net_raw", "MKNOD", "NOT_THERE"}));
  EXPECT_EQ(caps.size(), 14u - 2u + 3u);
  EXPECT_NE(std::find(caps.begin(), caps.end(), "CAP_NET_ADMIN"), caps.end());
  EXPECT_NE(std::find(caps.begin(), caps.end(), "CAP_SYS_TIME"), caps.end());
  EXPECT_NE(std::find(caps.begin(), caps.end(), "CAP_SYS_PTRACE"), caps.end());
  EXPECT_EQ(std::find(caps.begin(), caps.end(), "CAP_NET_RAW"), caps.end());
  EXPECT_EQ(std::find(caps.begin(), caps.end(), "CAP_MKNOD"), caps.end());
}

TEST(Capabilities, DropAllThenAddKeepsOnlyTheAdded) {
  EXPECT_EQ(container_capabilities(with_caps({"NET_BIND_SERVICE"}, {"ALL"})),
            Caps{"CAP_NET_BIND_SERVICE"});
  EXPECT_TRUE(container_capabilities(with_caps({}, {"all"})).empty());
}

TEST(Capabilities, AddAllThenDropRemovesTheDropped) {
  Caps caps = container_capabilities(with_caps({"ALL"}, {"SYS_ADMIN"}));
  EXPECT_EQ(caps.size(), 40u);
  EXPECT_EQ(std::find(caps.begin(), caps.end(), "CAP_SYS_ADMIN"), caps.end());
}

TEST(Capabilities, DroppedWinsOverAdded) {
  Caps caps = container_capabilities(with_caps({"NET_ADMIN"}, {"NET_ADMIN"}));
  EXPECT_EQ(caps, default_capabilities());
}

TEST(Capabilities, PrivilegedHasEveryCapabilityWhateverItDrops) {
  api::Container c = with_caps({}, {"ALL"});
  c.security_context->privileged = true;
  EXPECT_EQ(container_capabilities(c), all_capabilities());
}

}  // namespace
}  // namespace herd::runtime::oci
