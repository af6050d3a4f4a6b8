// The event envelope on the wire: one JSON object per event.
//
//   {"v":1,"id":"<uuid>","type":"PodScheduled","kind":"Pod","namespace":"default",
//    "name":"web-1","uid":"<uuid>","seq":3,"time":"2026-11-27T09:03:05.123456789Z",
//    "actor":"controller:scheduler","cause":"<event id>","data":{...}}
//
// Readers take every version up to kEnvelopeVersion; unknown members are
// ignored so that a later version may add some (docs/formats/event-envelope.md).

#include "herd/events/event.hpp"

#include <charconv>
#include <cstdio>
#include <ctime>
#include <random>

#include "herd/api/codec.hpp"

namespace herd::events {
namespace {

Status corrupt(std::string_view what) { return Status::corrupt("event envelope: " + std::string(what)); }

Result<std::string> string_member(const api::Value& doc, std::string_view key, bool required) {
  const api::Value* v = doc.find(key);
  if (v == nullptr || v->is_null()) {
    if (required) return corrupt("missing \"" + std::string(key) + "\"");
    return std::string();
  }
  if (!v->is_string()) return corrupt("\"" + std::string(key) + "\" is not a string");
  return v->as_string();
}

Result<int64_t> int_member(const api::Value& doc, std::string_view key) {
  const api::Value* v = doc.find(key);
  if (v == nullptr || !v->is_int()) return corrupt("\"" + std::string(key) + "\" is not an integer");
  return v->as_int();
}

}  // namespace

std::string object_key(std::string_view kind, std::string_view namespace_, std::string_view name) {
  std::string key;
  key.reserve(kind.size() + namespace_.size() + name.size() + 2);
  key.append(kind).append("/").append(namespace_).append("/").append(name);
  return key;
}

std::string Event::object_key() const { return events::object_key(kind, namespace_, name); }

std::string encode_event(const Event& e) {
  api::Value doc = api::Value::object();
  doc.set("v", api::Value::integer(e.version));
  doc.set("id", api::Value::string(e.id));
  doc.set("type", api::Value::string(e.type));
  doc.set("kind", api::Value::string(e.kind));
  doc.set("namespace", api::Value::string(e.namespace_));
  doc.set("name", api::Value::string(e.name));
  doc.set("uid", api::Value::string(e.uid));
  doc.set("seq", api::Value::integer(static_cast<int64_t>(e.seq)));
  doc.set("time", api::Value::string(format_time(e.time_ns)));
  doc.set("actor", api::Value::string(e.actor));
  doc.set("cause", api::Value::string(e.cause));
  doc.set("data", e.data);
  return api::to_json(doc);
}

Result<Event> decode_event(std::string_view json) {
  api::ParsedText parsed = api::parse_json(json);
  if (parsed.error) return corrupt(parsed.error->message);
  if (parsed.documents.size() != 1 || !parsed.documents[0].is_object()) return corrupt("not one JSON object");
  const api::Value& doc = parsed.documents[0];
  Event e;
  HERD_ASSIGN_OR_RETURN(int64_t version, int_member(doc, "v"));
  if (version < 1) return corrupt("version " + std::to_string(version));
  if (version > kEnvelopeVersion) {
    return Status::unimplemented("event envelope version " + std::to_string(version) +
                                 " is newer than this herd reads (" + std::to_string(kEnvelopeVersion) + ")");
  }
  e.version = static_cast<int>(version);
  HERD_ASSIGN_OR_RETURN(e.id, string_member(doc, "id", true));
  HERD_ASSIGN_OR_RETURN(e.type, string_member(doc, "type", true));
  HERD_ASSIGN_OR_RETURN(e.kind, string_member(doc, "kind", true));
  HERD_ASSIGN_OR_RETURN(e.namespace_, string_member(doc, "namespace", false));
  HERD_ASSIGN_OR_RETURN(e.name, string_member(doc, "name", true));
  HERD_ASSIGN_OR_RETURN(e.uid, string_member(doc, "uid", false));
  HERD_ASSIGN_OR_RETURN(int64_t seq, int_member(doc, "seq"));
  if (seq < 0) return corrupt("negative seq");
  e.seq = static_cast<uint64_t>(seq);
  HERD_ASSIGN_OR_RETURN(std::string time, string_member(doc, "time", true));
  HERD_ASSIGN_OR_RETURN(e.time_ns, parse_time(time));
  HERD_ASSIGN_OR_RETURN(e.actor, string_member(doc, "actor", false));
  HERD_ASSIGN_OR_RETURN(e.cause, string_member(doc, "cause", false));
  if (const api::Value* data = doc.find("data")) e.data = *data;
  return e;
}

std::string new_uuid() {
  thread_local std::mt19937_64 rng{std::random_device{}() ^ (uint64_t(std::random_device{}()) << 32)};
  uint64_t hi = rng(), lo = rng();
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // variant 1
  char out[37];
  std::snprintf(out, sizeof out, "%08x-%04x-%04x-%04x-%012llx", unsigned(hi >> 32), unsigned((hi >> 16) & 0xFFFF),
                unsigned(hi & 0xFFFF), unsigned(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  return out;
}

std::string format_time(int64_t time_ns) {
  int64_t secs = time_ns / 1'000'000'000;
  int64_t nanos = time_ns % 1'000'000'000;
  if (nanos < 0) {
    nanos += 1'000'000'000;
    secs -= 1;
  }
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[48];
  std::size_t n = std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(out + n, sizeof out - n, ".%09lldZ", static_cast<long long>(nanos));
  return out;
}

Result<int64_t> parse_time(std::string_view text) {
  std::tm tm{};
  int year, mon, day, hour, min, sec;
  if (text.size() < 20 || std::sscanf(std::string(text.substr(0, 19)).c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &year,
                                      &mon, &day, &hour, &min, &sec) != 6) {
    return Status::corrupt("time \"" + std::string(text) + "\" is not RFC 3339");
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = mon - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = min;
  tm.tm_sec = sec;
  int64_t nanos = 0;
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest[0] == '.') {
    std::size_t digits = rest.find_first_not_of("0123456789", 1);
    if (digits == std::string_view::npos || digits == 1 || digits > 10) {
      return Status::corrupt("time \"" + std::string(text) + "\": bad fraction");
    }
    std::string frac(rest.substr(1, digits - 1));
    frac.resize(9, '0');
    std::from_chars(frac.data(), frac.data() + 9, nanos);
    rest = rest.substr(digits);
  }
  if (rest != "Z") return Status::corrupt("time \"" + std::string(text) + "\" is not UTC (Z)");
  return static_cast<int64_t>(timegm(&tm)) * 1'000'000'000 + nanos;
}

}  // namespace herd::events
