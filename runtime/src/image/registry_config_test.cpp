#include <gtest/gtest.h>

#include "herd/api/codec.hpp"
#include "herd/runtime/registry_client.hpp"

namespace herd::runtime {
namespace {

Result<RegistryConfig> parse_yaml_config(std::string_view yaml) {
  api::ParsedText parsed = api::parse_yaml(yaml);
  EXPECT_FALSE(parsed.error.has_value()) << parsed.error->message;
  return parse_registry_config(parsed.documents.empty() ? api::Value() : parsed.documents.front());
}

TEST(RegistryConfig, ReadsEveryField) {
  auto config = parse_yaml_config(R"(
mirrors:
  docker.io:
    endpoints: ["http://127.0.0.1:5000", "https://mirror.example"]
    fallbackToOrigin: false
insecureHosts: [registry.lan:5000]
credentials:
  registry.lan:5000: {username: u, password: p}
platform: {os: linux, architecture: arm64, variant: v8}
connectTimeoutSeconds: 3
readTimeoutSeconds: 60
)");
  ASSERT_TRUE(config.ok()) << config.status().to_string();
  const RegistryMirror& hub = config->mirrors.at("docker.io");
  EXPECT_EQ(hub.endpoints,
            (std::vector<std::string>{"http://127.0.0.1:5000", "https://mirror.example"}));
  EXPECT_FALSE(hub.fallback_to_origin);
  EXPECT_TRUE(config->insecure_hosts.contains("registry.lan:5000"));
  EXPECT_EQ(config->credentials.at("registry.lan:5000").username, "u");
  EXPECT_EQ(config->credentials.at("registry.lan:5000").password, "p");
  EXPECT_EQ(config->platform, (Platform{"linux", "arm64", "v8"}));
  EXPECT_EQ(config->connect_timeout, std::chrono::seconds(3));
  EXPECT_EQ(config->read_timeout, std::chrono::seconds(60));
}

TEST(RegistryConfig, EmptyMeansDefaults) {
  auto config = parse_registry_config(api::Value());
  ASSERT_TRUE(config.ok());
  EXPECT_TRUE(config->mirrors.empty());
  EXPECT_EQ(config->platform, Platform{});
  EXPECT_EQ(config->connect_timeout, std::chrono::seconds(10));
  auto defaults = parse_yaml_config("mirrors: {docker.io: {endpoints: [http://127.0.0.1:5000]}}");
  ASSERT_TRUE(defaults.ok()) << defaults.status().to_string();
  EXPECT_TRUE(defaults->mirrors.at("docker.io").fallback_to_origin);
}

TEST(RegistryConfig, ErrorsNameTheField) {
  EXPECT_EQ(parse_yaml_config("mirror: {}").status(),
            Status::invalid_argument("registry.mirror: unknown field"));
  EXPECT_EQ(parse_yaml_config("mirrors: {docker.io: {endpoints: http://x}}").status(),
            Status::invalid_argument(
                "registry.mirrors.docker.io.endpoints: want a list of strings, got string"));
  EXPECT_EQ(parse_yaml_config("mirrors: {docker.io: {fallbackToOrigin: 1}}").status(),
            Status::invalid_argument(
                "registry.mirrors.docker.io.fallbackToOrigin: want true or false, got integer"));
  EXPECT_EQ(parse_yaml_config("insecureHosts: [1]").status(),
            Status::invalid_argument("registry.insecureHosts[0]: want a string, got integer"));
  EXPECT_EQ(parse_yaml_config("readTimeoutSeconds: 0").status(),
            Status::invalid_argument(
                "registry.readTimeoutSeconds: want a whole number of seconds from 1 to 3600"));
  EXPECT_EQ(parse_yaml_config("credentials: {h: {user: u}}").status(),
            Status::invalid_argument("registry.credentials.h.user: unknown field"));
}

TEST(RegistryConfig, MirrorsAreCheckedToo) {
  EXPECT_EQ(parse_yaml_config("mirrors: {docker.io: {endpoints: [http://mirror.lan]}}")
                .status()
                .message(),
            "mirror \"http://mirror.lan\" for docker.io: plain http is allowed only for loopback "
            "hosts and "
            "insecureHosts");
}

TEST(MakeRegistryClient, RefusesAnInvalidConfig) {
  RegistryConfig config;
  config.mirrors["docker.io"] = RegistryMirror{{"http://mirror.lan"}, true};
  EXPECT_EQ(make_registry_client(config).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(make_registry_client(RegistryConfig{}).ok());
}

}  // namespace
}  // namespace herd::runtime
