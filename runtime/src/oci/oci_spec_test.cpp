#include "herd/runtime/oci_spec.hpp"

#include <gtest/gtest.h>

#include "herd/api/codec.hpp"
#include "oci/capabilities.hpp"
#include "oci/oci_testing.hpp"

namespace herd::runtime {
namespace {

using api::Value;
using oci::testing::FakeConfigSource;
using oci::testing::pod_from_yaml;

constexpr std::string_view kPod = R"yaml(apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default, uid: 6d9c2f7e-0000-4000-8000-000000000001}
spec:
  containers:
  - name: app
    image: registry.local/web:1
    args: ["--port", "$(PORT)"]
    env:
    - {name: PORT, value: "8080"}
    - name: LEVEL
      valueFrom: {configMapKeyRef: {name: web-config, key: level}}
    resources:
      limits: {cpu: 500m, memory: 64Mi}
      requests: {cpu: 250m}
)yaml";

// A field of a parsed spec by a dotted path ("process.user.uid"); fails the
// test and returns null when absent.
const Value& at(const Value& root, std::string_view path) {
  static const Value kNull;
  const Value* v = &root;
  while (!path.empty()) {
    const std::size_t dot = path.find('.');
    v = v->find(path.substr(0, dot));
    if (v == nullptr) {
      ADD_FAILURE() << "no " << path;
      return kNull;
    }
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return *v;
}

std::vector<std::string> strings(const Value& array) {
  std::vector<std::string> out;
  for (const Value& v : array.as_array()) {
    out.push_back(v.as_string());
  }
  return out;
}

struct OciSpecTest : ::testing::Test {
  OciSpecTest() : pod(pod_from_yaml(kPod)) {
    image.entrypoint = {"/usr/bin/web"};
    image.cmd = {"--help"};
    image.env = {"PATH=/usr/bin:/bin", "WEB_HOME=/srv"};
    image.working_dir = "/srv";
  }
  api::Container& container() { return pod.spec.containers[0]; }
  api::SecurityContext& sc() {
    auto& sc = container().security_context;
    return sc ? *sc : sc.emplace();
  }
  OciSpecInput input() {
    OciSpecInput in;
    in.env = {"PATH=/usr/bin:/bin", "HOSTNAME=web"};
    in.args = {"/usr/bin/web"};
    in.netns_path = "/var/run/netns/herd-web";
    in.cgroups_path = "/herd/6d9c2f7e/app";
    return in;
  }
  Result<std::string> build(const OciSpecInput& in) {
    return build_oci_spec(pod, container(), image, in);
  }
  Value spec(const OciSpecInput& in) {
    auto json = build(in);
    EXPECT_TRUE(json.ok()) << json.status().to_string();
    if (!json.ok()) {
      return Value();
    }
    auto parsed = api::parse_json_value(*json);
    EXPECT_TRUE(parsed.ok()) << parsed.status().to_string();
    return parsed.ok() ? *parsed : Value();
  }
  Value spec() { return spec(input()); }

  api::Pod pod;
  ImageConfig image;
};

TEST_F(OciSpecTest, FromPodToSpecEndToEnd) {
  FakeConfigSource configs;
  configs.add_config_map("default", "web-config", {{"level", "debug"}});
  PodEnvContext where;
  where.hostname = pod_hostname(pod);
  auto env = container_env(pod, container(), image.env, where, configs);
  ASSERT_TRUE(env.ok()) << env.status().to_string();
  auto args = container_args(image, container(), *env);
  ASSERT_TRUE(args.ok()) << args.status().to_string();
  OciSpecInput in = input();
  in.env = env->process_env;
  in.args = *args;
  in.mounts = {{"/data", "/var/lib/herd/pods/u/volumes/data", false, MountPropagation::kPrivate}};
  in.etc_hosts = "/var/lib/herd/pods/u/hosts";
  in.resolv_conf = "/var/lib/herd/pods/u/resolv.conf";
  in.etc_hostname = "/var/lib/herd/pods/u/hostname";
  const Value s = spec(in);

  EXPECT_EQ(at(s, "ociVersion").as_string(), "1.0.2");
  EXPECT_FALSE(at(s, "process.terminal").as_bool());
  EXPECT_EQ(at(s, "process.user.uid").as_int(), 0);
  EXPECT_EQ(at(s, "process.user.gid").as_int(), 0);
  EXPECT_EQ(strings(at(s, "process.args")),
            (std::vector<std::string>{"/usr/bin/web", "--port", "8080"}));
  EXPECT_EQ(strings(at(s, "process.env")),
            (std::vector<std::string>{"PATH=/usr/bin:/bin", "HOSTNAME=web", "WEB_HOME=/srv",
                                      "PORT=8080", "LEVEL=debug"}));
  EXPECT_EQ(at(s, "process.cwd").as_string(), "/srv");
  for (const char* set : {"bounding", "effective", "permitted"}) {
    EXPECT_EQ(strings(at(at(s, "process.capabilities"), set)), oci::default_capabilities());
  }
  EXPECT_EQ(at(s, "process.capabilities").find("inheritable"), nullptr);
  EXPECT_EQ(at(s, "process.capabilities").find("ambient"), nullptr);
  const Value& rlimit = at(s, "process.rlimits").as_array().at(0);
  EXPECT_EQ(at(rlimit, "type").as_string(), "RLIMIT_NOFILE");
  EXPECT_EQ(at(rlimit, "hard").as_int(), 1024);
  EXPECT_EQ(at(rlimit, "soft").as_int(), 1024);
  EXPECT_FALSE(at(s, "process.noNewPrivileges").as_bool());

  EXPECT_EQ(at(s, "root.path").as_string(), "rootfs");
  EXPECT_FALSE(at(s, "root.readonly").as_bool());
  EXPECT_EQ(at(s, "hostname").as_string(), "web");

  std::vector<std::string> destinations;
  for (const Value& m : at(s, "mounts").as_array()) {
    destinations.push_back(at(m, "destination").as_string());
  }
  EXPECT_EQ(destinations,
            (std::vector<std::string>{"/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue",
                                      "/sys", "/sys/fs/cgroup", "/data", "/etc/hosts",
                                      "/etc/resolv.conf", "/etc/hostname"}));
  const Value& data = at(s, "mounts").as_array()[7];
  EXPECT_EQ(at(data, "type").as_string(), "bind");
  EXPECT_EQ(at(data, "source").as_string(), "/var/lib/herd/pods/u/volumes/data");
  EXPECT_EQ(strings(at(data, "options")), (std::vector<std::string>{"rbind", "rprivate", "rw"}));

  std::vector<std::string> namespaces;
  for (const Value& ns : at(s, "linux.namespaces").as_array()) {
    namespaces.push_back(at(ns, "type").as_string());
    if (namespaces.back() == "network") {
      EXPECT_EQ(at(ns, "path").as_string(), "/var/run/netns/herd-web");
    } else {
      EXPECT_EQ(ns.find("path"), nullptr);
    }
  }
  EXPECT_EQ(namespaces, (std::vector<std::string>{"pid", "ipc", "uts", "mount", "network"}));
  EXPECT_EQ(at(s, "linux.cgroupsPath").as_string(), "/herd/6d9c2f7e/app");
  EXPECT_EQ(at(s, "linux.resources.memory.limit").as_int(), 67108864);
  EXPECT_EQ(at(s, "linux.resources.cpu.quota").as_int(), 50000);
  EXPECT_EQ(at(s, "linux.resources.cpu.period").as_int(), 100000);
  EXPECT_EQ(at(s, "linux.resources.cpu.shares").as_int(), 256);
  EXPECT_EQ(at(s, "linux.resources").find("pids"), nullptr);
  EXPECT_EQ(s.find("linux")->find("rootfsPropagation"), nullptr);

  const Value::Array& devices = at(s, "linux.resources.devices").as_array();
  ASSERT_EQ(devices.size(), 11u);
  EXPECT_FALSE(at(devices[0], "allow").as_bool());
  EXPECT_EQ(at(devices[0], "access").as_string(), "rwm");
  EXPECT_EQ(devices[0].find("type"), nullptr) << "deny every device first";
  EXPECT_TRUE(at(devices[1], "allow").as_bool());
  EXPECT_EQ(at(devices[1], "type").as_string(), "c");
  EXPECT_EQ(at(devices[1], "major").as_int(), 1);
  EXPECT_EQ(at(devices[1], "minor").as_int(), 3) << "/dev/null";
  EXPECT_EQ(devices[8].find("minor"), nullptr) << "/dev/pts/*";

  EXPECT_EQ(
      strings(at(s, "linux.maskedPaths")),
      (std::vector<std::string>{"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
                                "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
                                "/proc/sched_debug", "/sys/firmware", "/proc/scsi"}));
  EXPECT_EQ(strings(at(s, "linux.readonlyPaths")),
            (std::vector<std::string>{"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
                                      "/proc/sysrq-trigger"}));
}

TEST_F(OciSpecTest, WorkingDirFromTheContainerElseImageElseRoot) {
  container().working_dir = "/work";
  EXPECT_EQ(at(spec(), "process.cwd").as_string(), "/work");
  container().working_dir.clear();
  image.working_dir.clear();
  EXPECT_EQ(at(spec(), "process.cwd").as_string(), "/");
}

TEST_F(OciSpecTest, SecurityContextShapesTheProcessAndRoot) {
  sc().run_as_user = 1000;
  sc().run_as_group = 3000;
  sc().read_only_root_filesystem = true;
  sc().allow_privilege_escalation = false;
  sc().capabilities = api::Capabilities{{"NET_ADMIN"}, {"ALL"}};
  pod.spec.security_context.emplace().supplemental_groups = {4000};
  OciSpecInput in = input();
  in.etc_hosts = "/var/lib/herd/hosts";
  const Value s = spec(in);
  EXPECT_EQ(at(s, "process.user.uid").as_int(), 1000);
  EXPECT_EQ(at(s, "process.user.gid").as_int(), 3000);
  EXPECT_EQ(at(s, "process.user.additionalGids").as_array(), Value::Array{Value::integer(4000)});
  EXPECT_TRUE(at(s, "root.readonly").as_bool());
  EXPECT_TRUE(at(s, "process.noNewPrivileges").as_bool());
  EXPECT_EQ(strings(at(s, "process.capabilities.bounding")),
            std::vector<std::string>{"CAP_NET_ADMIN"});
  const Value& hosts = at(s, "mounts").as_array().back();
  EXPECT_EQ(strings(at(hosts, "options")), (std::vector<std::string>{"rbind", "rprivate", "ro"}));
}

TEST_F(OciSpecTest, ImageUserIsUsedWhenTheSecurityContextSaysNothing) {
  image.user = "nginx";
  OciSpecInput in = input();
  in.etc_passwd = "nginx:x:101:102::/:/bin/false\n";
  const Value s = spec(in);
  EXPECT_EQ(at(s, "process.user.uid").as_int(), 101);
  EXPECT_EQ(at(s, "process.user.gid").as_int(), 102);

  in.etc_passwd.clear();
  auto json = build(in);
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(json.status().code(), StatusCode::kNotFound);
}

TEST_F(OciSpecTest, PrivilegedContainersLoseTheRestrictions) {
  sc().privileged = true;
  const Value s = spec();
  EXPECT_EQ(strings(at(s, "process.capabilities.effective")), oci::all_capabilities());
  EXPECT_TRUE(at(s, "linux.maskedPaths").as_array().empty());
  EXPECT_TRUE(at(s, "linux.readonlyPaths").as_array().empty());
  const Value::Array& devices = at(s, "linux.resources.devices").as_array();
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_TRUE(at(devices[0], "allow").as_bool());
  EXPECT_EQ(at(devices[0], "access").as_string(), "rwm");
}

TEST_F(OciSpecTest, HostNamespacesAreLeftOut) {
  pod.spec.host_network = true;
  pod.spec.host_pid = true;
  OciSpecInput in = input();
  EXPECT_EQ(build(in).status().code(), StatusCode::kInvalidArgument)
      << "hostNetwork with a netns path";
  in.netns_path.clear();
  const Value s = spec(in);
  std::vector<std::string> namespaces;
  for (const Value& ns : at(s, "linux.namespaces").as_array()) {
    namespaces.push_back(at(ns, "type").as_string());
  }
  EXPECT_EQ(namespaces, (std::vector<std::string>{"ipc", "mount"}));
  EXPECT_EQ(s.find("hostname"), nullptr) << "the node's UTS namespace keeps its name";
}

TEST_F(OciSpecTest, OptionalLimitsAndPaths) {
  container().resources = {};
  OciSpecInput in = input();
  in.pids_limit = 1024;
  in.cgroups_path.clear();
  in.hostname = "custom";
  in.mounts = {{"/mnt", "/host/mnt", false, MountPropagation::kBidirectional}};
  const Value s = spec(in);
  EXPECT_EQ(at(s, "linux.resources.pids.limit").as_int(), 1024);
  EXPECT_EQ(at(s, "linux.resources").find("memory"), nullptr);
  EXPECT_EQ(at(s, "linux.resources.cpu").find("quota"), nullptr);
  EXPECT_EQ(at(s, "linux.resources.cpu.shares").as_int(), 2);
  EXPECT_EQ(s.find("linux")->find("cgroupsPath"), nullptr);
  EXPECT_EQ(at(s, "linux.rootfsPropagation").as_string(), "rshared");
  EXPECT_EQ(at(s, "hostname").as_string(), "custom");
}

TEST_F(OciSpecTest, Errors) {
  OciSpecInput in = input();
  in.args.clear();
  EXPECT_EQ(build(in).status().message(), "no command specified");
  in = input();
  in.netns_path.clear();
  EXPECT_EQ(build(in).status().message(),
            "no network namespace path for a pod without hostNetwork");
  in.netns_path = "netns/web";
  EXPECT_EQ(build(in).status().code(), StatusCode::kInvalidArgument);
  sc().run_as_non_root = true;
  auto root = build(input());
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(root.status().message(),
            "container has runAsNonRoot and image will run as root (pod: "
            "\"web_default(6d9c2f7e-0000-4000-8000-000000000001)\", container: app)");
}

}  // namespace
}  // namespace herd::runtime
