// A whole control plane with one node agent on the containerd runtime: real
// containerd and runc, CNI, the test registry behind a docker.io mirror, and
// the seed's workloads. scripts/test starts the services and exports
// HERD_CONTAINERD_SOCKET and HERD_REGISTRY; without them these tests fail.
//
// Time is real (SystemClock): probes, back-off and grace periods run on the
// control plane's timer thread. The restart back-off is 1 s here instead of
// the kubelet's 10 s so restarts show within a test's patience.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "herd/actors/control_plane.hpp"
#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/base/clock.hpp"
#include "herd/events/log_factory.hpp"
#include "herd/runtime/container_logs.hpp"
#include "herd/runtime/containerd_client.hpp"
#include "herd/runtime/containerd_runtime.hpp"
#include "scenarios/scenario_helpers.hpp"

namespace herd::actors {
namespace {

using namespace std::chrono_literals;
using scenarios::get_as;
using scenarios::list_as;
namespace containerd = runtime::containerd;

constexpr const char* kNode = "containerd-node";

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

std::string read_source_file(const std::string& path) {
  std::ifstream in(std::string(HERD_SOURCE_DIR) + "/" + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// GET http://ip:port/path over a plain socket; "" when nothing answers.
std::string http_get(const std::string& ip, int port, const std::string& path) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, ip.c_str(), &addr.sin_addr);
  std::string out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + ip + "\r\nConnection: close\r\n\r\n";
    if (::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
      char buf[4096];
      for (ssize_t n; (n = ::recv(fd, buf, sizeof(buf), 0)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return out;
}

class ContainerdNodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    socket_ = env("HERD_CONTAINERD_SOCKET");
    registry_ = env("HERD_REGISTRY");
    ASSERT_FALSE(socket_.empty()) << "HERD_CONTAINERD_SOCKET is not set: run scripts/containerd up";
    ASSERT_FALSE(registry_.empty()) << "HERD_REGISTRY is not set: run scripts/registry up";
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = std::filesystem::temp_directory_path() / ("herd-node-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    namespace_ = "herd-node-test-" + std::to_string(::getpid());
    Result<std::unique_ptr<events::EventLog>> log = events::open_event_log("file://" + (dir_ / "log").string(), {});
    ASSERT_TRUE(log.ok()) << log.status().to_string();
    log_ = std::move(*log);
    containerd::ContainerdOptions o;
    o.address = socket_;
    o.ns = namespace_;
    Result<std::unique_ptr<containerd::ContainerdClient>> client = containerd::ContainerdClient::connect(o);
    ASSERT_TRUE(client.ok()) << client.status().to_string();
    client_ = std::move(*client);
    start_plane();
  }

  void TearDown() override {
    // Deleting every pod stops and cleans them; then the namespace goes.
    if (plane_) {
      for (const ObjectView& v : plane_->list("Pod")) {
        const api::ObjectMeta& m = api::meta(v.object);
        (void)plane_->remove("Pod", m.namespace_, m.name, DeletePropagation::kBackground, "user:test", 0);
      }
      EXPECT_TRUE(wait_for([&] { return plane_->list("Pod").empty() && containers_in_containerd() == 0; }, 60s))
          << "pods or containers left after deleting every pod";
    }
    plane_.reset();
    if (client_) {
      Result<std::vector<containerd::Container>> left = client_->list_containers({});
      EXPECT_TRUE(left.ok() && left->empty()) << "containers left in " << namespace_;
      // Content is shared between namespaces: what this test pulled must not
      // be there for the next test that counts what its pull fetches.
      std::string purge = std::string(HERD_SOURCE_DIR) + "/integration/containerd/purge-namespace " + socket_ +
                          " " + namespace_;
      EXPECT_EQ(std::system(purge.c_str()), 0) << purge;
    }
    std::filesystem::remove_all(dir_);
  }

  runtime::ContainerdRuntimeOptions runtime_options() const {
    runtime::ContainerdRuntimeOptions o;
    o.containerd_socket = socket_;
    o.containerd_namespace = namespace_;
    o.pods_dir = dir_ / "pods";
    o.network.state_dir = (dir_ / "network").string();
    o.network.bridge = "herdtest0";
    o.network.subnet = "10.246.0.0/16";
    o.registry.mirrors["docker.io"].endpoints = {"http://" + registry_};
    o.registry.mirrors["docker.io"].fallback_to_origin = false;
    o.log_driver = HERD_LOG_DRIVER_BINARY;
    o.restart_backoff_initial = 1s;
    o.retry_initial = 1s;
    o.retry_max = 5s;
    return o;
  }

  // Starts the control plane over the test's log, with the containerd node
  // unless `with_node` is false.
  void start_plane(bool with_node = true) {
    ControlPlaneOptions options;
    options.log = log_.get();
    options.clock = &clock_;
    options.heartbeat_interval = 10s;
    if (!with_node) {
      Result<std::unique_ptr<ControlPlane>> plane = ControlPlane::start(std::move(options));
      ASSERT_TRUE(plane.ok()) << plane.status().to_string();
      plane_ = std::move(*plane);
      return;
    }
    ControlPlaneOptions::NodeSpec node;
    node.name = kNode;
    runtime::ContainerdRuntimeOptions ro = runtime_options();
    node.make_runtime = [ro](runtime::RuntimeServices services) -> std::unique_ptr<runtime::PodRuntime> {
      Result<std::unique_ptr<runtime::PodRuntime>> r = runtime::open_containerd_runtime(ro, std::move(services));
      EXPECT_TRUE(r.ok()) << r.status().to_string();
      return r.ok() ? std::move(*r) : nullptr;
    };
    options.nodes.push_back(std::move(node));
    Result<std::unique_ptr<ControlPlane>> plane = ControlPlane::start(std::move(options));
    ASSERT_TRUE(plane.ok()) << plane.status().to_string();
    plane_ = std::move(*plane);
  }

  // Polls `done` every 100 ms for at most `limit`.
  bool wait_for(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    auto end = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > end) return false;
      std::this_thread::sleep_for(100ms);
    }
    return true;
  }

  void create(const std::string& yaml) {
    api::Manifest m = api::decode_manifest(yaml, api::DecodeOptions{"test.yaml", true});
    ASSERT_EQ(m.error_count(), 0u) << yaml;
    for (auto& o : m.objects) {
      Result<ObjectView> r = plane_->create(std::move(o.object), "user:test");
      ASSERT_TRUE(r.ok()) << r.status().to_string();
    }
  }
  void create_file(const std::string& path) { create(read_source_file(path)); }

  std::optional<api::Pod> pod(const std::string& name) { return get_as<api::Pod>(*plane_, "Pod", "default", name); }

  // The pod's status as JSON, for failure messages.
  std::string status_text(const std::string& name) {
    std::optional<api::Pod> p = pod(name);
    if (!p) return "(no pod " + name + ")";
    const api::Value* status = api::encode_object(api::Object{*p}).find("status");
    return status ? api::to_json(*status, true) : "{}";
  }

  bool running(const std::string& name) {
    std::optional<api::Pod> p = pod(name);
    return p && p->status.phase == "Running" && !p->status.container_statuses.empty() &&
           p->status.container_statuses[0].state.running;
  }

  const api::ContainerStatus* status_of(const api::Pod& p, const std::string& container) {
    for (const api::ContainerStatus& s : p.status.container_statuses) {
      if (s.name == container) return &s;
    }
    return nullptr;
  }

  // A copy of `container`'s status in pod `pod_name` (none yet: a default one).
  api::ContainerStatus container_status(const std::string& pod_name, const std::string& container) {
    std::optional<api::Pod> p = pod(pod_name);
    const api::ContainerStatus* s = p ? status_of(*p, container) : nullptr;
    return s ? *s : api::ContainerStatus{};
  }

  std::string waiting_reason(const std::string& pod_name, const std::string& container) {
    std::optional<api::Pod> p = pod(pod_name);
    if (!p) return "";
    const api::ContainerStatus* s = status_of(*p, container);
    return s && s->state.waiting ? s->state.waiting->reason : "";
  }

  // containerd's id of a container from the pod's status.
  std::string container_id(const std::string& pod_name, const std::string& container) {
    std::optional<api::Pod> p = pod(pod_name);
    if (!p) return "";
    const api::ContainerStatus* s = status_of(*p, container);
    if (!s || !s->container_id.starts_with(runtime::kContainerIdPrefix)) return "";
    return s->container_id.substr(runtime::kContainerIdPrefix.size());
  }

  Result<runtime::ExecResult> exec(const std::string& pod_name, const std::string& container,
                                   std::vector<std::string> command) {
    std::filesystem::create_directories(dir_ / "exec");
    auto runner = runtime::make_containerd_exec_runner(*client_, dir_ / "exec");
    return runner->run(container_id(pod_name, container), command, 10s);
  }

  // What `container` of the pod wrote, as the node keeps it (its current
  // instance); the read's error text when there is none.
  std::string container_log(const std::string& pod_uid, const std::string& pod_name, const std::string& container) {
    std::unique_ptr<runtime::ContainerLogs> logs = runtime::make_file_container_logs(dir_ / "pods");
    runtime::ContainerLogRequest request;
    request.pod_uid = pod_uid;
    request.pod_name = pod_name;
    request.container = container;
    std::string out;
    Status read = logs->read(request, [&](std::string_view chunk) {
      out.append(chunk);
      return Status();
    });
    return read.ok() ? out : read.to_string();
  }

  std::size_t containers_in_containerd() {
    Result<std::vector<containerd::Container>> all = client_->list_containers({});
    EXPECT_TRUE(all.ok()) << all.status().to_string();
    return all.ok() ? all->size() : 0;
  }

  std::string socket_, registry_, namespace_;
  std::filesystem::path dir_;
  SystemClock clock_;
  std::unique_ptr<events::EventLog> log_;
  std::unique_ptr<containerd::ContainerdClient> client_;
  std::unique_ptr<ControlPlane> plane_;
};

TEST_F(ContainerdNodeTest, TheNodeReportsThisMachine) {
  ASSERT_TRUE(wait_for([&] { return get_as<api::Node>(*plane_, "Node", "", kNode).has_value(); }, 10s));
  api::Node node = *get_as<api::Node>(*plane_, "Node", "", kNode);
  runtime::NodeResources machine = runtime::machine_resources();
  EXPECT_EQ(node.status.capacity.at("cpu"), machine.cpu);
  EXPECT_EQ(node.status.capacity.at("memory"), machine.memory);
  EXPECT_EQ(node.metadata.labels["herd.io/runtime"], "containerd");
}

TEST_F(ContainerdNodeTest, TheSeedPodAnswersHealthOnItsPodIpAndAFailingLivenessProbeRestartsIt) {
  create_file("examples/seed/pod-constraintpod.yaml");
  ASSERT_TRUE(wait_for([&] { return running("constraintpod"); }, 60s)) << "constraintpod is not running";
  api::Pod p = *pod("constraintpod");
  ASSERT_FALSE(p.status.pod_ip.empty());
  EXPECT_TRUE(p.status.pod_ip.starts_with("10.246.")) << p.status.pod_ip;
  std::string answer;
  ASSERT_TRUE(wait_for([&] { return (answer = http_get(p.status.pod_ip, 9876, "/health")).find("200 OK") != std::string::npos; }, 20s))
      << answer;
  EXPECT_NE(answer.find("\"healthy\": true"), std::string::npos) << answer;
  EXPECT_TRUE(status_of(p, "sise")->image_id.starts_with("docker.io/mhausenblas/simple-service@sha256:"))
      << status_of(p, "sise")->image_id;

  // The same pod with its liveness probe on a path the service does not have.
  std::string failing = read_source_file("examples/seed/pod-constraintpod.yaml");
  failing.replace(failing.find("name: constraintpod"), 19, "name: failing-liveness");
  failing.replace(failing.find("initialDelaySeconds: 2"), 22, "initialDelaySeconds: 1");
  failing.replace(failing.find("periodSeconds: 5"), 16, "periodSeconds: 1");
  failing.replace(failing.find("path: /health"), 13, "path: /nosuch");
  create(failing);
  ASSERT_TRUE(wait_for([&] {
    std::optional<api::Pod> f = pod("failing-liveness");
    return f && !f->status.container_statuses.empty() && f->status.container_statuses[0].restart_count >= 1 &&
           f->status.container_statuses[0].state.running;
  }, 60s)) << "no restart after failed liveness probes";
  const api::ContainerStatus s = container_status("failing-liveness", "sise");
  ASSERT_TRUE(s.last_state.terminated.has_value())
      << "restartCount " << s.restart_count << " running " << s.state.running.has_value() << "\n"
      << status_text("failing-liveness");
  // The healthy pod was never restarted.
  EXPECT_EQ(container_status("constraintpod", "sise").restart_count, 0);
}

TEST_F(ContainerdNodeTest, ReadinessDecidesThePodsReadyConditionAndTheServicesEndpoints) {
  const std::string pod_template = R"(apiVersion: v1
kind: Pod
metadata:
  name: NAME
  labels: {app: web}
spec:
  containers:
  - name: web
    image: mhausenblas/simple-service:0.5.0
    readinessProbe:
      periodSeconds: 1
      httpGet: {path: PATH, port: 9876}
)";
  auto pod_yaml = [&](const std::string& name, const std::string& path) {
    std::string y = pod_template;
    y.replace(y.find("NAME"), 4, name);
    y.replace(y.find("PATH"), 4, path);
    return y;
  };
  create(R"(apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 9876
)");
  create(pod_yaml("ready-web", "/health"));
  create(pod_yaml("unready-web", "/nosuch"));
  auto ready = [&](const std::string& name) {
    std::optional<api::Pod> p = pod(name);
    return p && scenarios::condition_true(p->status.conditions, "Ready");
  };
  ASSERT_TRUE(wait_for([&] { return ready("ready-web") && running("unready-web"); }, 60s))
      << status_text("ready-web") << status_text("unready-web");
  // Three failed attempts later the other is still not ready.
  std::this_thread::sleep_for(3s);
  EXPECT_FALSE(ready("unready-web")) << status_text("unready-web");

