// herdctl end to end, as a user runs it: the built `herd up` binary with
// simulated nodes (they run no containers; pods look Running) and the built
// herdctl binary reading the kubeconfig herd up writes. The seed's
// Deployment goes through apply, get, scale, rollout status and history, a
// new image by apply, rollout undo, describe and delete; every printed line
// that matters is checked. Every wait is bounded.

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "herd/events/event.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <thread>

#include "herd_up_process_testing.hpp"
#include "run_binary_testing.hpp"

namespace {

using herd::cli::testing::HerdUpProcess;
using herd::cli::testing::Output;
using namespace std::chrono_literals;

bool poll_until(const std::function<bool()>& done, std::chrono::seconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(200ms);
  }
  return true;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class HerdctlSimulated : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = "/tmp/herdctl-sim-" + std::to_string(::getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    herd_ = std::make_unique<HerdUpProcess>(dir_, std::vector<std::string>{"--simulated-nodes", "2"});
    ASSERT_NE(herd_->wait_until_up(60s), 0) << herd_->stderr_text();
  }

  void TearDown() override {
    if (herd_) {
      EXPECT_EQ(herd_->terminate(60s), 0) << herd_->stderr_text();
    }
    herd_.reset();
    std::filesystem::remove_all(dir_);
  }

  Output herdctl(const std::string& args) {
    return herd::cli::testing::run(std::string(HERDCTL_BINARY) + " --kubeconfig " + dir_ + "/kubeconfig " + args);
  }

