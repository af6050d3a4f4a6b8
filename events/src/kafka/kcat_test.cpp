// What an independent client sees: kcat reads the event topics and finds
// object keys and JSON envelopes, and a Secret's data only as the sealed text
// the encryption layer produced. Integration test: kafka_test_support.hpp.

#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "events/testing/event_log_conformance.hpp"
#include "herd/api/codec.hpp"
#include "kafka/kafka_test_support.hpp"

namespace herd::events::kafka::testing {
namespace {

using events::testing::append_sync;
using events::testing::make_test_event;

// What EncryptingEventLog hands the backend in place of a Secret's data
// (docs/formats/event-envelope.md): {"sealed": "<sealed text>"}.
constexpr const char* kSealed =
    "herd-aes256gcm:1:k1:c2VhbGVkIG5vbmNlIGFuZCBjaXBoZXJ0ZXh0IGFuZCB0YWc=";

struct KcatRecord {
  std::string key;
  std::string value;
};

// Every record of `topic`, with kcat's '%k\t%s\n' format.
std::vector<KcatRecord> kcat_consume(const std::string& topic) {
  std::string out;
  std::string cmd = "kcat -b " + bootstrap() + " -C -t " + topic + " -e -q -f '%k\\t%s\\n'";
  EXPECT_EQ(run_command(cmd, &out), 0) << cmd;
  std::vector<KcatRecord> records;
  std::size_t at = 0;
  while (at < out.size()) {
    std::size_t nl = out.find('\n', at);
    std::string line = out.substr(at, nl - at);
    at = nl == std::string::npos ? out.size() : nl + 1;
    std::size_t tab = line.find('\t');
    EXPECT_NE(tab, std::string::npos) << line;
    if (tab != std::string::npos) records.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return records;
}

class KcatTest : public KafkaTest {};

TEST_F(KcatTest, SeesObjectKeysAndJsonEnvelopes) {
  auto log = open_test_log(test_options(prefix_));
  ASSERT_NE(log, nullptr);
  Event secret = make_test_event("Secret", "prod", "db-password", 1, 0);
  secret.data = api::Value::object();
  secret.data.set("sealed", api::Value::string(kSealed));
  std::vector<Event> events = {secret, make_test_event("Pod", "prod", "web-1", 1, 32),
                               make_test_event("Pod", "prod", "web-1", 2, 32),
                               make_test_event("Namespace", "", "prod", 1, 8)};
  auto stored = append_sync(*log, events);
  ASSERT_TRUE(stored.ok()) << stored.status().to_string();

  std::map<std::string, const Event*> by_id;
  for (const Event& e : events) by_id[e.id] = &e;
  std::size_t seen = 0;
  for (const std::string kind : {"Secret", "Pod", "Namespace"}) {
    SCOPED_TRACE(kind);
    for (const KcatRecord& r : kcat_consume(prefix_ + ".events." + kind)) {
      ++seen;
      api::ParsedText parsed = api::parse_json(r.value);
      ASSERT_FALSE(parsed.error.has_value()) << r.value;
      ASSERT_EQ(parsed.documents.size(), 1u);
      const api::Value& doc = parsed.documents[0];
      ASSERT_TRUE(doc.is_object()) << r.value;
      std::vector<std::string> members;
      for (const api::Value::Member& m : doc.as_object()) members.push_back(m.key);
      EXPECT_EQ(members,
                (std::vector<std::string>{"v", "id", "type", "kind", "namespace", "name", "uid",
                                          "seq", "time", "actor", "cause", "data"}));
      const api::Value* id = doc.find("id");
      ASSERT_TRUE(id != nullptr && id->is_string());
      auto it = by_id.find(id->as_string());
      ASSERT_NE(it, by_id.end()) << "kcat read an event never appended: " << r.value;
      const Event& e = *it->second;
      EXPECT_EQ(r.key, e.object_key());
      EXPECT_EQ(doc.find("v")->as_int(), 1);
      EXPECT_EQ(doc.find("type")->as_string(), e.type);
      EXPECT_EQ(doc.find("kind")->as_string(), kind);
      EXPECT_EQ(doc.find("namespace")->as_string(), e.namespace_);
      EXPECT_EQ(doc.find("name")->as_string(), e.name);
      EXPECT_EQ(doc.find("uid")->as_string(), e.uid);
      EXPECT_EQ(doc.find("seq")->as_int(), static_cast<int64_t>(e.seq));
      EXPECT_EQ(doc.find("time")->as_string(), format_time(e.time_ns));
      EXPECT_EQ(doc.find("actor")->as_string(), e.actor);
      EXPECT_EQ(doc.find("cause")->as_string(), e.cause);
      EXPECT_EQ(*doc.find("data"), e.data);
    }
  }
  EXPECT_EQ(seen, events.size());

  std::vector<KcatRecord> secrets = kcat_consume(prefix_ + ".events.Secret");
  ASSERT_EQ(secrets.size(), 1u);
  EXPECT_EQ(secrets[0].key, "Secret/prod/db-password");
  EXPECT_NE(secrets[0].value.find(std::string("\"data\":{\"sealed\":\"") + kSealed + "\"}"),
            std::string::npos)
      << "the sealed data is stored verbatim: " << secrets[0].value;
}

TEST_F(KcatTest, SeesOneTopicPerKindWithTheConfiguredPartitions) {
  auto log = open_test_log(test_options(prefix_));
  ASSERT_NE(log, nullptr);
  ASSERT_TRUE(append_sync(*log, {make_test_event("Deployment", "a", "d", 1, 8)}).ok());
  std::string out;
  std::string topic = prefix_ + ".events.Deployment";
  ASSERT_EQ(run_command("kcat -b " + bootstrap() + " -L -t " + topic, &out), 0);
  EXPECT_NE(out.find("topic \"" + topic + "\" with 3 partitions"), std::string::npos) << out;
}

}  // namespace
}  // namespace herd::events::kafka::testing