  const std::string ready_ip = pod("ready-web")->status.pod_ip;
  const std::string unready_ip = pod("unready-web")->status.pod_ip;
  auto endpoints = [&] { return get_as<api::Endpoints>(*plane_, "Endpoints", "default", "web"); };
  ASSERT_TRUE(wait_for([&] {
    std::optional<api::Endpoints> e = endpoints();
    return e && e->subsets.size() == 1 && e->subsets[0].addresses.size() == 1 &&
           e->subsets[0].not_ready_addresses.size() == 1;
  }, 30s));
  EXPECT_EQ(endpoints()->subsets[0].addresses[0].ip, ready_ip);
  EXPECT_EQ(endpoints()->subsets[0].not_ready_addresses[0].ip, unready_ip);
  EXPECT_EQ(endpoints()->subsets[0].ports.at(0).port, 9876);
}

TEST_F(ContainerdNodeTest, ExecProbesRunInsideTheContainer) {
  // The probe's command runs in the container's own file system, through
  // containerd's exec: ready once the container has made /tmp/ready.
  const std::string pod_template = R"(apiVersion: v1
kind: Pod
metadata:
  name: NAME
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "SCRIPT"]
    readinessProbe:
      periodSeconds: 1
      exec: {command: ["cat", "/tmp/ready"]}
)";
  auto pod_yaml = [&](const std::string& name, const std::string& script) {
    std::string y = pod_template;
    y.replace(y.find("NAME"), 4, name);
    y.replace(y.find("SCRIPT"), 6, script);
    return y;
  };
  auto ready = [&](const std::string& name) {
    std::optional<api::Pod> p = pod(name);
    return p && scenarios::condition_true(p->status.conditions, "Ready");
  };
  create(pod_yaml("exec-ready", "sleep 5; touch /tmp/ready; sleep 3600"));
  create(pod_yaml("exec-never", "sleep 3600"));
  ASSERT_TRUE(wait_for([&] { return running("exec-ready") && running("exec-never"); }, 60s));
  EXPECT_FALSE(ready("exec-ready")) << "ready before its file exists";
  ASSERT_TRUE(wait_for([&] { return ready("exec-ready"); }, 30s)) << status_text("exec-ready");
  std::this_thread::sleep_for(2s);
  EXPECT_FALSE(ready("exec-never")) << status_text("exec-never");
}

