#include "network/cni_result.hpp"

#include <gtest/gtest.h>

#include "network/test_support.hpp"

namespace herd::runtime::network {
namespace {

using testing::json;

// What bridge 1.1.1 prints for ADD (and portmap passes through).
constexpr std::string_view kBridgeResult = R"({
  "cniVersion": "1.0.0",
  "interfaces": [
    {"name": "herd0", "mac": "5e:18:27:4e:90:86"},
    {"name": "veth1c2d3e4f", "mac": "a2:9b:10:11:12:13"},
    {"name": "eth0", "mac": "6a:7b:8c:9d:ae:bf", "sandbox": "/var/run/netns/herd-0b6c"}
  ],
  "ips": [{"interface": 2, "address": "10.244.0.7/16", "gateway": "10.244.0.1"}],
  "routes": [{"dst": "0.0.0.0/0"}],
  "dns": {}
})";

TEST(CniResult, ThePodAddressIsTheIpv4OfTheSandboxInterface) {
  Result<PodAddress> address = pod_address(json(kBridgeResult), "eth0");
  ASSERT_TRUE(address.ok()) << address.status().to_string();
  EXPECT_EQ(address->ip, "10.244.0.7");
  EXPECT_EQ(address->gateway, "10.244.0.1");
}

TEST(CniResult, IgnoresIpv6LoopbackAndOtherInterfaces) {
  const api::Value result = json(R"({"interfaces": [{"name": "lo"}, {"name": "net1"}, {"name": "eth0"}],
    "ips": [{"interface": 0, "address": "127.0.0.1/8"},
            {"interface": 2, "address": "fd00::7/64"},
            {"interface": 1, "address": "192.168.9.9/24"},
            {"interface": 2, "address": "10.244.0.8/16"}]})");
  EXPECT_EQ(pod_address(result, "eth0")->ip, "10.244.0.8");
}

TEST(CniResult, WithoutInterfaceIndexesTheFirstNonLoopbackIpv4Counts) {
  const api::Value result = json(R"({"ips": [{"address": "127.0.0.1/8"}, {"address": "10.244.0.9/16"}]})");
  Result<PodAddress> address = pod_address(result, "eth0");
  ASSERT_TRUE(address.ok());
  EXPECT_EQ(address->ip, "10.244.0.9");
  EXPECT_EQ(address->gateway, "");
}

TEST(CniResult, AResultWithoutAnAddressIsCorrupt) {
  for (const char* text : {R"({})", R"({"ips": []})", R"({"ips": [{"address": "127.0.0.1/8"}]})",
                           R"({"ips": [{"address": "fd00::1/64"}]})", R"({"ips": "10.0.0.1"})"}) {
    Result<PodAddress> address = pod_address(json(text), "eth0");
    ASSERT_FALSE(address.ok()) << text;
    EXPECT_EQ(address.status().code(), StatusCode::kCorrupt) << text;
  }
}

TEST(CniResult, PluginOutputMustBeOneJsonObject) {
  EXPECT_TRUE(parse_plugin_result("bridge", "ADD", kBridgeResult).ok());
  Result<api::Value> garbage = parse_plugin_result("bridge", "ADD", "  oops\n");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().to_string(), "Corrupt: CNI plugin \"bridge\" ADD printed no JSON result object: \"oops\"");
  EXPECT_FALSE(parse_plugin_result("bridge", "ADD", "[1]").ok());
}

TEST(CniResult, ACniErrorBecomesAStatusWithItsCodeAndDetails) {
  ExecOutput output;
  output.exit_code = 1;
  output.stdout_data = R"({"cniVersion": "1.0.0", "code": 7, "msg": "invalid network config",
                           "details": "bridge name \"x/y\" is invalid"})";
  output.stderr_data = "ignored when there is an error object";
  EXPECT_EQ(plugin_failure("bridge", "ADD", output).to_string(),
            "InvalidArgument: CNI plugin \"bridge\" ADD failed (CNI error 7, invalid network config): "
            "invalid network config: bridge name \"x/y\" is invalid");

  output.stdout_data = R"({"code": 11, "msg": "busy"})";
  EXPECT_EQ(plugin_failure("host-local", "DEL", output).to_string(),
            "Unavailable: CNI plugin \"host-local\" DEL failed (CNI error 11, try again later): busy");
}

TEST(CniResult, ErrorCodesMapToStatusCodes) {
  const std::pair<int, StatusCode> cases[] = {
      {1, StatusCode::kUnimplemented},   {2, StatusCode::kInvalidArgument}, {3, StatusCode::kNotFound},
      {4, StatusCode::kInvalidArgument}, {5, StatusCode::kUnavailable},     {6, StatusCode::kInvalidArgument},
      {7, StatusCode::kInvalidArgument}, {11, StatusCode::kUnavailable},    {999, StatusCode::kUnavailable},
      {100, StatusCode::kUnavailable},
  };
  for (const auto& [code, status_code] : cases) {
    ExecOutput output{1, R"({"code": )" + std::to_string(code) + R"(, "msg": "m"})", ""};
    EXPECT_EQ(plugin_failure("p", "ADD", output).code(), status_code) << code;
  }
}

TEST(CniResult, WithoutAnErrorObjectTheExitCodeAndStderrTell) {
  ExecOutput output{2, "", "panic: runtime error\n"};
  EXPECT_EQ(plugin_failure("portmap", "ADD", output).to_string(),
            "Unavailable: CNI plugin \"portmap\" ADD failed with exit code 2: panic: runtime error");
  output.stdout_data = "not json";
  EXPECT_EQ(plugin_failure("portmap", "ADD", output).message(),
            "CNI plugin \"portmap\" ADD failed with exit code 2: panic: runtime error (stdout: \"not json\")");
}

}  // namespace
}  // namespace herd::runtime::network
