#include "node/store_config_source.hpp"

#include <gtest/gtest.h>

#include "actors/testing/store_builders.hpp"

namespace herd::actors {
namespace {

using testing::named;
using testing::stored;

TEST(StoreConfigSourceTest, ReadsTheObjectsAsTheStoreHasThemNow) {
  ObjectStore store;
  StoreConfigSource source(store);
  EXPECT_EQ(source.config_map("default", "app").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(source.config_map("default", "app").status().message(), "configmap \"app\" not found");
  EXPECT_EQ(source.secret("default", "db").status().message(), "secret \"db\" not found");

  auto config = named<api::ConfigMap>("app");
  config.data["mode"] = "fast";
  store.put(stored(config));
  auto secret = named<api::Secret>("db");
  secret.data["root"] = api::Bytes{"s3cret"};
  store.put(stored(secret));

  Result<api::ConfigMap> got = source.config_map("default", "app");
  ASSERT_TRUE(got.ok()) << got.status().to_string();
  EXPECT_EQ(got->data.at("mode"), "fast");
  Result<api::Secret> db = source.secret("default", "db");
  ASSERT_TRUE(db.ok()) << db.status().to_string();
  EXPECT_EQ(db->data.at("root"), api::Bytes{"s3cret"});
  EXPECT_EQ(source.secret("other", "db").status().code(), StatusCode::kNotFound);
}

TEST(StoreConfigSourceTest, AnObjectBeingDeletedIsGone) {
  ObjectStore store;
  StoreConfigSource source(store);
  auto config = named<api::ConfigMap>("app");
  config.metadata.deletion_timestamp = "2026-01-01T00:00:00Z";
  store.put(stored(config));
  EXPECT_EQ(source.config_map("default", "app").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace herd::actors