TEST_F(ContainerdNodeTest, InitContainersRunInOrderBeforeTheAppAndAFailedOneFailsThePod) {
  // Each init container appends to a file in an emptyDir; the app prints it.
  create(R"(apiVersion: v1
kind: Pod
metadata:
  name: with-init
spec:
  restartPolicy: Never
  volumes:
  - name: work
    emptyDir: {}
  initContainers:
  - name: first
    image: busybox
    command: ["sh", "-c", "echo first >> /work/order"]
    volumeMounts: [{name: work, mountPath: /work}]
  - name: second
    image: busybox
    command: ["sh", "-c", "sleep 1; echo second >> /work/order"]
    volumeMounts: [{name: work, mountPath: /work}]
  containers:
  - name: app
    image: busybox
    command: ["cat", "/work/order"]
    volumeMounts: [{name: work, mountPath: /work}]
---
apiVersion: v1
kind: Pod
metadata:
  name: failed-init
spec:
  restartPolicy: Never
  initContainers:
  - name: setup
    image: busybox
    command: ["false"]
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
)");
  ASSERT_TRUE(wait_for([&] { return pod("with-init") && pod("with-init")->status.phase == "Succeeded"; }, 60s))
      << status_text("with-init");
  api::Pod done = *pod("with-init");
  ASSERT_EQ(done.status.init_container_statuses.size(), 2u) << status_text("with-init");
  for (const api::ContainerStatus& s : done.status.init_container_statuses) {
    ASSERT_TRUE(s.state.terminated.has_value()) << s.name;
    EXPECT_EQ(s.state.terminated->exit_code, 0) << s.name;
  }
  EXPECT_EQ(container_log(done.metadata.uid, "with-init", "app"), "first\nsecond\n");

  ASSERT_TRUE(wait_for([&] { return pod("failed-init") && pod("failed-init")->status.phase == "Failed"; }, 60s))
      << status_text("failed-init");
  EXPECT_TRUE(pod("failed-init")->status.container_statuses.empty() ||
              !container_status("failed-init", "app").state.running)
      << "the app container ran after its init container failed";
  EXPECT_EQ(containers_in_containerd(), 0u);
}

