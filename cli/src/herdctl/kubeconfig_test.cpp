#include "herdctl/kubeconfig.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace herd::cli::herdctl {
namespace {

constexpr char kTwoContexts[] = R"(apiVersion: v1
kind: Config
clusters:
- name: herd
  cluster: {server: "http://127.0.0.1:6443"}
- name: other
  cluster: {server: "http://127.0.0.1:7000"}
contexts:
- name: herd
  context: {cluster: herd, user: admin, namespace: team-a}
- name: other
  context: {cluster: other, user: admin}
current-context: herd
users:
- name: admin
  user: {}
)";

class HerdctlKubeconfigFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("herdctl-kubeconfig-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST(HerdctlKubeconfig, ReadsClustersContextsAndTheCurrentOne) {
  Result<Kubeconfig> config = parse_kubeconfig(kTwoContexts, "config");
  ASSERT_TRUE(config.ok()) << config.status().to_string();
  EXPECT_EQ(config->current_context, "herd");
  EXPECT_EQ(config->cluster_servers.at("other"), "http://127.0.0.1:7000");
  EXPECT_EQ(config->contexts.at("herd").namespace_, "team-a");
  EXPECT_EQ(config->contexts.at("other").cluster, "other");
}

TEST(HerdctlKubeconfig, MalformedFieldsNameTheFileAndTheField) {
  Result<Kubeconfig> bad = parse_kubeconfig("clusters:\n- name: x\n  cluster: {server: [1]}\n", "/k/config");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "/k/config: clusters[0].cluster.server: not a string");
  Result<Kubeconfig> nameless = parse_kubeconfig("contexts:\n- context: {cluster: x}\n", "/k/config");
  ASSERT_FALSE(nameless.ok());
  EXPECT_EQ(nameless.status().message(), "/k/config: contexts[0].name: missing");
  Result<Kubeconfig> syntax = parse_kubeconfig("clusters: [\n", "/k/config");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.status().message().rfind("/k/config:", 0), 0u) << syntax.status().message();
  EXPECT_FALSE(parse_kubeconfig("- a list\n", "f").ok());
}

TEST_F(HerdctlKubeconfigFiles, TheCurrentContextGivesServerAndNamespaceAndFlagsWin) {
  std::string path = write("config", kTwoContexts);
  Result<ClusterTarget> target = resolve_target({"", path, "", ""}, std::nullopt, "");
  ASSERT_TRUE(target.ok()) << target.status().to_string();
  EXPECT_EQ(target->server, "http://127.0.0.1:6443");
  EXPECT_EQ(target->namespace_, "team-a");

  Result<ClusterTarget> other = resolve_target({"", path, "other", ""}, std::nullopt, "");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->server, "http://127.0.0.1:7000");
  EXPECT_EQ(other->namespace_, "default");

  Result<ClusterTarget> flags = resolve_target({"http://127.0.0.1:9", path, "", "kube-system"}, std::nullopt, "");
  ASSERT_TRUE(flags.ok());
  EXPECT_EQ(flags->server, "http://127.0.0.1:9");
  EXPECT_EQ(flags->namespace_, "kube-system");

  Result<ClusterTarget> missing = resolve_target({"", path, "nope", ""}, std::nullopt, "");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "context \"nope\" does not exist");
}

TEST_F(HerdctlKubeconfigFiles, KubeconfigListMergesFirstSetWins) {
  std::string first = write("first", "current-context: b\ncontexts:\n- name: b\n  context: {cluster: c2}\n");
  std::string second = write("second", kTwoContexts + std::string("\n"));
  std::string env = first + ":" + (dir_ / "absent").string() + ":" + second;
  Result<ClusterTarget> target = resolve_target({}, env, "");
  ASSERT_FALSE(target.ok());  // context b's cluster c2 is in neither file
  EXPECT_EQ(target.status().message(), "context \"b\": cluster \"c2\" does not exist");

  std::string third = write("third", "clusters:\n- name: c2\n  cluster: {server: \"http://127.0.0.1:8\"}\n");
  Result<ClusterTarget> merged = resolve_target({}, first + ":" + third + ":" + second, "");
  ASSERT_TRUE(merged.ok()) << merged.status().to_string();
  EXPECT_EQ(merged->server, "http://127.0.0.1:8");
  EXPECT_EQ(merged->namespace_, "default");
}

TEST_F(HerdctlKubeconfigFiles, NoServerAnywhereIsAnErrorThatSaysWhereToLook) {
  Result<ClusterTarget> none = resolve_target({}, std::nullopt, dir_.string());
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("--server"), std::string::npos);
  Result<ClusterTarget> server_only = resolve_target({"http://127.0.0.1:1", "", "", ""}, std::nullopt, dir_.string());
  ASSERT_TRUE(server_only.ok());
  EXPECT_EQ(server_only->namespace_, "default");
  Result<ClusterTarget> unreadable = resolve_target({"", (dir_ / "absent").string(), "", ""}, std::nullopt, "");
  EXPECT_EQ(unreadable.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace herd::cli::herdctl
