#include "network/cni_invoke.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "herd/api/codec.hpp"
#include "network/test_support.hpp"

namespace herd::runtime::network {
namespace {

using testing::json;

constexpr std::string_view kConflist = R"({"cniVersion": "1.0.0", "name": "herd", "plugins": [
  {"type": "loopback"},
  {"type": "bridge", "bridge": "herd0"},
  {"type": "portmap", "capabilities": {"portMappings": true, "bandwidth": false}}]})";

// Records every run and answers from a script keyed by plugin name.
class FakeExecutor final : public PluginExecutor {
 public:
  Result<ExecOutput> run(const ExecRequest& request) override {
    requests.push_back(request);
    const std::string plugin = std::filesystem::path(request.path).filename();
    auto it = outputs.find(plugin);
    if (it != outputs.end()) return it->second;
    return ExecOutput{0, R"({"cniVersion":"1.0.0","ips":[{"address":"10.0.0.)" +
                             std::to_string(requests.size()) + R"(/24"}]})", ""};
  }
  std::string plugin(std::size_t i) const { return std::filesystem::path(requests.at(i).path).filename(); }
  api::Value config(std::size_t i) const { return *api::parse_json_value(requests.at(i).stdin_data); }

  std::vector<ExecRequest> requests;
  std::map<std::string, ExecOutput> outputs;
};

class CniInvokeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* plugin : {"loopback", "bridge", "portmap"}) {
      const std::string path = dir_ + "/" + plugin;
      std::ofstream(path) << "#!/bin/sh\n";
      chmod(path.c_str(), 0755);
    }
    call_.container_id = "pod-1";
    call_.netns = "/var/run/netns/herd-pod-1";
    call_.if_name = "eth0";
    call_.args = "IgnoreUnknown=1;K8S_POD_NAME=web";
    call_.plugin_path = "/nonexistent:" + dir_;
    call_.capability_args = json(R"({"portMappings": [{"hostPort": 80, "containerPort": 8080, "protocol": "tcp"}],
                                     "bandwidth": {"rate": 1}})");
    call_.timeout = std::chrono::milliseconds(1234);
  }
  testing::TempDir temp_{"cni-invoke-test"};
  const std::string dir_ = temp_.path();
  CniCall call_;
  FakeExecutor exec_;
};

TEST_F(CniInvokeTest, PluginConfigTakesNameAndVersionFromTheList) {
  Result<api::Value> config = plugin_config(json(kConflist), 1, nullptr, api::Value::object());
  ASSERT_TRUE(config.ok()) << config.status().to_string();
  EXPECT_EQ(api::to_json(*config), R"({"type":"bridge","bridge":"herd0","name":"herd","cniVersion":"1.0.0"})");
}

TEST_F(CniInvokeTest, RuntimeConfigHasOnlyTheCapabilitiesThePluginEnables) {
  const api::Value prev = json(R"({"ips": []})");
  Result<api::Value> portmap = plugin_config(json(kConflist), 2, &prev, call_.capability_args);
  ASSERT_TRUE(portmap.ok());
  EXPECT_EQ(api::to_json(*portmap->find("runtimeConfig")),
            R"({"portMappings":[{"hostPort":80,"containerPort":8080,"protocol":"tcp"}]})");
  EXPECT_EQ(*portmap->find("prevResult"), prev);
  Result<api::Value> bridge = plugin_config(json(kConflist), 1, nullptr, call_.capability_args);
  EXPECT_EQ(bridge->find("runtimeConfig"), nullptr);
}