TEST_F(ContainerdNodeTest, DeletionSendsSigtermThenSigkillAfterTheGracePeriod) {
  // As pid 1, busybox sleep sets no SIGTERM handler, so the signal does
  // nothing and only the SIGKILL after the grace period ends it.
  create(R"(apiVersion: v1
kind: Pod
metadata:
  name: stubborn
spec:
  terminationGracePeriodSeconds: 3
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
)");
  ASSERT_TRUE(wait_for([&] { return running("stubborn"); }, 60s));
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(plane_->remove("Pod", "default", "stubborn", DeletePropagation::kBackground, "user:test").ok());
  ASSERT_TRUE(wait_for([&] { return !pod("stubborn"); }, 30s));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GE(seconds, 3.0) << "the pod went before its grace period ended";
  EXPECT_EQ(containers_in_containerd(), 0u);
}

TEST_F(ContainerdNodeTest, AContainerPastItsMemoryLimitIsOOMKilledAndTheCpuQuotaIsInItsCgroup) {
  create(R"(apiVersion: v1
kind: Pod
metadata:
  name: limits
spec:
  restartPolicy: Never
  containers:
  - name: hog
    image: herd/memhog:latest
    command: ["memhog", "64", "30"]
    resources:
      limits: {memory: "16Mi"}
  - name: idle
    image: busybox
    command: ["sleep", "3600"]
    resources:
      limits: {cpu: "500m", memory: "32Mi"}
)");
  ASSERT_TRUE(wait_for([&] {
    std::optional<api::Pod> p = pod("limits");
    const api::ContainerStatus* s = p ? status_of(*p, "hog") : nullptr;
    return s && s->state.terminated;
  }, 60s)) << "hog did not end";
  const api::ContainerStatus hog = container_status("limits", "hog");
  EXPECT_EQ(hog.state.terminated->reason, "OOMKilled");
  EXPECT_EQ(hog.state.terminated->exit_code, 137);

  ASSERT_TRUE(wait_for([&] { return !container_id("limits", "idle").empty() &&
                                    container_status("limits", "idle").state.running; }, 30s));
  std::string cgroup = "/sys/fs/cgroup/cpu/herd/pod" + pod("limits")->metadata.uid + "/" + container_id("limits", "idle");
  std::ifstream quota(cgroup + "/cpu.cfs_quota_us");
  std::ifstream period(cgroup + "/cpu.cfs_period_us");
  int64_t q = 0, per = 0;
  quota >> q;
  period >> per;
  EXPECT_EQ(q, 50000) << cgroup;
  EXPECT_EQ(per, 100000) << cgroup;
  std::ifstream memory("/sys/fs/cgroup/memory/herd/pod" + pod("limits")->metadata.uid + "/" +
                       container_id("limits", "idle") + "/memory.limit_in_bytes");
  int64_t limit = 0;
  memory >> limit;
  EXPECT_EQ(limit, 32 << 20);
}

