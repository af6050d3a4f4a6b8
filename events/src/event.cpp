// The event envelope on the wire: one JSON object per event.
//
//   {"v":1,"id":"<uuid>","type":"PodScheduled","kind":"Pod","namespace":"default",
//    "name":"web-1","uid":"<uuid>","seq":3,"time":"2026-11-27T09:03:05.123456789Z",
//    "actor":"controller:scheduler","cause":"<event id>","data":{...}}
//
// Readers take every version up to kEnvelopeVersion; unknown members are
// ignored so that a later version may add some (docs/formats/event-envelope.md).

#include "herd/events/event.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <optional>
#include <random>

#include "herd/api/codec.hpp"

namespace herd::events {
namespace {

// encode_event keeps its per-thread buffer for the next event up to this
// capacity (events are a few KiB; a record may hold 16 MiB).
constexpr std::size_t kKeptBufferBytes = 1 << 20;

Status corrupt(std::string_view what) { return Status::corrupt("event envelope: " + std::string(what)); }

// The envelope's members as parse_json_object hands them over. Strings go
// straight into the Event, `data` is moved in, and what each member turned
// out to be is noted; finish() then checks the members in a fixed order, so
// that a bad envelope gets the same error whatever the order of its members.
class EnvelopeReader final : public api::JsonMemberVisitor {
 public:
  explicit EnvelopeReader(Event& e)
      : e_(e),
        members_{{{"v"}, {"id", &e.id}, {"type", &e.type}, {"kind", &e.kind}, {"namespace", &e.namespace_},
                  {"name", &e.name}, {"uid", &e.uid}, {"seq"}, {"time"}, {"actor", &e.actor}, {"cause", &e.cause}}} {}

  void string_member(std::string_view key, std::string_view value) override {
    if (key == "data") {
      e_.data = api::Value::string(std::string(value));
      return;
    }
    Member* m = find(key);
    if (m == nullptr) return;  // a member of a later version
    m->seen = Seen::kString;
    if (m->text != nullptr) m->text->assign(value);
    if (m == &members_[kTime]) time_ = parse_time(value);
  }

  void value_member(std::string_view key, api::Value value) override {
    if (key == "data") {
      e_.data = std::move(value);
      return;
    }
    Member* m = find(key);
    if (m == nullptr) return;
    m->seen = value.is_null() ? Seen::kNull : value.is_int() ? Seen::kInt : Seen::kOther;
    if (value.is_int()) m->integer = value.as_int();
  }

  Status finish() {
    HERD_ASSIGN_OR_RETURN(int64_t version, check_integer(kVersion));
    if (version < 1) return corrupt("version " + std::to_string(version));
    if (version > kEnvelopeVersion) {
      return Status::unimplemented("event envelope version " + std::to_string(version) +
                                   " is newer than this herd reads (" + std::to_string(kEnvelopeVersion) + ")");
    }
    e_.version = static_cast<int>(version);
    for (std::size_t i : {kId, kType, kKind, kNamespace, kName, kUid}) HERD_RETURN_IF_ERROR(check_string(i));
    HERD_ASSIGN_OR_RETURN(int64_t seq, check_integer(kSeq));
    if (seq < 0) return corrupt("negative seq");
    e_.seq = static_cast<uint64_t>(seq);
    HERD_RETURN_IF_ERROR(check_string(kTime));
    HERD_ASSIGN_OR_RETURN(e_.time_ns, std::move(*time_));
    HERD_RETURN_IF_ERROR(check_string(kActor));
    return check_string(kCause);
  }

 private:
  // members_ in the order encode_event writes them (and finish checks them).
  enum : std::size_t { kVersion, kId, kType, kKind, kNamespace, kName, kUid, kSeq, kTime, kActor, kCause, kCount };
  enum class Seen { kAbsent, kNull, kString, kInt, kOther };
  struct Member {
    std::string_view key;
    std::string* text = nullptr;  // where a string member's value goes
    Seen seen = Seen::kAbsent;
    int64_t integer = 0;
  };

