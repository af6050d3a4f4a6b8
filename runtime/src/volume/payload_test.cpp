#include "volume/payload.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::volume {
namespace {

api::ConfigMap app_config() {
  api::ConfigMap cm;
  cm.metadata.name = "app-config";
  cm.data = {{"app.properties", "color=blue\n"}, {"log.level", "debug"}};
  cm.binary_data = {{"logo.png", api::Bytes{std::string("\x89PNG\0\x01", 6)}}};
  return cm;
}

api::Secret credentials() {
  api::Secret s;
  s.metadata.name = "db";
  s.data = {{"password", api::Bytes{"hunter2"}}, {"tls.key", api::Bytes{std::string("\0\xff", 2)}}};
  return s;
}

TEST(ConfigMapPayload, EveryKeyOfDataAndBinaryDataWithMode0644) {
  api::ConfigMapVolumeSource source;
  source.name = "app-config";
  const api::ConfigMap cm = app_config();
  Result<Payload> payload = config_map_payload(source, &cm);
  ASSERT_TRUE(payload.ok()) << payload.status().to_string();
  EXPECT_EQ(*payload, (Payload{{"app.properties", {"color=blue\n", 0644}},
                               {"log.level", {"debug", 0644}},
                               {"logo.png", {std::string("\x89PNG\0\x01", 6), 0644}}}));
}

TEST(ConfigMapPayload, ItemsOnlyAtTheirPathsWithItemOrDefaultMode) {
  api::ConfigMapVolumeSource source;
  source.name = "app-config";
  source.default_mode = 0440;
  source.items = {{"app.properties", "conf/app/app.properties", 0600},
                  {"logo.png", "img/logo.png", std::nullopt}};
  const api::ConfigMap cm = app_config();
  Result<Payload> payload = config_map_payload(source, &cm);
  ASSERT_TRUE(payload.ok()) << payload.status().to_string();
  EXPECT_EQ(*payload, (Payload{{"conf/app/app.properties", {"color=blue\n", 0600}},
                               {"img/logo.png", {std::string("\x89PNG\0\x01", 6), 0440}}}));
}

TEST(ConfigMapPayload, MissingObjectIsNotFoundUnlessOptional) {
  api::ConfigMapVolumeSource source;
  source.name = "app-config";
  Result<Payload> missing = config_map_payload(source, nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status(), Status::not_found("configmap \"app-config\" not found"));
  source.optional = true;
  Result<Payload> optional = config_map_payload(source, nullptr);
  ASSERT_TRUE(optional.ok());
  EXPECT_TRUE(optional->empty());
}

TEST(ConfigMapPayload, MissingItemKeyIsNotFoundUnlessOptional) {
  api::ConfigMapVolumeSource source;
  source.name = "app-config";
  source.items = {{"nope", "nope.txt", std::nullopt}, {"log.level", "level", std::nullopt}};
  const api::ConfigMap cm = app_config();
  Result<Payload> missing = config_map_payload(source, &cm);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status(),
            Status::not_found("configmap references non-existent config key: nope"));
  source.optional = true;
  Result<Payload> optional = config_map_payload(source, &cm);
  ASSERT_TRUE(optional.ok());
  EXPECT_EQ(*optional, (Payload{{"level", {"debug", 0644}}}));
}

TEST(ConfigMapPayload, TraversingItemPathIsRefused) {
  api::ConfigMapVolumeSource source;
  source.name = "app-config";
  source.items = {{"log.level", "../../etc/cron.d/evil", std::nullopt}};
  const api::ConfigMap cm = app_config();
  Result<Payload> payload = config_map_payload(source, &cm);
  ASSERT_FALSE(payload.ok());
  EXPECT_EQ(payload.status().code(), StatusCode::kInvalidArgument);
  source.items = {{"log.level", "/etc/evil", std::nullopt}};
  EXPECT_EQ(config_map_payload(source, &cm).status().code(), StatusCode::kInvalidArgument);
}

TEST(ConfigMapPayload, ModeOutOfRangeIsRefused) {
  api::ConfigMapVolumeSource source;
  source.name = "app-config";
  source.default_mode = 01777;
  const api::ConfigMap cm = app_config();
  EXPECT_EQ(config_map_payload(source, &cm).status().message(),
            "invalid defaultMode 1023: must be between 0 and 0777 (octal)");
  source.default_mode = std::nullopt;
  source.items = {{"log.level", "l", -1}};
  EXPECT_EQ(config_map_payload(source, &cm).status().code(), StatusCode::kInvalidArgument);
}

TEST(SecretPayload, DecodedDataWithModesAndItems) {
  api::SecretVolumeSource source;
  source.secret_name = "db";
  source.default_mode = 0400;
  const api::Secret secret = credentials();
  Result<Payload> all = secret_payload(source, &secret);
  ASSERT_TRUE(all.ok()) << all.status().to_string();
  EXPECT_EQ(*all, (Payload{{"password", {"hunter2", 0400}},
                           {"tls.key", {std::string("\0\xff", 2), 0400}}}));
  source.items = {{"password", "db/password", 0440}};
  Result<Payload> items = secret_payload(source, &secret);
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(*items, (Payload{{"db/password", {"hunter2", 0440}}}));
}

TEST(SecretPayload, MissingSecretAndKeyMessagesAreTheKubelets) {
  api::SecretVolumeSource source;
  source.secret_name = "db";
  EXPECT_EQ(secret_payload(source, nullptr).status(), Status::not_found("secret \"db\" not found"));
  source.items = {{"user", "user", std::nullopt}};
  const api::Secret secret = credentials();
  EXPECT_EQ(secret_payload(source, &secret).status(),
            Status::not_found("secret references non-existent secret key: user"));
  source.optional = true;
  ASSERT_TRUE(secret_payload(source, nullptr).ok());
}

}  // namespace
}  // namespace herd::runtime::volume
