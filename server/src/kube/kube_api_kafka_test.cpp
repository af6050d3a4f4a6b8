// The Kubernetes API over Apache Kafka (integration): scripts/test starts a
// broker and exports HERD_KAFKA_BOOTSTRAP; without it the test FAILS, never
// skips. Writes, a watch that sees each change once, and a restart after
// which the old resourceVersions are too old and the state is all there.

#include <gtest/gtest.h>

#include "herd/events/log_factory.hpp"
#include "kafka/kafka_test_support.hpp"
#include "kube/kube_api_testing.hpp"

namespace herd::server {
namespace {

using namespace kube_testing;
namespace kt = events::kafka::testing;

class KubeApiKafkaTest : public KubeApiHarness {
 protected:
  void SetUp() override {
    ASSERT_FALSE(kt::bootstrap().empty()) << kt::missing_broker_message();
    prefix_ = kt::unique_prefix();
    open_log();
    start_api(*log_);
  }

  void TearDown() override {
    stop_all();
    log_.reset();
    kt::delete_test_topics(prefix_);
  }

  void open_log() {
    std::string uri = "kafka://" + kt::bootstrap() + "?topic-prefix=" + prefix_;
    Result<std::unique_ptr<events::EventLog>> log = events::open_event_log(uri, kt::test_options(prefix_));
    ASSERT_TRUE(log.ok()) << log.status().to_string();
    log_ = std::move(*log);
  }

  std::string prefix_;
  std::unique_ptr<events::EventLog> log_;
};

TEST_F(KubeApiKafkaTest, WritesWatchesAndARestart) {
  std::string rv = field(json(call("GET", kConfigMaps).body), {"metadata", "resourceVersion"});
  std::unique_ptr<HttpTestConnection> w = watch(std::string(kConfigMaps) + "?watch=1&resourceVersion=" + rv);
  HttpReply created = call("POST", kConfigMaps, config_map("a"));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string a_rv = field(json(created.body), {"metadata", "resourceVersion"});
  std::string update = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":")" + a_rv +
                       R"("},"data":{"mode":"prod"}})";
  ASSERT_EQ(call("PUT", std::string(kConfigMaps) + "/a", update).status, 200);
  EXPECT_EQ(call("PUT", std::string(kConfigMaps) + "/a", update).status, 409);
  ASSERT_EQ(call("POST", kConfigMaps, config_map("b")).status, 201);
  ASSERT_EQ(call("DELETE", std::string(kConfigMaps) + "/b").status, 200);
  EXPECT_EQ(events(*w, 4), (std::vector<std::string>{"ADDED a", "MODIFIED a", "ADDED b", "DELETED b"}));
  w.reset();

  std::string before_restart = field(json(call("GET", kConfigMaps).body), {"metadata", "resourceVersion"});
  stop_all();
  log_.reset();
  open_log();
  start_api(*log_);
  api::Value list = json(call("GET", kConfigMaps).body);
  ASSERT_EQ(list.find("items")->as_array().size(), 1u);
  EXPECT_EQ(field(list.find("items")->as_array()[0], {"data", "mode"}), "prod");
  EXPECT_GT(std::stoull(field(list, {"metadata", "resourceVersion"})), std::stoull(before_restart));
  std::unique_ptr<HttpTestConnection> old = watch(std::string(kConfigMaps) + "?watch=1&resourceVersion=" + before_restart);
  Result<std::string> chunk = old->read_chunk();
  ASSERT_TRUE(chunk.ok());
  EXPECT_NE(chunk->find(R"("code":410)"), std::string::npos) << *chunk;
}

}  // namespace
}  // namespace herd::server