  // Members come in the order encode_event writes them, so the search
  // starts after the last one found and almost always hits at once.
  Member* find(std::string_view key) {
    for (std::size_t n = 0; n < kCount; ++n) {
      Member& m = members_[next_];
      next_ = next_ + 1 == kCount ? 0 : next_ + 1;
      if (m.key == key) return &m;
    }
    return nullptr;
  }

  // A string member is there (its text already in the Event), or absent or
  // null where that is allowed (its field stays "").
  Status check_string(std::size_t i) {
    const Member& m = members_[i];
    bool required = i != kNamespace && i != kUid && i != kActor && i != kCause;
    if (m.seen == Seen::kAbsent || m.seen == Seen::kNull) {
      return required ? corrupt("missing \"" + std::string(m.key) + "\"") : Status();
    }
    if (m.seen != Seen::kString) return corrupt("\"" + std::string(m.key) + "\" is not a string");
    return Status();
  }

  Result<int64_t> check_integer(std::size_t i) {
    const Member& m = members_[i];
    if (m.seen != Seen::kInt) return corrupt("\"" + std::string(m.key) + "\" is not an integer");
    return m.integer;
  }

  Event& e_;
  std::array<Member, kCount> members_;
  std::size_t next_ = 0;
  std::optional<Result<int64_t>> time_;  // parsed as soon as it is seen
};

// Writes `value` (>= 0) as exactly `width` decimal digits.
void put_digits(char* out, int width, int64_t value) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

// "YYYY-MM-DDTHH:MM:SS.NNNNNNNNNZ"
using TimeText = std::array<char, 30>;

// format_time's text, written into `out` (encode_event writes it into the
// envelope without making a string of it).
void write_time(int64_t time_ns, TimeText& out) {
  int64_t secs = time_ns / 1'000'000'000;
  int64_t nanos = time_ns % 1'000'000'000;
  if (nanos < 0) {
    nanos += 1'000'000'000;
    secs -= 1;
  }
  // Digit by digit rather than with gmtime, strftime and snprintf, which
  // cost more than the rest of an envelope's members. Int64 nanoseconds
  // reach from 1677 to 2262, so the year always has four digits.
  std::chrono::sys_days day =
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(secs)));
  std::chrono::year_month_day date(day);
  int64_t second_of_day = secs - day.time_since_epoch().count() * 86'400;
  std::memcpy(out.data(), "YYYY-MM-DDTHH:MM:SS.NNNNNNNNNZ", out.size());
  put_digits(out.data(), 4, static_cast<int>(date.year()));
  put_digits(out.data() + 5, 2, static_cast<unsigned>(date.month()));
  put_digits(out.data() + 8, 2, static_cast<unsigned>(date.day()));
  put_digits(out.data() + 11, 2, second_of_day / 3600);
  put_digits(out.data() + 14, 2, second_of_day / 60 % 60);
  put_digits(out.data() + 17, 2, second_of_day % 60);
  put_digits(out.data() + 20, 9, nanos);
}

// "YYYY-MM-DDTHH:MM:SS" with every field in range, as format_time writes
// it: the Unix seconds, the same timegm gives, without sscanf. nullopt
// for anything else, which parse_time then reads as before.
std::optional<int64_t> parse_plain_seconds(std::string_view text) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (text.size() <= kShape.size()) return std::nullopt;  // at least a "Z" follows
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == 'd' ? !digit : text[i] != kShape[i]) return std::nullopt;
  }
  auto field = [&](std::size_t at, std::size_t width) {
    int v = 0;
    for (std::size_t i = at; i < at + width; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  std::chrono::year_month_day date{std::chrono::year(field(0, 4)), std::chrono::month(field(5, 2)),
                                   std::chrono::day(field(8, 2))};
  int hour = field(11, 2), min = field(14, 2), sec = field(17, 2);
  if (!date.ok() || hour > 23 || min > 59 || sec > 59) return std::nullopt;
  return std::chrono::sys_days(date).time_since_epoch().count() * 86'400 + hour * 3600 + min * 60 + sec;
}

}  // namespace