TEST_F(ContainerdNodeTest, ASecretEnvVarAndAConfigMapVolumeAreVisibleInside) {
  const std::string pod_yaml = R"(apiVersion: v1
kind: Pod
metadata:
  name: mariadb-pattern
spec:
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
    env:
    - name: MYSQL_DATABASE
      value: portus_production
    - name: MYSQL_ROOT_PASSWORD
      valueFrom:
        secretKeyRef:
          name: mariadb-secrets
          key: root
    volumeMounts:
    - name: config
      mountPath: /etc/myapp
  volumes:
  - name: config
    configMap:
      name: myapp-config
)";
  create_file("examples/seed/secret-mariadb-secrets.yaml");
  create(pod_yaml);
  // No ConfigMap yet: the pod waits, saying why.
  ASSERT_TRUE(wait_for([&] {
    std::optional<api::Pod> p = pod("mariadb-pattern");
    return p && p->status.reason == "FailedMount";
  }, 30s));
  EXPECT_NE(pod("mariadb-pattern")->status.message.find("configmap \"myapp-config\" not found"), std::string::npos)
      << pod("mariadb-pattern")->status.message;
  EXPECT_NE(pod("mariadb-pattern")->status.phase, "Running");
  EXPECT_EQ(waiting_reason("mariadb-pattern", "app"), "ContainerCreating");

  create_file("examples/seed/configmap-myapp-config.yaml");
  ASSERT_TRUE(wait_for([&] { return running("mariadb-pattern"); }, 60s));
  Result<runtime::ExecResult> password = exec("mariadb-pattern", "app", {"sh", "-c", "echo $MYSQL_ROOT_PASSWORD"});
  ASSERT_TRUE(password.ok()) << password.status().to_string();
  EXPECT_EQ(password->exit_code, 0);
  EXPECT_EQ(password->output, "portus\n");
  Result<runtime::ExecResult> key = exec("mariadb-pattern", "app", {"cat", "/etc/myapp/key", "/etc/myapp/newKey"});
  ASSERT_TRUE(key.ok()) << key.status().to_string();
  EXPECT_EQ(key->output, "value" "very long value that\ncan span multiple lines\nsuch as s config file\n");
  Result<runtime::ExecResult> readonly = exec("mariadb-pattern", "app", {"sh", "-c", "echo x > /etc/myapp/key"});
  ASSERT_TRUE(readonly.ok()) << readonly.status().to_string();
  EXPECT_NE(readonly->exit_code, 0) << "a configMap volume is read-only";
}

