#include "crypto/encrypting_event_log.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "events/testing/in_memory_event_log.hpp"
#include "herd/api/manifest.hpp"
#include "herd/events/cluster_state.hpp"
#include "herd/events/event_types.hpp"

namespace herd::events {
namespace {

api::Object secret() {
  return api::decode_manifest("apiVersion: v1\nkind: Secret\nmetadata: {name: mariadb-secrets, namespace: default}\n"
                              "data: {root: cG9ydHVz}\n",
                              api::DecodeOptions{"s", true})
      .objects.at(0)
      .object;
}

class EncryptingEventLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/herd-enc-XXXXXX";
    dir_ = mkdtemp(dir);
    auto inner = std::make_unique<testing::InMemoryEventLog>();
    raw_ = inner.get();
    log_ = std::make_unique<EncryptingEventLog>(std::move(inner), SecretCipher::load_or_create(dir_ + "/k").value());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
  testing::InMemoryEventLog* raw_ = nullptr;
  std::unique_ptr<EncryptingEventLog> log_;
};

TEST_F(EncryptingEventLogTest, SecretDataNeverReachesTheBackendInPlainText) {
  ASSERT_TRUE(log_->append_and_wait({object_created(secret(), "u")}).ok());
  std::string stored = encode_event(raw_->raw().at(0).event);
  EXPECT_EQ(stored.find("cG9ydHVz"), std::string::npos) << stored;
  EXPECT_EQ(stored.find("portus"), std::string::npos);
  EXPECT_NE(stored.find("\"sealed\":\"herd-aes256gcm:1:"), std::string::npos);
  EXPECT_NE(stored.find("\"name\":\"mariadb-secrets\""), std::string::npos);  // the envelope stays readable

  ClusterState state;
  ASSERT_TRUE(replay(*log_, state).ok());
  EXPECT_EQ(std::get<api::Secret>(state.objects().begin()->second.object).data.at("root").data, "portus");
}

TEST_F(EncryptingEventLogTest, SnapshotsOfSecretsAreSealedToo) {
  ASSERT_TRUE(log_->append_and_wait({object_created(secret(), "u")}).ok());
  ClusterState state;
  Result<ReplayStats> stats = replay(*log_, state);
  ASSERT_TRUE(write_snapshot(*log_, state, stats->end).ok());
  std::optional<Snapshot> raw = raw_->latest_snapshot().value();
  EXPECT_EQ(raw->objects.at(0).find("cG9ydHVz"), std::string::npos);
  ClusterState again;
  ASSERT_TRUE(replay(*log_, again).ok());
  EXPECT_EQ(again.digest(), state.digest());
}

TEST_F(EncryptingEventLogTest, WithoutTheKeySecretsCannotBeReadBack) {
  ASSERT_TRUE(log_->append_and_wait({object_created(secret(), "u")}).ok());
  // The same stored events, opened with no key.
  auto copy = std::make_unique<testing::InMemoryEventLog>();
  for (const StoredEvent& s : raw_->raw()) ASSERT_TRUE(copy->append_and_wait({s.event}).ok());
  EncryptingEventLog no_key(std::move(copy), std::nullopt);
  Result<ReadResult> read = no_key.read(Cursor{}, ReadOptions{});
  EXPECT_EQ(read.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(read.status().message().find("no encryption key"), std::string::npos);
}

}  // namespace
}  // namespace herd::events