std::string object_key(std::string_view kind, std::string_view namespace_, std::string_view name) {
  std::string key;
  key.reserve(kind.size() + namespace_.size() + name.size() + 2);
  key.append(kind).append("/").append(namespace_).append("/").append(name);
  return key;
}

std::string Event::object_key() const { return events::object_key(kind, namespace_, name); }

// The members are written straight into one per-thread JsonWriter, the
// keys as pre-escaped constants and `data` after them without a copy. The
// bytes are those api::to_json gives for the envelope as a Value document
// (event_test checks), which is how it was written before. The text is
// then copied once at its exact size: cheaper than growing a new string two
// or three times per event, and no record holds spare capacity.
std::string encode_event(const Event& e) {
  thread_local api::JsonWriter out;
  out.clear();
  auto string_member = [](std::string_view key, std::string_view value) {
    out.raw(key);
    out.string(value);
  };
  out.raw("{\"v\":");
  out.integer(e.version);
  string_member(",\"id\":", e.id);
  string_member(",\"type\":", e.type);
  string_member(",\"kind\":", e.kind);
  string_member(",\"namespace\":", e.namespace_);
  string_member(",\"name\":", e.name);
  string_member(",\"uid\":", e.uid);
  out.raw(",\"seq\":");
  out.integer(static_cast<int64_t>(e.seq));  // as the Value document had it
  TimeText time;
  write_time(e.time_ns, time);
  out.raw(",\"time\":\"");
  out.raw(std::string_view(time.data(), time.size()));  // digits and ASCII: nothing to escape
  out.raw("\"");
  string_member(",\"actor\":", e.actor);
  string_member(",\"cause\":", e.cause);
  out.raw(",\"data\":");
  out.value(e.data);
  out.raw("}");
  std::string encoded(out.text());
  if (out.capacity() > kKeptBufferBytes) out = api::JsonWriter();
  return encoded;
}

// One pass over the text: the envelope's members go straight into the
// Event (EnvelopeReader); only `data` becomes a Value, without positions,
// which stored events never show.
Result<Event> decode_event(std::string_view json) {
  Event e;
  EnvelopeReader reader(e);
  Status parsed = api::parse_json_object(json, reader);
  if (!parsed.ok()) return corrupt(parsed.message());
  HERD_RETURN_IF_ERROR(reader.finish());
  return e;
}

std::string new_uuid() {
  thread_local std::mt19937_64 rng{std::random_device{}() ^ (uint64_t(std::random_device{}()) << 32)};
  uint64_t hi = rng(), lo = rng();
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // variant 1
  // "8-4-4-4-12" lowercase hex, written by hand: every event takes one, and
  // snprintf cost more than the rest of building a small event.
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(36, '-');
  for (int i = 0, at = 0; i < 32; ++i, ++at) {
    if (at == 8 || at == 13 || at == 18 || at == 23) ++at;  // the dashes
    uint64_t word = i < 16 ? hi : lo;
    out[at] = kHex[(word >> (60 - 4 * (i % 16))) & 0xF];
  }
  return out;
}

std::string format_time(int64_t time_ns) {
  TimeText out;
  write_time(time_ns, out);
  return std::string(out.data(), out.size());
}

Result<int64_t> parse_time(std::string_view text) {
  std::optional<int64_t> secs = parse_plain_seconds(text);
  if (!secs) {
    // Not digits in place or out of range: what sscanf and timegm make of it.
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
    secs = static_cast<int64_t>(timegm(&tm));
  }
  int64_t nanos = 0;
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest[0] == '.') {
    std::size_t digits = rest.find_first_not_of("0123456789", 1);
    if (digits == std::string_view::npos || digits == 1 || digits > 10) {
      return Status::corrupt("time \"" + std::string(text) + "\": bad fraction");
    }
    for (std::size_t i = 1; i < 10; ++i) nanos = nanos * 10 + (i < digits ? rest[i] - '0' : 0);
    rest = rest.substr(digits);
  }
  if (rest != "Z") return Status::corrupt("time \"" + std::string(text) + "\" is not UTC (Z)");
  return *secs * 1'000'000'000 + nanos;
}

}  // namespace herd::events
