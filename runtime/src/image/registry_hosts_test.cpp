#include "image/registry_hosts.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace herd::runtime::image {
namespace {

std::vector<std::string> urls_for(const RegistryConfig& config, std::string_view domain) {
  auto endpoints = endpoints_for(config, domain);
  if (!endpoints.ok()) {
    return {"error: " + endpoints.status().message()};
  }
  std::vector<std::string> out;
  for (const Endpoint& e : *endpoints) {
    out.push_back(e.url("x/manifests/latest").to_string() + (e.mirror ? " (mirror)" : ""));
  }
  return out;
}

TEST(Url, ParsesAndPrints) {
  auto url = Url::parse("HTTP://127.0.0.1:5000/v2/x?y=1#frag");
  ASSERT_TRUE(url.ok()) << url.status().to_string();
  EXPECT_EQ(url->scheme, "http");
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 5000);
  EXPECT_EQ(url->target, "/v2/x?y=1");
  EXPECT_EQ(url->authority(), "127.0.0.1:5000");
  auto https = Url::parse("https://registry-1.docker.io");
  ASSERT_TRUE(https.ok());
  EXPECT_EQ(https->port, 443);
  EXPECT_EQ(https->target, "/");
  EXPECT_EQ(https->to_string(), "https://registry-1.docker.io/");
  auto v6 = Url::parse("http://[::1]:8080/a");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->authority(), "[::1]:8080");
}

TEST(Url, RefusesWhatItCannotConnectTo) {
  EXPECT_EQ(Url::parse("127.0.0.1:5000").status().message(),
            "invalid URL \"127.0.0.1:5000\": no scheme (want http:// or https://)");
  EXPECT_EQ(Url::parse("ftp://h/").status().message(),
            "invalid URL \"ftp://h/\": scheme is not http or https");
  EXPECT_EQ(Url::parse("http://h:0/").status().message(), "invalid URL \"http://h:0/\": bad port");
  EXPECT_EQ(Url::parse("http://h:123456/").status().message(),
            "invalid URL \"http://h:123456/\": bad port");
  EXPECT_FALSE(Url::parse("http:///x").ok());
  EXPECT_FALSE(Url::parse("http://user@h/").ok());
}

TEST(Url, ResolvesRedirectLocations) {
  auto base = Url::parse("https://r.example/v2/x/blobs/sha256:1?a=b");
  ASSERT_TRUE(base.ok());
  EXPECT_EQ(base->resolve("https://s3.example/bucket/o?sig=2")->to_string(),
            "https://s3.example/bucket/o?sig=2");
  EXPECT_EQ(base->resolve("//cdn.example/o")->to_string(), "https://cdn.example/o");
  EXPECT_EQ(base->resolve("/other")->to_string(), "https://r.example/other");
  EXPECT_EQ(base->resolve("sibling")->to_string(), "https://r.example/v2/x/blobs/sibling");
}

TEST(RegistryHosts, DockerHubIsServedByRegistry1OverHttps) {
  EXPECT_EQ(urls_for({}, "docker.io"),
            (std::vector<std::string>{"https://registry-1.docker.io/v2/x/manifests/latest"}));
  EXPECT_EQ(urls_for({}, "quay.io"),
            (std::vector<std::string>{"https://quay.io/v2/x/manifests/latest"}));
  EXPECT_EQ(urls_for({}, "registry.lan:5000"),
            (std::vector<std::string>{"https://registry.lan:5000/v2/x/manifests/latest"}));
}

TEST(RegistryHosts, LoopbackAndInsecureHostsOverPlainHttp) {
  RegistryConfig config;
  config.insecure_hosts.insert("registry.lan:5000");
  EXPECT_EQ(urls_for(config, "127.0.0.1:5000"),
            (std::vector<std::string>{"http://127.0.0.1:5000/v2/x/manifests/latest"}));
  EXPECT_EQ(urls_for(config, "localhost:5000"),
            (std::vector<std::string>{"http://localhost:5000/v2/x/manifests/latest"}));
  EXPECT_EQ(urls_for(config, "[::1]:5000"),
            (std::vector<std::string>{"http://[::1]:5000/v2/x/manifests/latest"}));
  EXPECT_EQ(urls_for(config, "registry.lan:5000"),
            (std::vector<std::string>{"http://registry.lan:5000/v2/x/manifests/latest"}));
  EXPECT_TRUE(allows_plain_http(config, "127.1.2.3:80"));
  EXPECT_FALSE(allows_plain_http(config, "registry.lan:5001"));
}

TEST(RegistryHosts, MirrorsInOrderThenTheOrigin) {
  RegistryConfig config;
  config.mirrors["docker.io"] = RegistryMirror{
      {"http://127.0.0.1:5000", "https://mirror.example/v2/", "127.0.0.1:5001/prefix/"}, true};
  EXPECT_EQ(urls_for(config, "docker.io"),
            (std::vector<std::string>{
                "http://127.0.0.1:5000/v2/x/manifests/latest (mirror)",
                "https://mirror.example/v2/x/manifests/latest (mirror)",
                "http://127.0.0.1:5001/prefix/v2/x/manifests/latest (mirror)",
                "https://registry-1.docker.io/v2/x/manifests/latest",
            }));
  EXPECT_EQ(urls_for(config, "quay.io"),
            (std::vector<std::string>{"https://quay.io/v2/x/manifests/latest"}));
}

TEST(RegistryHosts, MirrorConfigCanLeaveTheOriginOut) {
  RegistryConfig config;
  config.mirrors["docker.io"] = RegistryMirror{{"http://127.0.0.1:5000"}, false};
  EXPECT_EQ(urls_for(config, "docker.io"),
            (std::vector<std::string>{"http://127.0.0.1:5000/v2/x/manifests/latest (mirror)"}));
  config.mirrors["docker.io"].endpoints.clear();
  EXPECT_EQ(urls_for(config, "docker.io"),
            (std::vector<std::string>{"error: no endpoints for docker.io: its mirror config has "
                                      "none and fallbackToOrigin is false"}));
}

TEST(RegistryHosts, PlainHttpMirrorOnlyForLoopbackOrInsecure) {
  RegistryConfig config;
  config.mirrors["docker.io"] = RegistryMirror{{"http://mirror.lan:5000"}, true};
  EXPECT_EQ(validate_registry_config(config),
            Status::invalid_argument(
                "mirror \"http://mirror.lan:5000\" for docker.io: plain http is allowed only "
                "for loopback hosts and insecureHosts"));
  config.insecure_hosts.insert("mirror.lan");
  EXPECT_TRUE(validate_registry_config(config).ok());
  config.mirrors["docker.io"] = RegistryMirror{{"ftp://mirror.lan"}, true};
  EXPECT_EQ(validate_registry_config(config).message(),
            "mirror \"ftp://mirror.lan\" for docker.io: invalid URL \"ftp://mirror.lan\": scheme "
            "is not http or "
            "https");
}

}  // namespace
}  // namespace herd::runtime::image
