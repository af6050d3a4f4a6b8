#include "image_store/chain_id.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::image_store {
namespace {

// sha256 of "a", "b" and "c"; the chains below were computed with sha256sum:
//   printf '%s %s' "$A" "$B" | sha256sum
const std::string kA = "sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
const std::string kB = "sha256:3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d";
const std::string kC = "sha256:2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6";
const std::string kAB = "sha256:51c0c8ace48498d6f5fee6b0592cc06f2da0f3cbe09c5a34a97dce85c3889676";
const std::string kABC = "sha256:2fce7f8ce91bcf0a1428b36e1024639fdbd9469eea762dba98aa749631885106";

TEST(ChainId, NoLayersNoChain) { EXPECT_TRUE(chain_ids({}).empty()); }

TEST(ChainId, OneLayerIsItsDiffId) { EXPECT_EQ(chain_ids({kA}), std::vector<std::string>{kA}); }

TEST(ChainId, EachLayerHashesTheChainBelowSpaceItsDiffId) {
  EXPECT_EQ(chain_ids({kA, kB}), (std::vector<std::string>{kA, kAB}));
  EXPECT_EQ(chain_ids({kA, kB, kC}), (std::vector<std::string>{kA, kAB, kABC}));
}

TEST(ChainId, ParsesRootfsDiffIds) {
  auto ids = parse_diff_ids(R"({"architecture":"amd64","rootfs":{"type":"layers","diff_ids":[")" +
                            kA + R"(",")" + kB + R"("]}})");
  ASSERT_TRUE(ids.ok()) << ids.status().to_string();
  EXPECT_EQ(*ids, (std::vector<std::string>{kA, kB}));
}

TEST(ChainId, MissingOrMalformedDiffIdsAreCorrupt) {
  for (const char* bad : {"{}", R"({"rootfs":{}})", R"({"rootfs":{"diff_ids":[1]}})", "[", "3"}) {
    auto ids = parse_diff_ids(bad);
    ASSERT_FALSE(ids.ok()) << bad;
    EXPECT_EQ(ids.status().code(), StatusCode::kCorrupt) << bad;
    EXPECT_EQ(ids.status().message().rfind("image config: ", 0), 0u) << ids.status().message();
  }
}

}  // namespace
}  // namespace herd::runtime::image_store
