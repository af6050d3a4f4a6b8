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
#include "run_binary_testing.hpp"
#include "server/testing/http_test_client.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using herd::server::testing::http_request;
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

// The `herd up` child: its pid and the read end of its stdout.
class HerdUpProcess {
 public:
  HerdUpProcess(const std::string& data_dir, int simulated_nodes) : stderr_path_(data_dir + "/herd-up.stderr") {
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      int err = open(stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (err >= 0) dup2(err, STDERR_FILENO);
      std::string nodes = std::to_string(simulated_nodes);
      // A heartbeat would change the Nodes' status (and the digest) between
      // the test's last look and the stop; an hour keeps it out of the way.
      execl(HERD_BINARY, HERD_BINARY, "up", "--data-dir", data_dir.c_str(), "--listen", "127.0.0.1:0",
            "--simulated-nodes", nodes.c_str(), "--heartbeat-interval", "3600", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    stdout_ = out[0];
  }

  ~HerdUpProcess() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (stdout_ >= 0) close(stdout_);
  }

  // Reads stdout until the "herd is up: http://127.0.0.1:PORT" line; 0 when
  // it did not come within `timeout` (or the process died).
  uint16_t wait_until_up(std::chrono::seconds timeout) {
    auto deadline = Clock::now() + timeout;
    std::regex up_line(R"(herd is up: http://127\.0\.0\.1:(\d+) )");
    while (Clock::now() < deadline) {
      std::smatch m;
      if (std::regex_search(stdout_text_, m, up_line)) return static_cast<uint16_t>(std::stoi(m[1].str()));
      pollfd p{stdout_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      std::array<char, 4096> buffer;
      ssize_t n = read(stdout_, buffer.data(), buffer.size());
      if (n <= 0) return 0;
      stdout_text_.append(buffer.data(), static_cast<std::size_t>(n));
    }
    return 0;
  }

  // Sends SIGTERM and waits (bounded) for the exit; -1 on timeout or signal.
  int terminate(std::chrono::seconds timeout) {
    kill(pid_, SIGTERM);
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      int status = 0;
      pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        reaped_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(kPoll);
    }
    return -1;
  }

  std::string stderr_text() const {
    std::ifstream in(stderr_path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  const std::string& stdout_text() const { return stdout_text_; }

 private:
  std::string stderr_path_;
  pid_t pid_ = -1;
  int stdout_ = -1;
  bool reaped_ = false;
  std::string stdout_text_;
};

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
  HerdUpProcess herd(dir_, 2);
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
  EXPECT_NE(help.text.find("no containerd node agent yet"), std::string::npos) << help.text;
}

TEST(HerdUp, RefusesANonLoopbackListenAddress) {
  Output refused = run(std::string(HERD_BINARY) + " up --data-dir /tmp/herd-up-refused --listen 0.0.0.0:8080");
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.text.find("loopback only"), std::string::npos) << refused.text;
  std::filesystem::remove_all("/tmp/herd-up-refused");
}

}  // namespace