TEST_F(ContainerdNodeTest, ThePiJobCompletesWithTheDigitsInItsLog) {
  create_file(scenarios::kSeedPi);
  ASSERT_TRUE(wait_for([&] {
    std::optional<api::Job> job = get_as<api::Job>(*plane_, "Job", "default", "pi-with-timeout");
    return job && job->status.succeeded == 1;
  }, 120s)) << "the pi Job did not complete";
  std::vector<api::Pod> pods = list_as<api::Pod>(*plane_, "Pod", "default");
  ASSERT_EQ(pods.size(), 1u);
  EXPECT_EQ(pods[0].status.phase, "Succeeded");
  std::string out = container_log(pods[0].metadata.uid, pods[0].metadata.name, "pi");
  EXPECT_TRUE(out.starts_with("3.14159265358979323846264338327950288419716939937510")) << out.substr(0, 80);
  EXPECT_GT(out.size(), 2000u) << "bpi(2000): 2000 digits";
}

TEST_F(ContainerdNodeTest, SiseDeployRunsTwoReplicasScalesToOneAndLeavesNothingWhenDeleted) {
  create_file(scenarios::kSeedSise);
  auto running_pods = [&] {
    int n = 0;
    for (const api::Pod& p : list_as<api::Pod>(*plane_, "Pod", "default")) n += scenarios::running_and_ready(p);
    return n;
  };
  ASSERT_TRUE(wait_for([&] { return running_pods() == 2; }, 90s)) << "sise-deploy did not reach 2 ready pods";
  for (const api::Pod& p : list_as<api::Pod>(*plane_, "Pod", "default")) {
    EXPECT_EQ(p.spec.node_name, kNode);
    std::string info = http_get(p.status.pod_ip, 9876, "/info");
    EXPECT_NE(info.find("\"version\": \"0.9\""), std::string::npos) << info;
  }
  EXPECT_EQ(containers_in_containerd(), 2u);

  ASSERT_TRUE(scenarios::change_object<api::Deployment>(*plane_, "Deployment", "default", "sise-deploy",
                                                        [](api::Deployment& d) { d.spec.replicas = 1; })
                  .ok());
  ASSERT_TRUE(wait_for([&] { return plane_->list("Pod", "default").size() == 1 && containers_in_containerd() == 1; },
                       60s))
      << "scaling to 1 did not stop one container";

  std::vector<std::string> uids;
  for (const api::Pod& p : list_as<api::Pod>(*plane_, "Pod", "default")) uids.push_back(p.metadata.uid);
  ASSERT_TRUE(plane_->remove("Deployment", "default", "sise-deploy", DeletePropagation::kForeground, "user:test").ok());
  ASSERT_TRUE(wait_for([&] { return plane_->list("Pod", "default").empty() && containers_in_containerd() == 0; }, 60s));
  Result<std::vector<containerd::ProcessInfo>> tasks = client_->list_tasks();
  ASSERT_TRUE(tasks.ok());
  EXPECT_TRUE(tasks->empty());
  for (const std::string& uid : uids) {
    EXPECT_FALSE(std::filesystem::exists(dir_ / "pods" / uid)) << "pod directory of " << uid;
    EXPECT_FALSE(std::filesystem::exists("/var/run/netns/herd-" + uid)) << "netns of " << uid;
    EXPECT_FALSE(std::filesystem::exists("/sys/fs/cgroup/memory/herd/pod" + uid)) << "cgroup of " << uid;
  }
  Result<std::vector<runtime::ExistingPodNetwork>> nets = [&] {
    runtime::CniNetworkConfig c = runtime_options().network;
    Result<std::unique_ptr<runtime::PodNetwork>> n = runtime::open_cni_pod_network(c);
    return n.ok() ? (*n)->list() : Result<std::vector<runtime::ExistingPodNetwork>>(n.status());
  }();
  ASSERT_TRUE(nets.ok()) << nets.status().to_string();
  EXPECT_TRUE(nets->empty()) << nets->size() << " pod networks left";
}

