#include "network/cni_config.hpp"

#include <gtest/gtest.h>

#include "herd/api/codec.hpp"

namespace herd::runtime::network {
namespace {

TEST(CniConfig, TheDefaultConflistIsLoopbackAndABridgeWithHostLocal) {
  EXPECT_EQ(api::to_json(make_conflist(CniNetworkConfig{}, false)),
            R"({"cniVersion":"1.0.0","name":"herd","plugins":[{"type":"loopback"},)"
            R"({"type":"bridge","bridge":"herd0","isGateway":true,"ipMasq":false,"hairpinMode":true,)"
            R"("ipam":{"type":"host-local","dataDir":"/var/lib/herd/network/ipam",)"
            R"("ranges":[[{"subnet":"10.244.0.0/16","gateway":"10.244.0.1"}]]}}]})");
}

TEST(CniConfig, PortmapDefaultRouteAndRangeWhenAsked) {
  CniNetworkConfig config;
  config.network_name = "node-a";
  config.subnet = "10.50.3.0/24";
  config.range_start = "10.50.3.10";
  config.range_end = "10.50.3.99";
  config.bridge = "br-pods";
  config.state_dir = "/srv/herd";
  config.default_route = true;
  const api::Value conflist = make_conflist(config, true);
  EXPECT_EQ(api::to_json(*conflist.find("plugins")),
            R"([{"type":"loopback"},)"
            R"({"type":"bridge","bridge":"br-pods","isGateway":true,"ipMasq":false,"hairpinMode":true,)"
            R"("ipam":{"type":"host-local","dataDir":"/srv/herd/ipam",)"
            R"("ranges":[[{"subnet":"10.50.3.0/24","rangeStart":"10.50.3.10","rangeEnd":"10.50.3.99",)"
            R"("gateway":"10.50.3.1"}]],"routes":[{"dst":"0.0.0.0/0"}]}},)"
            R"({"type":"portmap","capabilities":{"portMappings":true}}])");
  EXPECT_EQ(conflist.find("name")->as_string(), "node-a");
}

TEST(CniConfig, TheDefaultsAreValid) { EXPECT_TRUE(check_network_config(CniNetworkConfig{}).ok()); }

TEST(CniConfig, InvalidSettingsNameTheField) {
  struct Case {
    void (*edit)(CniNetworkConfig&);
    const char* expected;
  };
  const Case cases[] = {
      {[](CniNetworkConfig& c) { c.subnet = "10.244.0.1/16"; }, "subnet: subnet \"10.244.0.1/16\" has host bits"},
      {[](CniNetworkConfig& c) { c.subnet = "10.244.0.0/31"; }, "is too small"},
      {[](CniNetworkConfig& c) { c.range_start = "10.245.0.5"; }, "range_start 10.245.0.5 is not a pod address"},
      {[](CniNetworkConfig& c) { c.range_end = "10.244.0.1"; }, "range_end 10.244.0.1 is not a pod address"},
      {[](CniNetworkConfig& c) { c.range_end = "10.244.255.255"; }, "range_end 10.244.255.255 is not a pod"},
      {[](CniNetworkConfig& c) {
         c.range_start = "10.244.0.9";
         c.range_end = "10.244.0.8";
       },
       "range_start 10.244.0.9 is after range_end 10.244.0.8"},
      {[](CniNetworkConfig& c) { c.bridge = "a-bridge-name-too-long"; }, "bridge \"a-bridge-name-too-long\""},
      {[](CniNetworkConfig& c) { c.bridge = "br/0"; }, "bridge \"br/0\""},
      {[](CniNetworkConfig& c) { c.network_name = "-herd"; }, "network_name \"-herd\""},
      {[](CniNetworkConfig& c) { c.plugin_dir = ""; }, "plugin_dir is empty"},
      {[](CniNetworkConfig& c) { c.state_dir = "state"; }, "state_dir \"state\" is not an absolute path"},
      {[](CniNetworkConfig& c) { c.netns_dir = ""; }, "netns_dir"},
      {[](CniNetworkConfig& c) { c.plugin_timeout = std::chrono::milliseconds(0); }, "plugin_timeout"},
  };
  for (const Case& c : cases) {
    CniNetworkConfig config;
    c.edit(config);
    Status status = check_network_config(config);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << c.expected;
    EXPECT_NE(status.message().find(c.expected), std::string::npos) << status.to_string();
  }
}

PodNetworkRequest web_pod() {
  PodNetworkRequest request;
  request.uid = "0b6c1a52-3f7e-4c1b-9d2a-8f1e2d3c4b5a";
  request.name = "web-0";
  request.namespace_ = "shop";
  return request;
}

TEST(CniConfig, CapabilityArgsCarryTheHostPorts) {
  PodNetworkRequest request = web_pod();
  EXPECT_EQ(api::to_json(capability_args(request)), "{}");
  request.port_mappings = {{8080, 80, "tcp", ""}, {5353, 53, "udp", "127.0.0.1"}};
  EXPECT_EQ(api::to_json(capability_args(request)),
            R"({"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"},)"
            R"({"hostPort":5353,"containerPort":53,"protocol":"udp","hostIP":"127.0.0.1"}]})");
}

TEST(CniConfig, CniArgsAreKubeletsWithIgnoreUnknown) {
  EXPECT_EQ(cni_args(web_pod(), "cid"),
            "IgnoreUnknown=1;K8S_POD_NAMESPACE=shop;K8S_POD_NAME=web-0;K8S_POD_INFRA_CONTAINER_ID=cid;"
            "K8S_POD_UID=0b6c1a52-3f7e-4c1b-9d2a-8f1e2d3c4b5a");
}

TEST(CniConfig, PodRequestsAreChecked) {
  EXPECT_TRUE(check_pod_request(web_pod()).ok());
  struct Case {
    void (*edit)(PodNetworkRequest&);
    const char* expected;
  };
  const Case cases[] = {
      {[](PodNetworkRequest& r) { r.uid = "../etc"; }, "pod uid"},
      {[](PodNetworkRequest& r) { r.uid = std::string(201, 'a'); }, "longer than 200"},
      {[](PodNetworkRequest& r) { r.name = "a;b"; }, "pod name \"a;b\" may not contain"},
      {[](PodNetworkRequest& r) { r.namespace_ = "a=b"; }, "pod namespace"},
      {[](PodNetworkRequest& r) { r.port_mappings = {{0, 80, "tcp", ""}}; }, "0->80: ports must be 1-65535"},
      {[](PodNetworkRequest& r) { r.port_mappings = {{80, 70000, "tcp", ""}}; }, "ports must be"},
      {[](PodNetworkRequest& r) { r.port_mappings = {{80, 80, "TCP", ""}}; }, "protocol \"TCP\""},
      {[](PodNetworkRequest& r) { r.port_mappings = {{80, 80, "tcp", "localhost"}}; }, "hostIP \"localhost\""},
  };
  for (const Case& c : cases) {
    PodNetworkRequest request = web_pod();
    c.edit(request);
    Status status = check_pod_request(request);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << c.expected;
    EXPECT_NE(status.message().find(c.expected), std::string::npos) << status.to_string();
  }
}

}  // namespace
}  // namespace herd::runtime::network