  // The seed's Deployment (legacy apps/v1beta1, converted by herdctl) with `image`.
  std::string manifest(const std::string& name, const std::string& image) {
    std::ifstream in(std::string(HERD_SOURCE_DIR) + "/examples/seed/deployment-sise-deploy.yaml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    text = std::regex_replace(text, std::regex("mhausenblas/simple-service:0\\.5\\.0"), image);
    std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  // Runs herdctl with `args`; expects exit 0 and exactly `text`.
  void expect_prints(const std::string& args, const std::string& text) {
    Output o = herdctl(args);
    EXPECT_EQ(o.code, 0) << args << "\n" << o.text;
    EXPECT_EQ(o.text, text) << args;
  }

  void expect_rolled_out() {
    Output status = herdctl("rollout status deploy/sise-deploy --timeout 60s");
    EXPECT_EQ(status.code, 0) << status.text;
    EXPECT_TRUE(contains(status.text, "deployment \"sise-deploy\" successfully rolled out\n")) << status.text;
  }

  std::string dir_;
  std::unique_ptr<HerdUpProcess> herd_;
};

TEST_F(HerdctlSimulated, DrivesTheSeedDeploymentThroughItsLife) {
  std::string v1 = manifest("v1.yaml", "mhausenblas/simple-service:0.5.0");
  expect_prints("apply -f " + v1, "deployment.apps/sise-deploy created\n");
  expect_prints("apply -f " + v1, "deployment.apps/sise-deploy unchanged\n");
  expect_rolled_out();

  Output get = herdctl("get deploy");
  EXPECT_EQ(get.code, 0) << get.text;
  EXPECT_TRUE(std::regex_search(get.text, std::regex("^NAME          READY   UP-TO-DATE   AVAILABLE   AGE\n"
                                                     "sise-deploy   2/2     2            2           \\d+s\n$")))
      << get.text;
  Output wide = herdctl("get pods -A -o wide -l app=sise");
  EXPECT_TRUE(std::regex_search(wide.text, std::regex("^NAMESPACE   NAME +READY +STATUS +RESTARTS +AGE +IP +NODE ")))
      << wide.text;
  EXPECT_TRUE(contains(wide.text, "sim-node-")) << wide.text;

  expect_prints("scale deploy/sise-deploy --replicas 3", "deployment.apps/sise-deploy scaled\n");
  expect_rolled_out();
  EXPECT_TRUE(poll_until(
      [&] {
        std::string pods = herdctl("get pods -l app=sise -o name").text;
        return std::count(pods.begin(), pods.end(), '\n') == 3;
      },
      30s));

  // A moment with 3 replicas of the old image, for --at and diff below.
  std::this_thread::sleep_for(1s);
  std::string three = herd::events::format_time(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  std::this_thread::sleep_for(1s);

  // The manifest says replicas: 2 again, so the new image comes with 2.
  std::string v2 = manifest("v2.yaml", "mhausenblas/simple-service:0.6.0");
  expect_prints("apply -f " + v2, "deployment.apps/sise-deploy configured\n");
  expect_rolled_out();
  Output history = herdctl("rollout history deployment/sise-deploy");
  EXPECT_EQ(history.code, 0) << history.text;
  EXPECT_TRUE(std::regex_search(history.text, std::regex("^deployment.apps/sise-deploy \nREVISION   CHANGE-CAUSE\n"
                                                         "1          herdctl apply by [^\n]+\n"
                                                         "2          herdctl apply by [^\n]+: image of sise to "
                                                         "mhausenblas/simple-service:0.6.0\n")))
      << history.text;

  expect_prints("rollout undo deploy/sise-deploy", "deployment.apps/sise-deploy rolled back\n");
  expect_rolled_out();
  Output after = herdctl("get deploy sise-deploy -o yaml");
  EXPECT_TRUE(contains(after.text, "image: mhausenblas/simple-service:0.5.0")) << after.text;
  EXPECT_TRUE(contains(herdctl("rollout history deploy sise-deploy").text, "3          herdctl rollout undo by"));

  Output describe = herdctl("describe deploy sise-deploy");
  EXPECT_EQ(describe.code, 0) << describe.text;
  for (const char* line : {"Name:                   sise-deploy\n", "Namespace:              default\n",
                           "Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable\n",
                           "      Image:        mhausenblas/simple-service:0.5.0\n", "Events:\n"}) {
    EXPECT_TRUE(contains(describe.text, line)) << line << "\n" << describe.text;
  }
  EXPECT_TRUE(std::regex_search(describe.text, std::regex("  Normal  [A-Za-z]+ +\\d+s +deployment-controller  ")))
      << describe.text;

  // What only herd can tell, from its log.
  Output then = herdctl("get deploy --at " + three);
  EXPECT_TRUE(std::regex_search(then.text, std::regex("sise-deploy   3/3     3            3           \\d+s\n")))
      << then.text;
  Output diff = herdctl("diff deploy/sise-deploy --from " + three);
  EXPECT_EQ(diff.code, 1) << diff.text;
  EXPECT_TRUE(contains(diff.text, "-  replicas: 3\n+  replicas: 2\n")) << diff.text;
  Output steps = herdctl("history deploy/sise-deploy");
  EXPECT_EQ(steps.code, 0) << steps.text;
  std::vector<std::string> by_users;
  std::istringstream lines(steps.text);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_search(line, m, std::regex(R"( (Object\w+) +user:admin(?: +(.*))?$)"))) by_users.push_back(m[1].str() + " " + m[2].str());
  }
  EXPECT_EQ(by_users.size(), 4u) << steps.text;
  if (by_users.size() == 4) {
    EXPECT_EQ(by_users[0], "ObjectCreated ");
    EXPECT_TRUE(contains(by_users[1], "spec.replicas")) << by_users[1];
    EXPECT_TRUE(contains(by_users[2], "image")) << by_users[2];
    EXPECT_TRUE(contains(by_users[3], "image")) << by_users[3];
  }

  Output missing = herdctl("get deploy nope");
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(missing.text, "Error from server (NotFound): deployments.apps \"nope\" not found\n");

  expect_prints("delete -f " + v2, "deployment.apps \"sise-deploy\" deleted\n");
  EXPECT_TRUE(
      poll_until([&] { return herdctl("get deploy").text == "No resources found in default namespace.\n"; }, 30s));
}

TEST_F(HerdctlSimulated, FindsTheServerThroughKubeconfigAndServerFlags) {
  Output none = herd::cli::testing::run(std::string("KUBECONFIG= HOME=") + dir_ + " " + HERDCTL_BINARY + " get pods");
  EXPECT_EQ(none.code, 1);
  EXPECT_TRUE(contains(none.text, "error: no server to connect to")) << none.text;
  std::ifstream kubeconfig(dir_ + "/kubeconfig");
  std::string text((std::istreambuf_iterator<char>(kubeconfig)), std::istreambuf_iterator<char>());
  std::smatch server;
  ASSERT_TRUE(std::regex_search(text, server, std::regex("server: (http://\\S+)")));
  Output by_flag = herd::cli::testing::run(std::string("KUBECONFIG= HOME=") + dir_ + " " + HERDCTL_BINARY +
                                           " --server " + server[1].str() + " get nodes");
  EXPECT_EQ(by_flag.code, 0) << by_flag.text;
  EXPECT_TRUE(contains(by_flag.text, "sim-node-0")) << by_flag.text;
  Output by_env = herd::cli::testing::run("KUBECONFIG=" + dir_ + "/kubeconfig " + HERDCTL_BINARY + " get ns -o name");
  EXPECT_TRUE(contains(by_env.text, "namespace/default\n")) << by_env.text;
}

}  // namespace
