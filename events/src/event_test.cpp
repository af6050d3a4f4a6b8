#include "herd/events/event.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <ctime>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "herd/api/codec.hpp"

namespace herd::events {
namespace {

// format_time as it was written before its fast path.
std::string reference_format_time(int64_t time_ns) {
  constexpr int64_t kSecond = 1'000'000'000;
  int64_t nanos = (time_ns % kSecond + kSecond) % kSecond;
  std::time_t t = static_cast<std::time_t>(time_ns / kSecond - (time_ns % kSecond < 0 ? 1 : 0));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[48];
  std::size_t n = std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(out + n, sizeof out - n, ".%09lldZ", static_cast<long long>(nanos));
  return out;
}

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

// encode_event and decode_event as they were written before the fast paths
// (reference_*): the envelope as a Value document through api::to_json, and
// api::parse_json with the members read from the document. The fast paths
// must give the same bytes, the same events and the same status codes.
std::string reference_encode(const Event& e) {
  api::Value doc = api::Value::object();
  doc.set("v", api::Value::integer(e.version));
  doc.set("id", api::Value::string(e.id));
  doc.set("type", api::Value::string(e.type));
  doc.set("kind", api::Value::string(e.kind));
  doc.set("namespace", api::Value::string(e.namespace_));
  doc.set("name", api::Value::string(e.name));
  doc.set("uid", api::Value::string(e.uid));
  doc.set("seq", api::Value::integer(static_cast<int64_t>(e.seq)));
  doc.set("time", api::Value::string(reference_format_time(e.time_ns)));
  doc.set("actor", api::Value::string(e.actor));
  doc.set("cause", api::Value::string(e.cause));
  doc.set("data", e.data);
  return api::to_json(doc);
}

Result<std::string> reference_string(const api::Value& doc, std::string_view key, bool required) {
  const api::Value* v = doc.find(key);
  if (v == nullptr || v->is_null()) {
    if (required) return Status::corrupt("missing");
    return std::string();
  }
  if (!v->is_string()) return Status::corrupt("not a string");
  return v->as_string();
}

Result<int64_t> reference_int(const api::Value& doc, std::string_view key) {
  const api::Value* v = doc.find(key);
  if (v == nullptr || !v->is_int()) return Status::corrupt("not an integer");
  return v->as_int();
}

Result<Event> reference_decode(std::string_view json) {
  api::ParsedText parsed = api::parse_json(json);
  if (parsed.error) return Status::corrupt(parsed.error->message);
  if (parsed.documents.size() != 1 || !parsed.documents[0].is_object()) return Status::corrupt("not one object");
  const api::Value& doc = parsed.documents[0];
  Event e;
  HERD_ASSIGN_OR_RETURN(int64_t version, reference_int(doc, "v"));
  if (version < 1) return Status::corrupt("version");
  if (version > kEnvelopeVersion) return Status::unimplemented("version");
  e.version = static_cast<int>(version);
  HERD_ASSIGN_OR_RETURN(e.id, reference_string(doc, "id", true));
  HERD_ASSIGN_OR_RETURN(e.type, reference_string(doc, "type", true));
  HERD_ASSIGN_OR_RETURN(e.kind, reference_string(doc, "kind", true));
  HERD_ASSIGN_OR_RETURN(e.namespace_, reference_string(doc, "namespace", false));
  HERD_ASSIGN_OR_RETURN(e.name, reference_string(doc, "name", true));
  HERD_ASSIGN_OR_RETURN(e.uid, reference_string(doc, "uid", false));
  HERD_ASSIGN_OR_RETURN(int64_t seq, reference_int(doc, "seq"));
  if (seq < 0) return Status::corrupt("negative seq");
  e.seq = static_cast<uint64_t>(seq);
  HERD_ASSIGN_OR_RETURN(std::string time, reference_string(doc, "time", true));
  HERD_ASSIGN_OR_RETURN(e.time_ns, parse_time(time));
  HERD_ASSIGN_OR_RETURN(e.actor, reference_string(doc, "actor", false));
  HERD_ASSIGN_OR_RETURN(e.cause, reference_string(doc, "cause", false));
  if (const api::Value* data = doc.find("data")) e.data = *data;
  return e;
}

StatusCode reference_decode_code(std::string_view json) { return reference_decode(json).status().code(); }

std::vector<Event> varied_events() {
  std::vector<Event> out;
  Event plain = sample();
  out.push_back(plain);

  Event awkward = sample();
  awkward.name = "n\u00e9me \xe2\x82\xac \xf0\x9f\x98\x80";
  awkward.actor = "user:\"quoted\" back\\slash /slash";
  static constexpr char kControls[] = "control \x01\x1f\x7f\t\n\r\b\f nul \0 end";
  awkward.cause = std::string(kControls, sizeof kControls - 1);
  awkward.namespace_ = "";
  awkward.uid = "";
  awkward.data = api::Value::object();
  std::string every_byte;
  for (int c = 1; c < 128; ++c) every_byte.push_back(static_cast<char>(c));
  awkward.data.set("ascii", api::Value::string(every_byte));
  awkward.data.set("k\u00e9y \"q\"\n", api::Value::string("v"));
  awkward.data.set("numbers", api::Value::array({api::Value::integer(0), api::Value::integer(-7),
                                                 api::Value::integer(INT64_MAX), api::Value::integer(INT64_MIN),
                                                 api::Value::number(1.5, "1.50"), api::Value::number(1e3, "1e3"),
                                                 api::Value::number(-2.5e-3, "-2.5E-3")}));
  awkward.data.set("nested", api::Value::array({api::Value::array(), api::Value::object(),
                                                api::Value::array({api::Value::object()}), api::Value::null(),
                                                api::Value::boolean(true), api::Value::boolean(false)}));
  api::Value deep = api::Value::string("bottom");
  for (int i = 0; i < 20; ++i) {
    api::Value wrap = api::Value::object();
    wrap.set("level" + std::to_string(i), std::move(deep));
    deep = api::Value::array({std::move(wrap)});
  }
  awkward.data.set("deep", std::move(deep));
  out.push_back(awkward);

  Event big = sample();
  big.seq = uint64_t{1} << 40;
  big.data.set("pad", api::Value::string(std::string(5000, 'x') + "\"" + std::string(3, '\\')));
  out.push_back(big);

  for (int64_t time_ns : {int64_t{0}, int64_t{-1}, int64_t{-1'000'000'000}, int64_t{951'782'400'000'000'001},
                          int64_t{4'102'444'799'999'999'999}, int64_t{-9'000'000'000'000'000'000}}) {
    Event t = sample();
    t.time_ns = time_ns;
    out.push_back(t);
  }
  Event null_data = sample();
  null_data.data = api::Value();
  out.push_back(null_data);
  Event string_data = sample();
  string_data.data = api::Value::string("data as a string");
  out.push_back(string_data);
  return out;
}

TEST(EventEnvelope, EncodesTheBytesTheValueDocumentGave) {
  for (const Event& e : varied_events()) {
    std::string json = encode_event(e);
    EXPECT_EQ(json, reference_encode(e));
    Result<Event> decoded = decode_event(json);
    ASSERT_TRUE(decoded.ok()) << decoded.status().to_string() << "\n" << json;
    EXPECT_EQ(*decoded, e) << json;
    EXPECT_EQ(*decoded, reference_decode(json).value()) << json;
  }
}

TEST(EventEnvelope, MembersInAnyOrderDecodeTheSame) {
  Event e = varied_events()[1];
  api::ParsedText parsed = api::parse_json(encode_event(e));
  api::Value::Object members = parsed.documents.at(0).as_object();
  std::reverse(members.begin(), members.end());
  Result<Event> decoded = decode_event(api::to_json(api::Value::object(members)));
  ASSERT_TRUE(decoded.ok()) << decoded.status().to_string();
  EXPECT_EQ(*decoded, e);
}

// Each envelope is broken in one way; both paths must refuse it with the
// same code (kCorrupt, or kUnimplemented for a newer version).
TEST(EventEnvelope, RefusesWhatTheValueDocumentPathRefused) {
  std::string good = encode_event(sample());
  auto replaced = [&](std::string_view from, std::string_view to) {
    std::string json = good;
    std::size_t at = json.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return json.replace(at, from.size(), to);
  };
  std::vector<std::string> broken = {
      "", "  ", "not json", "[]", "\"text\"", "{}", good + good, good + "x", std::string(good).insert(good.size(), 1, '\0'),
      good.substr(0, good.size() - 1), replaced("\"v\":1", "\"v\":9"), replaced("\"v\":1", "\"v\":0"),
      replaced("\"v\":1", "\"v\":\"1\""), replaced("\"v\":1", "\"v\":1.0"), replaced("\"v\":1,", ""),
      replaced("\"id\":", "\"ID\":"), replaced("\"type\":\"PodScheduled\"", "\"type\":null"),
      replaced("\"kind\":\"Pod\"", "\"kind\":3"), replaced("\"namespace\":\"default\"", "\"namespace\":[]"), replaced("\"name\":\"web-1\",", ""),
      replaced("\"uid\":", "\"uid\":1,\"x\":"), replaced("\"seq\":3", "\"seq\":-3"),
      replaced("\"seq\":3", "\"seq\":\"3\""), replaced("\"seq\":3", "\"seq\":99999999999999999999"),
      replaced(".123456789Z", ".123456789+01:00"), replaced(".123456789Z", ".1234567891Z"),
      replaced("2026-11-27T", "2026-11-27 "), replaced("\"actor\":", "\"actor\":{},\"y\":"),
      replaced("\"cause\":\"req-17\"", "\"cause\":false"), replaced("\"id\":", "\"v\":1,\"id\":"),
      replaced("\"nodeName\"", "\"nodeName\":1,\"nodeName\""), replaced("{\"v\"", "{\"added\":\"\xff\",\"v\""),
      replaced("\"data\":", "\"v\":9,\"id\":7,\"data\":"), replaced("\"v\":1", "\"v\":9,\"kind\":[]")};
  for (const std::string& json : broken) {
    Result<Event> decoded = decode_event(json);
    StatusCode want = reference_decode_code(json);
    EXPECT_FALSE(decoded.ok()) << json;
    EXPECT_EQ(decoded.status().code(), want) << json << "\n" << decoded.status().to_string();
  }
  // Null where a member may be absent, members of a later version, and
  // times that timegm carries over are fine, as they were.
  for (const std::string& json :
       {replaced("\"uid\":\"", "\"later\":{\"a\":[1]},\"uid\":\"x"), replaced("\"actor\":\"controller:scheduler\"", "\"actor\":null"),
        replaced("\"namespace\":\"default\"", "\"namespace\":null"), replaced("\"uid\":", "\"uid\":null,\"x\":"),
        replaced("2026-11-27T", "2026-13-27T")}) {
    Result<Event> decoded = decode_event(json);
    EXPECT_TRUE(decoded.ok()) << json << "\n" << decoded.status().to_string();
    EXPECT_EQ(reference_decode_code(json), StatusCode::kOk) << json;
  }
}

TEST(EventEnvelope, ErrorsNameTheMember) {
  std::string good = encode_event(sample());
  std::string json = good;
  json.replace(json.find("\"kind\":\"Pod\""), 12, "\"kind\":3");
  EXPECT_EQ(decode_event(json).status().message(), "event envelope: \"kind\" is not a string");
  json = good;
  json.replace(json.find("\"name\":"), 7, "\"nome\":");
  EXPECT_EQ(decode_event(json).status().message(), "event envelope: missing \"name\"");
  EXPECT_EQ(decode_event("[1]").status().message(), "event envelope: line 1, column 2: not a JSON object");
}

TEST(EventTime, FormatsAndParsesAsStrftimeAndTimegmDo) {
  std::mt19937_64 rng(7);
  std::vector<int64_t> times = {0, -1, 1, 999'999'999, -999'999'999, 951'782'400'000'000'000, 4'102'444'800'000'000'000,
                                INT64_MAX, INT64_MIN, INT64_MIN + 1'000'000'000};
  for (int i = 0; i < 20000; ++i) times.push_back(static_cast<int64_t>(rng()) / 2);
  for (int64_t t : times) {
    std::string text = format_time(t);
    ASSERT_EQ(text, reference_format_time(t)) << t;
    Result<int64_t> back = parse_time(text);
    if (text.size() == 30) {
      ASSERT_TRUE(back.ok()) << text;
      EXPECT_EQ(*back, t) << text;
    }
  }
  // Fields out of range go to timegm as before, which carries them over.
  EXPECT_EQ(parse_time("2026-11-31T00:00:00Z").value(), parse_time("2026-12-01T00:00:00Z").value());
  EXPECT_EQ(parse_time("2026-11-27T23:59:60Z").value(), parse_time("2026-11-28T00:00:00Z").value());
  EXPECT_EQ(parse_time("2024-02-29T12:00:00.000000001Z").value(), 1'709'208'000'000'000'001);
  EXPECT_FALSE(parse_time("2026-11-27T09:03:05").ok());
  EXPECT_FALSE(parse_time("2026-11-27T09:03:05.Z").ok());
  EXPECT_FALSE(parse_time("2026-11-27T09:03:05.1234567890Z").ok());
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
    for (std::size_t at = 0; at < u.size(); ++at) {
      bool dash = at == 8 || at == 13 || at == 18 || at == 23;
      EXPECT_TRUE(dash ? u[at] == '-' : std::string_view("0123456789abcdef").find(u[at]) != std::string::npos) << u;
    }
    EXPECT_EQ(u[14], '4');
    EXPECT_NE(std::string("89ab").find(u[19]), std::string::npos);
    EXPECT_TRUE(seen.insert(u).second);
  }
}

}  // namespace
}  // namespace herd::events
