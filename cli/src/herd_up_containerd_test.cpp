// `herd up` as a user runs it on a real machine: this machine as a node on
// the containerd scripts/test starts (HERD_CONTAINERD_SOCKET), Docker Hub
// names pulled through a mirror to the test registry (HERD_REGISTRY). The
// seed's pod goes in through the API and answers on its pod IP; deleting it
// leaves nothing in containerd. Without those services the test fails.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "herd/api/codec.hpp"
#include "herd_up_process_testing.hpp"
#include "run_binary_testing.hpp"
#include "server/testing/http_test_client.hpp"

namespace {

using herd::cli::testing::HerdUpProcess;
using herd::cli::testing::poll_until;
using herd::cli::testing::run;
using herd::server::testing::http_request;
using herd::server::testing::HttpReply;
using namespace std::chrono_literals;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The pod as /debug/objects shows it; null when it is not there.
herd::api::Value get_pod(uint16_t port, const std::string& name) {
  herd::Result<HttpReply> reply = http_request(port, "GET", "/debug/objects/Pod/default/" + name);
  if (!reply.ok() || reply->status != 200) return herd::api::Value();
  herd::Result<herd::api::Value> pod = herd::api::parse_json_value(reply->body);
  return pod.ok() ? *pod : herd::api::Value();
}

std::string text_at(const herd::api::Value& v, std::initializer_list<const char*> path) {
  const herd::api::Value* at = &v;
  for (const char* key : path) {
    if (!at->is_object() || (at = at->find(key)) == nullptr) return "";
  }
  return at->is_string() ? at->as_string() : "";
}

TEST(HerdUpContainerd, TheSeedPodRunsOnThisMachineAndLeavesNothingWhenDeleted) {
  const std::string socket = herd::cli::testing::env_or_empty("HERD_CONTAINERD_SOCKET");
  const std::string registry = herd::cli::testing::env_or_empty("HERD_REGISTRY");
  ASSERT_FALSE(socket.empty()) << "HERD_CONTAINERD_SOCKET is not set: run scripts/containerd up";
  ASSERT_FALSE(registry.empty()) << "HERD_REGISTRY is not set: run scripts/registry up";
  const std::string dir = "/tmp/herd-up-containerd-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);

  HerdUpProcess herd(dir, {"--containerd", socket, "--registry-mirror", "docker.io=http://" + registry,
                           "--node-name", "herd-up-test"});
  uint16_t port = herd.wait_until_up(60s);
  ASSERT_NE(port, 0) << herd.stderr_text();
  EXPECT_NE(herd.stdout_text().find("node herd-up-test on containerd at " + socket), std::string::npos)
      << herd.stdout_text();

  std::string manifest = read_file(std::string(HERD_SOURCE_DIR) + "/examples/seed/pod-constraintpod.yaml");
  herd::Result<HttpReply> applied = http_request(port, "POST", "/debug/apply", manifest);
  ASSERT_TRUE(applied.ok()) << applied.status().to_string();
  EXPECT_NE(applied->body.find("pod/constraintpod created"), std::string::npos) << applied->body;

  std::string ip;
  ASSERT_TRUE(poll_until([&] {
    herd::api::Value pod = get_pod(port, "constraintpod");
    ip = text_at(pod, {"status", "podIP"});
    return text_at(pod, {"status", "phase"}) == "Running" && !ip.empty();
  }, 60s)) << herd.stderr_text();
  EXPECT_EQ(text_at(get_pod(port, "constraintpod"), {"spec", "nodeName"}), "herd-up-test");
  std::string health;
  ASSERT_TRUE(poll_until([&] {
    health = run("curl -s --max-time 5 http://" + ip + ":9876/health").text;
    return health.find("\"healthy\": true") != std::string::npos;
  }, 30s)) << health;

  herd::Result<HttpReply> deleted = http_request(port, "DELETE", "/debug/objects/Pod/default/constraintpod");
  ASSERT_TRUE(deleted.ok()) << deleted.status().to_string();
  ASSERT_TRUE(poll_until([&] { return get_pod(port, "constraintpod").is_null(); }, 60s)) << herd.stderr_text();
  EXPECT_EQ(run("ctr -a " + socket + " -n herd containers ls -q").text, "");
  EXPECT_EQ(herd.terminate(60s), 0) << herd.stderr_text();
  // What the pull brought must not stay for tests that count their pulls.
  std::string purge = std::string(HERD_SOURCE_DIR) + "/integration/containerd/purge-namespace " + socket + " herd";
  EXPECT_EQ(std::system(purge.c_str()), 0) << purge;
  std::filesystem::remove_all(dir);
}

}  // namespace
