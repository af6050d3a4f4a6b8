#include "network/cni_cache.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "herd/api/codec.hpp"
#include "herd/base/base64.hpp"
#include "network/test_support.hpp"

namespace herd::runtime::network {
namespace {

CacheEntry sample_entry(const std::string& container_id = "0b6c-1") {
  CacheEntry entry;
  entry.container_id = container_id;
  entry.if_name = "eth0";
  entry.network_name = "herd";
  entry.config = R"({"cniVersion":"1.0.0","name":"herd","plugins":[{"type":"loopback"}]})";
  entry.cni_args = "IgnoreUnknown=1;K8S_POD_NAME=web-0";
  entry.capability_args = *api::parse_json_value(R"({"portMappings":[{"hostPort":80,"containerPort":8080}]})");
  entry.result = *api::parse_json_value(R"({"cniVersion":"1.0.0","ips":[{"address":"10.244.0.7/16"}]})");
  return entry;
}

void expect_same(const CacheEntry& a, const CacheEntry& b) {
  EXPECT_EQ(a.container_id, b.container_id);
  EXPECT_EQ(a.if_name, b.if_name);
  EXPECT_EQ(a.network_name, b.network_name);
  EXPECT_EQ(a.config, b.config);
  EXPECT_EQ(a.cni_args, b.cni_args);
  EXPECT_EQ(a.capability_args, b.capability_args);
  EXPECT_EQ(a.result, b.result);
}

TEST(CniCache, EntriesUseLibcnisLayout) {
  const CacheEntry entry = sample_entry();
  const api::Value encoded = *api::parse_json_value(encode_cache_entry(entry));
  EXPECT_EQ(encoded.find("kind")->as_string(), "cniCacheV1");
  EXPECT_EQ(encoded.find("containerId")->as_string(), "0b6c-1");
  EXPECT_EQ(encoded.find("ifName")->as_string(), "eth0");
  EXPECT_EQ(encoded.find("networkName")->as_string(), "herd");
  EXPECT_EQ(*base64_decode(encoded.find("config")->as_string()), entry.config);
  EXPECT_EQ(api::to_json(*encoded.find("cniArgs")), R"([["IgnoreUnknown","1"],["K8S_POD_NAME","web-0"]])");
  EXPECT_EQ(*encoded.find("result"), entry.result);

  Result<CacheEntry> decoded = decode_cache_entry(encode_cache_entry(entry));
  ASSERT_TRUE(decoded.ok()) << decoded.status().to_string();
  expect_same(*decoded, entry);
}

TEST(CniCache, ReadsAnEntryLibcniWrote) {
  // libcni omits cniArgs and capabilityArgs when empty.
  Result<CacheEntry> entry = decode_cache_entry(
      R"({"kind":"cniCacheV1","containerId":"c1","config":"e30=","ifName":"eth0","networkName":"n",)"
      R"("result":{"cniVersion":"1.0.0"}})");
  ASSERT_TRUE(entry.ok()) << entry.status().to_string();
  EXPECT_EQ(entry->config, "{}");
  EXPECT_EQ(entry->cni_args, "");
  EXPECT_EQ(api::to_json(entry->capability_args), "{}");
}

TEST(CniCache, DamagedEntriesAreCorrupt) {
  for (const char* text : {"", "{", R"({"kind":"other"})",
                           R"({"kind":"cniCacheV1","containerId":"c","ifName":"e","networkName":"n","config":"!!"})",
                           R"({"kind":"cniCacheV1","containerId":"c","ifName":"e","networkName":"n","config":""})"}) {
    Result<CacheEntry> entry = decode_cache_entry(text);
    ASSERT_FALSE(entry.ok()) << text;
    EXPECT_EQ(entry.status().code(), StatusCode::kCorrupt) << text;
  }
}

TEST(CniCache, WritesReadsListsAndRemovesFiles) {
  testing::TempDir temp("cni-cache-test");
  const std::string dir = temp.path() + "/results";  // created on first write
  const ResultCache cache(dir);
  EXPECT_TRUE(cache.container_ids("herd", "eth0")->empty());
  EXPECT_FALSE(cache.read("herd", "0b6c-1", "eth0")->has_value());

  ASSERT_TRUE(cache.write(sample_entry("0b6c-1")).ok());
  ASSERT_TRUE(cache.write(sample_entry("0a00-2")).ok());
  EXPECT_TRUE(std::filesystem::exists(dir + "/herd-0b6c-1-eth0"));
  std::ofstream(dir + "/herd2-x-eth0") << "{}";  // another network's
  EXPECT_EQ(*cache.container_ids("herd", "eth0"), (std::vector<std::string>{"0a00-2", "0b6c-1"}));

  Result<std::optional<CacheEntry>> read = cache.read("herd", "0b6c-1", "eth0");
  ASSERT_TRUE(read.ok() && read->has_value());
  expect_same(**read, sample_entry("0b6c-1"));

  std::ofstream(dir + "/herd-bad-eth0") << "not json";
  EXPECT_EQ(cache.read("herd", "bad", "eth0").status().code(), StatusCode::kCorrupt);

  ASSERT_TRUE(cache.remove("herd", "0b6c-1", "eth0").ok());
  ASSERT_TRUE(cache.remove("herd", "0b6c-1", "eth0").ok());
  EXPECT_FALSE(cache.read("herd", "0b6c-1", "eth0")->has_value());
}

}  // namespace
}  // namespace herd::runtime::network
