#include <gtest/gtest.h>

#include "herd/runtime/oci_spec.hpp"

namespace herd::runtime {
namespace {

// As `skopeo inspect --config docker://nginx:1.25` shows it (shortened).
constexpr std::string_view kNginx = R"({
  "architecture": "amd64",
  "config": {
    "ExposedPorts": {"80/tcp": {}, "443/tcp": {}},
    "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NGINX_VERSION=1.25.3"],
    "Entrypoint": ["/docker-entrypoint.sh"],
    "Cmd": ["nginx", "-g", "daemon off;"],
    "Labels": {"maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"},
    "StopSignal": "SIGQUIT",
    "WorkingDir": "/srv",
    "User": "101:101",
    "Volumes": null,
    "OnBuild": null
  },
  "created": "2023-11-01T00:00:00Z",
  "os": "linux",
  "rootfs": {"type": "layers", "diff_ids": ["sha256:0000000000000000000000000000000000000000000000000000000000000000"]},
  "history": [{"created_by": "CMD [\"nginx\"]"}]
})";

TEST(ImageConfig, ParsesTheFieldsThatDecideHowAContainerRuns) {
  auto config = parse_image_config(kNginx);
  ASSERT_TRUE(config.ok()) << config.status().to_string();
  EXPECT_EQ(config->entrypoint, std::vector<std::string>{"/docker-entrypoint.sh"});
  EXPECT_EQ(config->cmd, (std::vector<std::string>{"nginx", "-g", "daemon off;"}));
  EXPECT_EQ(config->env, (std::vector<std::string>{
                             "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                             "NGINX_VERSION=1.25.3"}));
  EXPECT_EQ(config->working_dir, "/srv");
  EXPECT_EQ(config->user, "101:101");
  EXPECT_EQ(config->exposed_ports, (std::vector<std::string>{"443/tcp", "80/tcp"}));
  EXPECT_EQ(config->labels.at("maintainer"), "NGINX Docker Maintainers <docker-maint@nginx.com>");
  EXPECT_EQ(config->stop_signal, "SIGQUIT");
}

TEST(ImageConfig, AbsentAndNullFieldsAreEmpty) {
  for (std::string_view text :
       {R"({})", R"({"config": null})", R"({"config": {}})",
        R"({"config": {"Entrypoint": null, "Cmd": null, "Env": null, "User": null,
                        "ExposedPorts": null, "Labels": null}})"}) {
    auto config = parse_image_config(text);
    ASSERT_TRUE(config.ok()) << text << ": " << config.status().to_string();
    EXPECT_EQ(*config, ImageConfig{}) << text;
  }
}

TEST(ImageConfig, MalformedBlobsAreCorrupt) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"not json", "image config: line 1, column "},
      {"[1]", "image config: not a JSON object"},
      {R"({"config": []})", "image config: config: not an object"},
      {R"({"config": {"Cmd": "nginx"}})", "image config: config.Cmd: not an array of strings"},
      {R"({"config": {"Env": ["A=1", 2]}})", "image config: config.Env: not an array of strings"},
      {R"({"config": {"User": 0}})", "image config: config.User: not a string"},
      {R"({"config": {"ExposedPorts": ["80/tcp"]}})",
       "image config: config.ExposedPorts: not an object"},
      {R"({"config": {"Labels": {"a": 1}}})",
       "image config: config.Labels: not an object of strings"},
  };
  for (const auto& [text, message] : cases) {
    auto config = parse_image_config(text);
    ASSERT_FALSE(config.ok()) << text;
    EXPECT_EQ(config.status().code(), StatusCode::kCorrupt) << text;
    EXPECT_TRUE(config.status().message().starts_with(message))
        << text << ": " << config.status().message();
  }
}

}  // namespace
}  // namespace herd::runtime