TEST_F(ContainerdNodeTest, APullFailureShowsErrImagePullWithTheReasonAndTheMirrorServesDockerHubNames) {
  create(R"(apiVersion: v1
kind: Pod
metadata:
  name: no-image
spec:
  containers:
  - name: app
    image: nosuch/image:1.0
)");
  ASSERT_TRUE(wait_for([&] { return waiting_reason("no-image", "app") == "ErrImagePull"; }, 30s));
  const api::ContainerStatus s = container_status("no-image", "app");
  EXPECT_NE(s.state.waiting->message.find("manifest unknown"), std::string::npos) << s.state.waiting->message;
  EXPECT_NE(s.state.waiting->message.find("docker.io/nosuch/image:1.0"), std::string::npos)
      << s.state.waiting->message;
  ASSERT_TRUE(wait_for([&] { return waiting_reason("no-image", "app") == "ImagePullBackOff"; }, 30s));

  // docker.io/library/busybox comes from the mirror (the test registry).
  create(R"(apiVersion: v1
kind: Pod
metadata:
  name: mirrored
spec:
  containers:
  - name: app
    image: busybox
    imagePullPolicy: Always
    command: ["sleep", "3600"]
)");
  ASSERT_TRUE(wait_for([&] { return running("mirrored"); }, 60s));
  EXPECT_EQ(container_status("mirrored", "app").image, "docker.io/library/busybox:latest");
}

