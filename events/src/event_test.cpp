#include "herd/events/event.hpp"

#include <gtest/gtest.h>

#include <set>

#include "herd/api/codec.hpp"

namespace herd::events {
namespace {

Event sample() {
  Event e;
  e.id = new_uuid();
  e.type = "PodScheduled";
  e.kind = "Pod";
  e.namespace_ = "default";
  e.name = "web-1";
  e.uid = new_uuid();
  e.seq = 3;
  e.time_ns = 1'795'770'185'123'456'789;
  e.actor = "controller:scheduler";
  e.cause = "req-17";
  e.data = api::Value::object();
  e.data.set("nodeName", api::Value::string("node-1"));
  return e;
}

TEST(EventEnvelope, EncodesToOneJsonLineAndDecodesBackEqual) {
  Event e = sample();
  std::string json = encode_event(e);
  EXPECT_EQ(json.find('\n'), std::string::npos);
  EXPECT_EQ(json.rfind("{\"v\":1,\"id\":", 0), 0u) << json;
  EXPECT_EQ(decode_event(json).value(), e);
}

TEST(EventEnvelope, ObjectKeyIsKindNamespaceName) {
  EXPECT_EQ(sample().object_key(), "Pod/default/web-1");
  EXPECT_EQ(object_key("Namespace", "", "team-a"), "Namespace//team-a");
}

TEST(EventEnvelope, NewerVersionIsUnimplementedAndGarbageIsCorrupt) {
  std::string json = encode_event(sample());
  json.replace(json.find("\"v\":1"), 5, "\"v\":9");
  EXPECT_EQ(decode_event(json).status().code(), StatusCode::kUnimplemented);
  EXPECT_EQ(decode_event("{\"v\":1}").status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(decode_event("not json").status().code(), StatusCode::kCorrupt);
}

TEST(EventEnvelope, UnknownMembersOfALaterMinorChangeAreIgnored) {
  std::string json = encode_event(sample());
  json.insert(1, "\"addedLater\":true,");
  Result<Event> decoded = decode_event(json);
  ASSERT_TRUE(decoded.ok()) << decoded.status().to_string();
  EXPECT_EQ(decoded->type, "PodScheduled");
}

TEST(EventTime, FormatsWithNanosecondsAndParsesBack) {
  EXPECT_EQ(format_time(1'795'770'185'123'456'789), "2026-11-27T09:03:05.123456789Z");
  EXPECT_EQ(parse_time("2026-11-27T09:03:05.123456789Z").value(), 1'795'770'185'123'456'789);
  EXPECT_EQ(parse_time("2026-11-27T09:03:05Z").value(), 1'795'770'185'000'000'000);
  EXPECT_EQ(parse_time("2026-11-27T09:03:05.5Z").value(), 1'795'770'185'500'000'000);
  EXPECT_FALSE(parse_time("2026-11-27 09:03:05").ok());
  EXPECT_FALSE(parse_time("2026-11-27T09:03:05+01:00").ok());
}

TEST(Uuid, IsVersion4AndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string u = new_uuid();
    ASSERT_EQ(u.size(), 36u);
    EXPECT_EQ(u[14], '4');
    EXPECT_NE(std::string("89ab").find(u[19]), std::string::npos);
    EXPECT_TRUE(seen.insert(u).second);
  }
}

}  // namespace
}  // namespace herd::events
