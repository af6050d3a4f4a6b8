// Runs a spec build_oci_spec() wrote with the real runc, to prove its shape
// before containerd's runc shim gets it: a bundle whose config.json is the
// spec and whose rootfs holds only a static busybox, a network namespace made
// with `ip netns add`, and a shell script that prints what the container sees.
//
// Needs root, runc at /usr/sbin/runc, ip(8) and /bin/busybox (Debian's
// busybox-static). Without runc the test is skipped, saying so; a missing
// busybox or ip, or not being root, fails it.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "herd/runtime/oci_spec.hpp"
#include "oci/oci_testing.hpp"

namespace herd::runtime {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRunc = "/usr/sbin/runc";
constexpr const char* kBusybox = "/bin/busybox";

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CommandResult run(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) {
    return result;
  }
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    result.output.append(buffer, n);
  }
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

void write_file(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

// A temporary directory and network namespace, removed at the end.
class RuncFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kRunc)) {
      GTEST_SKIP() << kRunc << " is not installed: the spec was not tried with runc";
    }
    ASSERT_EQ(::geteuid(), 0u) << "runc needs root";
    ASSERT_TRUE(fs::exists(kBusybox)) << "install busybox-static";
    char dir_template[] = "/tmp/herd-runc-XXXXXX";
    ASSERT_NE(::mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
    id_ = "herd-oci-" + std::to_string(::getpid());
    CommandResult netns = run("ip netns add " + id_);
    ASSERT_EQ(netns.exit_code, 0) << netns.output;
    netns_created_ = true;
  }
  void TearDown() override {
    if (netns_created_) {
      CommandResult removed = run("ip netns delete " + id_);
      EXPECT_EQ(removed.exit_code, 0) << removed.output;
    }
    if (!dir_.empty()) {
      (void)run("timeout 10 " + std::string(kRunc) + " --root " + (dir_ / "state").string() +
                " delete --force " + id_);  // only matters when the run failed half way
      std::error_code ignored;
      fs::remove_all(dir_, ignored);
    }
    // runc removes the container's cgroup, not its parent /<id_>: one
    // directory per v1 controller, or one in the v2 hierarchy.
    std::error_code ignored;
    for (const auto& controller : fs::directory_iterator("/sys/fs/cgroup", ignored)) {
      fs::remove(controller.path() / id_, ignored);
    }
    fs::remove(fs::path("/sys/fs/cgroup") / id_, ignored);
  }

  // bundle/rootfs with busybox and its applets as links.
  fs::path make_bundle() {
    const fs::path bundle = dir_ / "bundle";
    const fs::path bin = bundle / "rootfs" / "bin";
    fs::create_directories(bin);
    fs::copy_file(kBusybox, bin / "busybox");
    for (const char* applet :
         {"sh", "echo", "cat", "id", "hostname", "touch", "ls", "head", "tail"}) {
      fs::create_symlink("busybox", bin / applet);
    }
    return bundle;
  }

  fs::path dir_;
  std::string id_;
  bool netns_created_ = false;
};

TEST_F(RuncFixture, RuncRunsTheSpec) {
  const fs::path bundle = make_bundle();
  const fs::path volume = dir_ / "volume";
  fs::create_directories(volume);
  write_file(volume / "data.txt", "volume-data\n");
  write_file(dir_ / "hosts", "127.0.0.1 localhost\n10.1.0.7 web\n");
  write_file(dir_ / "hostname", "web\n");
  write_file(dir_ / "resolv.conf", "nameserver 10.96.0.10\n");

  const api::Pod pod = oci::testing::pod_from_yaml(R"yaml(apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default, uid: 0a1b2c3d-0000-4000-8000-000000000001}
spec:
  containers:
  - name: app
    image: busybox
    command: ["/bin/sh", "-c"]
    args:
    - >-
      echo ok;
      echo "uid=$$(id -u) gid=$$(id -g) groups=$$(id -G) host=$$(hostname) greeting=$GREETING cwd=$$PWD";
      cat /data/data.txt;
      touch /data/new 2>/dev/null && echo data-writable || echo data-read-only;
      head -n 2 /etc/hosts | tail -n 1;
      cat /etc/resolv.conf;
      cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max;
      cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us 2>/dev/null || cat /sys/fs/cgroup/cpu.max
    env:
    - {name: GREETING, value: "hello $(POD_NAME)"}
    - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    workingDir: /tmp
    resources:
      limits: {cpu: 500m, memory: 64Mi}
    securityContext:
      runAsUser: 1000
      runAsGroup: 1000
  securityContext:
    supplementalGroups: [2000]
)yaml");
  const api::Container& container = pod.spec.containers[0];
  ImageConfig image;
  image.cmd = {"sh"};
  oci::testing::FakeConfigSource configs;
  PodEnvContext where;
  where.hostname = pod_hostname(pod);
  auto env = container_env(pod, container, image.env, where, configs);
  ASSERT_TRUE(env.ok()) << env.status().to_string();
  auto args = container_args(image, container, *env);
  ASSERT_TRUE(args.ok()) << args.status().to_string();

  OciSpecInput in;
  in.env = env->process_env;
  in.args = *args;
  in.mounts = {{"/data", volume.string(), true, MountPropagation::kPrivate}};
  in.etc_hosts = (dir_ / "hosts").string();
  in.etc_hostname = (dir_ / "hostname").string();
  in.resolv_conf = (dir_ / "resolv.conf").string();
  in.netns_path = "/var/run/netns/" + id_;
  in.cgroups_path = "/" + id_ + "/app";
  in.pids_limit = 64;
  auto spec = build_oci_spec(pod, container, image, in);
  ASSERT_TRUE(spec.ok()) << spec.status().to_string();
  write_file(bundle / "config.json", *spec);

  const CommandResult result =
      run("timeout 60 " + std::string(kRunc) + " --root " + (dir_ / "state").string() +
          " run --bundle " + bundle.string() + " " + id_ + " </dev/null");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  // GREETING was declared before POD_NAME, so $(POD_NAME) stays as written
  // (Kubernetes expands against earlier variables only).
  EXPECT_EQ(result.output,
            "ok\n"
            "uid=1000 gid=1000 groups=1000 2000 host=web greeting=hello $(POD_NAME) cwd=/tmp\n"
            "volume-data\n"
            "data-read-only\n"
            "10.1.0.7 web\n"
            "nameserver 10.96.0.10\n"
            "67108864\n"
            "50000\n");
}

}  // namespace
}  // namespace herd::runtime