TEST_F(ContainerdNodeTest, ARestartedNodeAdoptsItsContainersAndRemovesOrphans) {
  create(R"(apiVersion: v1
kind: Pod
metadata:
  name: keeper
spec:
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: goner
spec:
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
)");
  ASSERT_TRUE(wait_for([&] { return running("keeper") && running("goner"); }, 60s));
  const std::string keeper_id = container_id("keeper", "app");
  const std::string goner_uid = pod("goner")->metadata.uid;
  ASSERT_EQ(containers_in_containerd(), 2u);

  // The node goes away with its containers still running; meanwhile "goner"
  // is deleted for good (forced, as there is no node to ask).
  plane_.reset();
  ASSERT_EQ(containers_in_containerd(), 2u) << "stopping herd leaves the containers running";
  start_plane(false);
  ASSERT_TRUE(plane_->remove("Pod", "default", "goner", DeletePropagation::kBackground, "user:test", 0).ok());
  ASSERT_TRUE(wait_for([&] { return !pod("goner"); }, 10s));
  plane_.reset();
  start_plane();

  ASSERT_TRUE(wait_for([&] { return containers_in_containerd() == 1 && !std::filesystem::exists(dir_ / "pods" / goner_uid); },
                       30s))
      << "goner's container or directory is still there";
  EXPECT_EQ(container_id("keeper", "app"), keeper_id) << "adopted, not started again";
  EXPECT_EQ(container_status("keeper", "app").restart_count, 0);
  Result<std::vector<containerd::Container>> all = client_->list_containers({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->at(0).id, keeper_id);
}

TEST_F(ContainerdNodeTest, AFinishedPodKeepsItsLogAcrossARestartUntilItIsDeleted) {
  create(R"(apiVersion: v1
kind: Pod
metadata:
  name: once
spec:
  restartPolicy: Never
  containers:
  - name: app
    image: busybox
    command: ["echo", "said once"]
)");
  ASSERT_TRUE(wait_for([&] { return pod("once") && pod("once")->status.phase == "Succeeded"; }, 60s))
      << status_text("once");
  const std::string uid = pod("once")->metadata.uid;
  EXPECT_EQ(container_log(uid, "once", "app"), "said once\n");

  plane_.reset();
  start_plane();
  // The restarted node cleans up after deleted pods only.
  ASSERT_TRUE(wait_for([&] { return get_as<api::Node>(*plane_, "Node", "", kNode).has_value(); }, 10s));
  std::this_thread::sleep_for(2s);
  EXPECT_EQ(container_log(uid, "once", "app"), "said once\n");

  ASSERT_TRUE(plane_->remove("Pod", "default", "once", DeletePropagation::kBackground, "user:test").ok());
  ASSERT_TRUE(wait_for([&] { return !pod("once") && !std::filesystem::exists(dir_ / "pods" / uid); }, 30s))
      << "the finished pod's directory is still there after its deletion";
}

}  // namespace
}  // namespace herd::actors