TEST_F(CniInvokeTest, AMalformedListIsInvalid) {
  const api::Value empty = api::Value::object();
  EXPECT_EQ(plugin_config(json(kConflist), 3, nullptr, empty).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(plugin_config(json(R"({"name": "n", "plugins": [{"type": "x"}]})"), 0, nullptr, empty).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(plugin_config(json(R"({"name": "n", "cniVersion": "1.0.0", "plugins": [{}]})"), 0, nullptr, empty)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

TEST_F(CniInvokeTest, FindPluginSearchesEachDirectoryOfThePath) {
  EXPECT_EQ(*find_plugin("bridge", call_.plugin_path), dir_ + "/bridge");
  Result<std::string> missing = find_plugin("macvlan", "/nonexistent/cni");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("CNI plugin \"macvlan\" not found in /nonexistent/cni"),
            std::string::npos);
  EXPECT_EQ(find_plugin("../bin/sh", dir_).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(CniInvokeTest, AddRunsThePluginsInOrderChainingPrevResult) {
  Result<api::Value> result = add_network_list(exec_, json(kConflist), call_);
  ASSERT_TRUE(result.ok()) << result.status().to_string();
  ASSERT_EQ(exec_.requests.size(), 3u);
  EXPECT_EQ(exec_.plugin(0), "loopback");
  EXPECT_EQ(exec_.plugin(1), "bridge");
  EXPECT_EQ(exec_.plugin(2), "portmap");
  EXPECT_EQ(exec_.config(0).find("prevResult"), nullptr);
  EXPECT_EQ(exec_.config(1).find("prevResult")->find("ips")->as_array()[0].find("address")->as_string(),
            "10.0.0.1/24");
  EXPECT_EQ(exec_.config(2).find("prevResult")->find("ips")->as_array()[0].find("address")->as_string(),
            "10.0.0.2/24");
  EXPECT_EQ(result->find("ips")->as_array()[0].find("address")->as_string(), "10.0.0.3/24");

  EXPECT_EQ(exec_.requests[1].env,
            (std::vector<std::string>{"CNI_COMMAND=ADD", "CNI_CONTAINERID=pod-1",
                                      "CNI_NETNS=/var/run/netns/herd-pod-1", "CNI_IFNAME=eth0",
                                      "CNI_ARGS=IgnoreUnknown=1;K8S_POD_NAME=web", "CNI_PATH=" + call_.plugin_path,
                                      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}));
  EXPECT_EQ(exec_.requests[1].timeout, std::chrono::milliseconds(1234));
}

TEST_F(CniInvokeTest, AddStopsAtTheFirstFailingPlugin) {
  exec_.outputs["bridge"] = ExecOutput{1, R"({"code": 11, "msg": "busy"})", ""};
  Result<api::Value> result = add_network_list(exec_, json(kConflist), call_);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().to_string(),
            "Unavailable: CNI plugin \"bridge\" ADD failed (CNI error 11, try again later): busy");
  EXPECT_EQ(exec_.requests.size(), 2u);
}

TEST_F(CniInvokeTest, AnAddResultThatIsNotJsonIsCorrupt) {
  exec_.outputs["loopback"] = ExecOutput{0, "hello", ""};
  EXPECT_EQ(add_network_list(exec_, json(kConflist), call_).status().code(), StatusCode::kCorrupt);
}

TEST_F(CniInvokeTest, DelRunsInReverseWithTheCachedResult) {
  const api::Value cached = json(R"({"cniVersion": "1.0.0", "ips": [{"address": "10.0.0.9/24"}]})");
  ASSERT_TRUE(del_network_list(exec_, json(kConflist), &cached, call_).ok());
  ASSERT_EQ(exec_.requests.size(), 3u);
  EXPECT_EQ(exec_.plugin(0), "portmap");
  EXPECT_EQ(exec_.plugin(2), "loopback");
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(exec_.requests[i].env[0], "CNI_COMMAND=DEL");
    EXPECT_EQ(*exec_.config(i).find("prevResult"), cached);
  }
}

TEST_F(CniInvokeTest, DelWithoutACacheHasNoPrevResultAndStopsAtAFailure) {
  exec_.outputs["bridge"] = ExecOutput{1, R"({"code": 5, "msg": "disk"})", ""};
  Status status = del_network_list(exec_, json(kConflist), nullptr, call_);
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  ASSERT_EQ(exec_.requests.size(), 2u);
  EXPECT_EQ(exec_.config(0).find("prevResult"), nullptr);
}

TEST_F(CniInvokeTest, CheckRunsInOrderUnlessTheListDisablesIt) {
  const api::Value cached = json(R"({"ips": []})");
  ASSERT_TRUE(check_network_list(exec_, json(kConflist), cached, call_).ok());
  ASSERT_EQ(exec_.requests.size(), 3u);
  EXPECT_EQ(exec_.plugin(0), "loopback");
  EXPECT_EQ(exec_.requests[0].env[0], "CNI_COMMAND=CHECK");
  EXPECT_EQ(*exec_.config(0).find("prevResult"), cached);

  api::Value disabled = json(kConflist);
  disabled.set("disableCheck", api::Value::boolean(true));
  ASSERT_TRUE(check_network_list(exec_, disabled, cached, call_).ok());
  EXPECT_EQ(exec_.requests.size(), 3u);
}

TEST_F(CniInvokeTest, AnExecutorFailureNamesThePlugin) {
  call_.plugin_path = dir_;
  std::filesystem::remove(dir_ + "/loopback");
  Result<api::Value> result = add_network_list(exec_, json(kConflist), call_);
  EXPECT_EQ(result.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(exec_.requests.empty());
}

}  // namespace
}  // namespace herd::runtime::network
