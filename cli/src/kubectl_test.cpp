// The real kubectl (the machine's, v1.32) against `herd up` on this machine's
// containerd (HERD_CONTAINERD_SOCKET) with Docker Hub names pulled from the
// test registry (HERD_REGISTRY), through the kubeconfig herd up writes. It
// drives the seed's deployment through apply, rollout, scale, an image
// change, rollback, logs and deletion, and reads every kind. Without those
// services, or without kubectl, the test fails.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <thread>

#include "herd/api/codec.hpp"
#include "herd/events/event.hpp"
#include "herd_up_process_testing.hpp"
#include "run_binary_testing.hpp"
#include "server/testing/http_test_client.hpp"

namespace {

using herd::cli::testing::HerdUpProcess;
using herd::cli::testing::poll_until;
using herd::cli::testing::Output;
using namespace std::chrono_literals;

int count_lines(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

class KubectlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    socket_ = herd::cli::testing::env_or_empty("HERD_CONTAINERD_SOCKET");
    std::string registry = herd::cli::testing::env_or_empty("HERD_REGISTRY");
    ASSERT_FALSE(socket_.empty()) << "HERD_CONTAINERD_SOCKET is not set: run scripts/containerd up";
    ASSERT_FALSE(registry.empty()) << "HERD_REGISTRY is not set: run scripts/registry up";
    ASSERT_EQ(herd::cli::testing::run("kubectl version --client").code, 0) << "kubectl is not installed";
    dir_ = "/tmp/herd-kubectl-" + std::to_string(::getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    herd_ = std::make_unique<HerdUpProcess>(
        dir_, std::vector<std::string>{"--containerd", socket_, "--registry-mirror", "docker.io=http://" + registry,
                                       "--node-name", "kubectl-test"});
    port_ = herd_->wait_until_up(60s);
    ASSERT_NE(port_, 0) << herd_->stderr_text();
  }

  void TearDown() override {
    if (herd_) {
      EXPECT_EQ(herd_->terminate(60s), 0) << herd_->stderr_text();
    }
    herd_.reset();
    std::string purge = std::string(HERD_SOURCE_DIR) + "/integration/containerd/purge-namespace " + socket_ + " herd";
    if (!socket_.empty()) {
      EXPECT_EQ(std::system(purge.c_str()), 0) << purge;
    }
    std::filesystem::remove_all(dir_);
  }

  Output kubectl(const std::string& args) {
    return herd::cli::testing::run("KUBECONFIG=" + dir_ + "/kubeconfig kubectl " + args);
  }

  Output herdctl(const std::string& args) {
    return herd::cli::testing::run("KUBECONFIG=" + dir_ + "/kubeconfig " + std::string(HERDCTL_BINARY) + " " + args);
  }

  // The seed's deployment, converted to apps/v1 (kubectl maps kinds through
  // discovery, which lists only the versions herd stores).
  std::string converted(const std::string& seed_file) {
    std::string out = dir_ + "/" + seed_file;
    Output c = herd::cli::testing::run(std::string(HERDCTL_BINARY) + " convert -f " + HERD_SOURCE_DIR +
                                       "/examples/seed/" + seed_file + " > " + out);
    EXPECT_EQ(c.code, 0) << c.text;
    return out;
  }

  // GET of one of herd's own routes, parsed.
  herd::api::Value herd_get(const std::string& target) {
    herd::Result<herd::server::testing::HttpReply> reply = herd::server::testing::http_request(port_, "GET", target);
    EXPECT_TRUE(reply.ok() && reply->status == 200) << target << ": " << (reply.ok() ? reply->body : "");
    if (!reply.ok()) return herd::api::Value();
    herd::Result<herd::api::Value> v = herd::api::parse_json_value(reply->body);
    return v.ok() ? *v : herd::api::Value();
  }

  std::string socket_;
  std::string dir_;
  uint16_t port_ = 0;
  std::unique_ptr<HerdUpProcess> herd_;
};

TEST_F(KubectlTest, DrivesTheSeedDeploymentThroughItsLife) {
  EXPECT_NE(herd_->stdout_text().find("export KUBECONFIG=" + dir_ + "/kubeconfig"), std::string::npos)
      << herd_->stdout_text();
  Output version = kubectl("version");
  EXPECT_EQ(version.code, 0) << version.text;
  EXPECT_NE(version.text.find("Server Version: v1.32.0+herd."), std::string::npos) << version.text;

  std::string sise = converted("deployment-sise-deploy.yaml");
  Output applied = kubectl("apply -f " + sise);
  ASSERT_EQ(applied.code, 0) << applied.text;
  EXPECT_EQ(applied.text, "deployment.apps/sise-deploy created\n");
  EXPECT_EQ(kubectl("apply -f " + sise).text, "deployment.apps/sise-deploy unchanged\n");
  Output rolled_out = kubectl("rollout status deployment/sise-deploy --timeout=180s");
  ASSERT_EQ(rolled_out.code, 0) << rolled_out.text << herd_->stderr_text();
  EXPECT_NE(rolled_out.text.find("deployment \"sise-deploy\" successfully rolled out"), std::string::npos);
  Output ready = kubectl("get deployment sise-deploy -o jsonpath={.status.readyReplicas}");
  EXPECT_EQ(ready.text, "2");
  Output deployments = kubectl("get deployments");
  EXPECT_TRUE(std::regex_search(deployments.text, std::regex(R"(NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n)"
                                                             R"(sise-deploy\s+2/2\s+2\s+2\s+\d+s\n)")))
      << deployments.text;
  Output pods = kubectl("get pods -o wide");
  EXPECT_TRUE(std::regex_search(pods.text, std::regex(R"(NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE)")))
      << pods.text;
  const std::regex running_pod(R"(1/1\s+Running\s+0\s+\S+\s+\d+\.\d+\.\d+\.\d+\s+kubectl-test)");
  EXPECT_EQ(std::distance(std::sregex_iterator(pods.text.begin(), pods.text.end(), running_pod), std::sregex_iterator()), 2)
      << pods.text;

  // A watch started now sees the scale-down that follows.
  std::string watch_file = dir_ + "/watch.out";
  std::thread watcher([&] {
    herd::cli::testing::run("KUBECONFIG=" + dir_ + "/kubeconfig timeout 30 kubectl get pods --watch-only "
                            "--output-watch-events > " + watch_file);
  });
  std::this_thread::sleep_for(2s);
  Output scaled = kubectl("scale deployment/sise-deploy --replicas=1");
  EXPECT_EQ(scaled.text, "deployment.apps/sise-deploy scaled\n");
  EXPECT_TRUE(poll_until([&] { return count_lines(kubectl("get pods -o name").text) == 1; }, 60s))
      << kubectl("get pods -o yaml").text;

  std::this_thread::sleep_for(1s);
  std::string between = herd::events::format_time(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  std::this_thread::sleep_for(1s);
  Output changed = kubectl("set image deployment/sise-deploy sise=mhausenblas/simple-service:0.5.1");
  EXPECT_EQ(changed.text, "deployment.apps/sise-deploy image updated\n");
  ASSERT_EQ(kubectl("rollout status deployment/sise-deploy --timeout=180s").code, 0) << herd_->stderr_text();
  Output undone = kubectl("rollout undo deployment/sise-deploy");
  EXPECT_EQ(undone.text, "deployment.apps/sise-deploy rolled back\n");
  ASSERT_EQ(kubectl("rollout status deployment/sise-deploy --timeout=180s").code, 0) << herd_->stderr_text();
  Output history = kubectl("rollout history deployment/sise-deploy");
  EXPECT_TRUE(std::regex_search(
      history.text, std::regex(R"(2\s+kubectl set image by admin: image of sise to mhausenblas/simple-service:0\.5\.1)")))
      << history.text;
  EXPECT_TRUE(std::regex_search(
      history.text, std::regex(R"(3\s+kubectl rollout undo by admin: image of sise to mhausenblas/simple-service:0\.5\.0)")))
      << history.text;
  EXPECT_EQ(kubectl("get deployment sise-deploy -o jsonpath={.spec.template.spec.containers[0].image}").text,
            "mhausenblas/simple-service:0.5.0");

  watcher.join();
  std::ifstream in(watch_file);
  std::string watched((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(watched.find("DELETED"), std::string::npos) << watched;
  EXPECT_NE(watched.find("ADDED"), std::string::npos) << watched;

  Output described = kubectl("describe deployment sise-deploy");
  EXPECT_EQ(described.code, 0) << described.text;
  EXPECT_NE(described.text.find("Replicas:"), std::string::npos) << described.text;
  EXPECT_TRUE(std::regex_search(described.text, std::regex(R"(ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled down replica set sise-deploy-\S+ from 2 to 1)")))
      << described.text;
  Output events = kubectl("get events");
  EXPECT_TRUE(std::regex_search(events.text, std::regex(R"(Normal\s+Scheduled\s+pod/sise-deploy-\S+\s+Successfully assigned default/sise-deploy-\S+ to kubectl-test)")))
      << events.text;
  Output yaml = kubectl("get deployment sise-deploy -o yaml");
  EXPECT_NE(yaml.text.find("kind: Deployment"), std::string::npos) << yaml.text;
  EXPECT_NE(yaml.text.find("kubernetes.io/change-cause"), std::string::npos) << yaml.text;

  // What only herd can tell: the Deployment as it was between the scale and
  // the image change, and who did what to it, from the log.
  std::string then = herd::api::to_json(herd_get("/herd/v1/state/deploy/default/sise-deploy?at=" + between));
  EXPECT_NE(then.find(R"("replicas":1,)"), std::string::npos) << then;
  EXPECT_NE(then.find(R"("image":"mhausenblas/simple-service:0.5.0")"), std::string::npos) << then;

  Output deleted = kubectl("delete deployment sise-deploy");
  EXPECT_EQ(deleted.text, "deployment.apps \"sise-deploy\" deleted\n");
  EXPECT_TRUE(poll_until([&] { return kubectl("get pods -o name").text.empty(); }, 90s)) << kubectl("get pods").text;
  EXPECT_EQ(kubectl("get deployment sise-deploy").code, 1);
  std::vector<std::string> by_users;
  herd::api::Value log_history = herd_get("/herd/v1/history/deployment/default/sise-deploy");
  ASSERT_NE(log_history.find("events"), nullptr);
  for (const herd::api::Value& e : log_history.find("events")->as_array()) {
    if (e.find("actor") == nullptr || e.find("actor")->as_string() != "user:admin") continue;
    std::string step = e.find("type")->as_string();
    if (const herd::api::Value* changed = e.find("data")->find("changed")) step += " " + herd::api::to_json(*changed);
    by_users.push_back(step);
  }
  ASSERT_EQ(by_users.size(), 5u) << testing::PrintToString(by_users);
  EXPECT_EQ(by_users[0], "ObjectCreated");
  EXPECT_NE(by_users[1].find("spec.replicas"), std::string::npos) << by_users[1];
  EXPECT_NE(by_users[2].find("image"), std::string::npos) << by_users[2];
  EXPECT_NE(by_users[3].find("image"), std::string::npos) << by_users[3];
  EXPECT_EQ(by_users[4], "ObjectDeleted");
  EXPECT_TRUE(poll_until([&] {
    return herd::cli::testing::run("ctr -a " + socket_ + " -n herd containers ls -q").text.empty();
  }, 60s));
}

// herdctl through the same life, on the same real node: it reads the seed's
// legacy manifest itself, and what it changes kubectl sees.
TEST_F(KubectlTest, HerdctlDrivesTheSeedDeploymentToo) {
  std::string seed = std::string(HERD_SOURCE_DIR) + "/examples/seed/deployment-sise-deploy.yaml";
  Output applied = herdctl("apply -f " + seed);
  ASSERT_EQ(applied.code, 0) << applied.text;
  EXPECT_EQ(applied.text, "deployment.apps/sise-deploy created\n");
  Output rolled_out = herdctl("rollout status deployment/sise-deploy --timeout 180s");
  ASSERT_EQ(rolled_out.code, 0) << rolled_out.text << herd_->stderr_text();
  Output pods = herdctl("get pods -o wide");
  const std::regex running_pod(R"(1/1\s+Running\s+0\s+\S+\s+\d+\.\d+\.\d+\.\d+\s+kubectl-test)");
  EXPECT_EQ(std::distance(std::sregex_iterator(pods.text.begin(), pods.text.end(), running_pod), std::sregex_iterator()), 2)
      << pods.text;

  EXPECT_EQ(herdctl("scale deploy/sise-deploy --replicas 1").text, "deployment.apps/sise-deploy scaled\n");
  EXPECT_TRUE(poll_until([&] { return count_lines(herdctl("get pods -o name").text) == 1; }, 60s));
  std::string upgraded = dir_ + "/sise-0.5.1.yaml";
  std::ifstream in(seed);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text = std::regex_replace(text, std::regex("simple-service:0\\.5\\.0"), "simple-service:0.5.1");
  std::ofstream(upgraded) << text;
  EXPECT_EQ(herdctl("apply -f " + upgraded).text, "deployment.apps/sise-deploy configured\n");
  ASSERT_EQ(herdctl("rollout status deployment/sise-deploy --timeout 180s").code, 0) << herd_->stderr_text();
  EXPECT_EQ(kubectl("get deployment sise-deploy -o jsonpath={.spec.template.spec.containers[0].image}").text,
            "mhausenblas/simple-service:0.5.1");
  EXPECT_EQ(herdctl("rollout undo deploy/sise-deploy").text, "deployment.apps/sise-deploy rolled back\n");
  ASSERT_EQ(herdctl("rollout status deployment/sise-deploy --timeout 180s").code, 0) << herd_->stderr_text();
  Output history = herdctl("rollout history deploy/sise-deploy");
  EXPECT_TRUE(std::regex_search(history.text, std::regex(R"(3\s+herdctl rollout undo by admin: image of sise to mhausenblas/simple-service:0\.5\.0)")))
      << history.text;
  Output steps = herdctl("history deploy/sise-deploy");
  EXPECT_EQ(steps.code, 0) << steps.text;
  EXPECT_TRUE(std::regex_search(steps.text, std::regex(R"(ObjectUpdated +user:admin +changed [^\n]*spec\.replicas)"))) << steps.text;

  EXPECT_EQ(herdctl("delete deploy sise-deploy").text, "deployment.apps \"sise-deploy\" deleted\n");
  EXPECT_TRUE(poll_until([&] { return herdctl("get pods -o name").text.find("pod/") == std::string::npos; }, 90s))
      << herdctl("get pods").text;
  EXPECT_TRUE(poll_until([&] {
    return herd::cli::testing::run("ctr -a " + socket_ + " -n herd containers ls -q").text.empty();
  }, 60s));
}

TEST_F(KubectlTest, LogsOfAJob) {
  Output applied = kubectl("apply -f " + converted("job-pi-with-timeout.yaml"));
  ASSERT_EQ(applied.code, 0) << applied.text;
  Output waited = kubectl("wait --for=condition=complete job/pi-with-timeout --timeout=240s");
  ASSERT_EQ(waited.code, 0) << waited.text << herd_->stderr_text();
  Output logs = kubectl("logs job/pi-with-timeout");
  EXPECT_EQ(logs.code, 0) << logs.text;
  EXPECT_EQ(logs.text.rfind("3.14159265358979", 0), 0u) << logs.text;
  // Following a finished container streams what it wrote, then ends.
  Output followed = kubectl("logs -f job/pi-with-timeout --request-timeout=60s");
  EXPECT_EQ(followed.code, 0) << followed.text;
  EXPECT_EQ(followed.text, logs.text);
  Output tail = kubectl("logs job/pi-with-timeout --tail=1");
  EXPECT_EQ(tail.code, 0) << tail.text;
  EXPECT_EQ(count_lines(tail.text), 1) << tail.text;
  EXPECT_EQ(kubectl("delete job pi-with-timeout").code, 0);
  EXPECT_TRUE(poll_until([&] { return kubectl("get pods -o name").text.empty(); }, 90s));
}

TEST_F(KubectlTest, ReadsEveryKind) {
  const char* kinds[] = {"pods", "replicationcontrollers", "replicasets", "deployments", "services", "endpoints",
                         "configmaps", "secrets", "jobs", "cronjobs", "namespaces", "nodes", "roles",
                         "clusterroles", "rolebindings", "clusterrolebindings", "networkpolicies", "ingresses",
                         "events"};
  for (const char* kind : kinds) {
    for (const char* format : {"wide", "yaml", "json"}) {
      Output got = kubectl(std::string("get ") + kind + " -A -o " + format);
      EXPECT_EQ(got.code, 0) << kind << " -o " << format << ": " << got.text;
    }
  }
  Output node = kubectl("get node kubectl-test -o jsonpath={.metadata.name}");
  EXPECT_EQ(node.text, "kubectl-test");
  EXPECT_EQ(kubectl("get widgets").code, 1);
}

}  // namespace
