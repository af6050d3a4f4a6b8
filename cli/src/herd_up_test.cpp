// `herd up` end to end, as a user runs it: the built binary as a child
// process on 127.0.0.1 with simulated nodes (they run no containers), driven
// over HTTP, stopped with SIGTERM, its log replayed by `herd log replay`.
// Every wait is bounded.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>

#include "herd/api/codec.hpp"
#include "herd_up_process_testing.hpp"
#include "run_binary_testing.hpp"
#include "server/testing/http_test_client.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using herd::server::testing::http_request;
using herd::cli::testing::HerdUpProcess;
using herd::cli::testing::Output;
using herd::cli::testing::run;
using herd::server::testing::HttpReply;

constexpr auto kPoll = std::chrono::milliseconds(100);

constexpr const char* kReplicaSet = R"(apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
)";

// Pods of the list that run on a simulated node.
int running_on_simulated_nodes(const herd::api::Value& list) {
  int running = 0;
  for (const herd::api::Value& pod : list.find("items")->as_array()) {
    const herd::api::Value* node = pod.find("spec") ? pod.find("spec")->find("nodeName") : nullptr;
    const herd::api::Value* phase = pod.find("status") ? pod.find("status")->find("phase") : nullptr;
    if (node && phase && node->as_string().rfind("sim-node-", 0) == 0 && phase->as_string() == "Running") ++running;
  }
  return running;
}

std::string digest_of(uint16_t port) {
  herd::Result<HttpReply> reply = http_request(port, "GET", "/debug/digest");
  if (!reply.ok() || reply->status != 200) return "";
  herd::Result<herd::api::Value> body = herd::api::parse_json_value(reply->body);
  return body.ok() && body->find("digest") ? body->find("digest")->as_string() : "";
}

class HerdUpSimulated : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/herd-up-XXXXXX";
    dir_ = mkdtemp(dir);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(HerdUpSimulated, DigestMatchesReplay) {
  // A heartbeat would change the Nodes' status (and the digest) between the
  // test's last look and the stop; an hour keeps it out of the way.
  HerdUpProcess herd(dir_, {"--simulated-nodes", "2", "--heartbeat-interval", "3600"});
  uint16_t port = herd.wait_until_up(std::chrono::seconds(60));
  ASSERT_GT(port, 0) << "stdout: " << herd.stdout_text() << "\nstderr: " << herd.stderr_text();
  EXPECT_NE(herd.stdout_text().find("2 simulated nodes)"), std::string::npos) << herd.stdout_text();
  EXPECT_NE(herd.stderr_text().find("they run no containers"), std::string::npos) << herd.stderr_text();

  herd::Result<HttpReply> applied = http_request(port, "POST", "/debug/apply", kReplicaSet);
  ASSERT_TRUE(applied.ok()) << applied.status().to_string();
  ASSERT_EQ(applied->status, 200) << applied->body;
  EXPECT_EQ(applied->body, "replicaset.apps/web created\n");

  int running = 0;
  for (auto deadline = Clock::now() + std::chrono::seconds(60); running < 3 && Clock::now() < deadline;) {
    std::this_thread::sleep_for(kPoll);
    herd::Result<HttpReply> pods = http_request(port, "GET", "/debug/objects/Pod/default");
    if (!pods.ok() || pods->status != 200) continue;
    herd::Result<herd::api::Value> list = herd::api::parse_json_value(pods->body);
    if (list.ok()) running = running_on_simulated_nodes(*list);
  }
  ASSERT_EQ(running, 3) << "pods did not all run within 60 s\nstderr: " << herd.stderr_text();

  // The state is settled once two looks in a row see the same digest.
  std::string previous, digest;
  for (auto deadline = Clock::now() + std::chrono::seconds(30); Clock::now() < deadline;) {
    digest = digest_of(port);
    if (!digest.empty() && digest == previous) break;
    previous = digest;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  ASSERT_FALSE(digest.empty());
  ASSERT_EQ(digest, previous) << "the digest kept changing for 30 s";

  EXPECT_EQ(herd.terminate(std::chrono::seconds(60)), 0) << herd.stderr_text();
  Output replayed = run(std::string(HERD_BINARY) + " log replay --data-dir " + dir_);
  ASSERT_EQ(replayed.code, 0) << replayed.text;
  const std::string& replay = replayed.text;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(replay, m, std::regex(R"(digest: ([0-9a-f]+))"))) << replay;
  EXPECT_EQ(m[1].str(), digest) << replay << "\nherd up stderr:\n" << herd.stderr_text();
}

TEST(HerdUp, HelpSaysWhichNodesRun) {
  Output help = run(std::string(HERD_BINARY) + " up --help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.text.find("--simulated-nodes"), std::string::npos) << help.text;
  EXPECT_NE(help.text.find("run no containers"), std::string::npos) << help.text;
  EXPECT_NE(help.text.find("--containerd"), std::string::npos) << help.text;
  EXPECT_NE(help.text.find("--registry-mirror"), std::string::npos) << help.text;
}

TEST(HerdUp, SaysWhenContainerdDoesNotAnswer) {
  Output refused = run(std::string(HERD_BINARY) +
                       " up --data-dir /tmp/herd-up-no-containerd --listen 127.0.0.1:0 --containerd /tmp/no-such.sock");
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.text.find("containerd at /tmp/no-such.sock"), std::string::npos) << refused.text;
  EXPECT_NE(refused.text.find("--simulated-nodes"), std::string::npos) << refused.text;
  std::filesystem::remove_all("/tmp/herd-up-no-containerd");
}

TEST(HerdUp, RefusesANonLoopbackListenAddress) {
  Output refused = run(std::string(HERD_BINARY) + " up --data-dir /tmp/herd-up-refused --listen 0.0.0.0:8080");
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.text.find("loopback only"), std::string::npos) << refused.text;
  std::filesystem::remove_all("/tmp/herd-up-refused");
}

}  // namespace
