// JSON <-> Value with RapidJSON's SAX reader and writer. Numbers are read as
// their text so integers and exact decimals survive unchanged.
//
// parse_json_value, parse_json_object and JsonWriter are the fast paths
// for stored events. The parsers record no positions and parse a copy of the
// text in place; parse_json_object builds no Value for the top-level object
// and its strings. JsonWriter writes with the escapes of RapidJSON's Writer
// (both writers give the same bytes, which codec_test checks) into a buffer
// it keeps, through a pointer, copying unescaped runs a word at a time.

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <iterator>

#if defined(__SSE2__)
#include <emmintrin.h>  // JsonWriter's 16-byte string copy
#endif

// SSE2, which every x86-64 has, lets the in-situ reader scan strings 16
// bytes at a time (a third of a stored event's parse). RapidJSON 1.1.0's
// SSE2 scans take 0x1A-0x1F for ordinary characters, though: the in-situ
// parse refuses those bytes up front (they are invalid anywhere in JSON),
// and the writers below are of a type the SSE2 writer scan is not
// specialised for. Only this file includes RapidJSON.
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "codec/utf8.hpp"
#include "herd/api/codec.hpp"

namespace herd::api {
namespace {

// A RapidJSON input stream over a string_view that tracks line and column.
class PositionStream {
 public:
  using Ch = char;
  explicit PositionStream(std::string_view text) : text_(text) {}
  Ch Peek() const { return i_ < text_.size() ? text_[i_] : '\0'; }
  Ch Take() {
    if (i_ >= text_.size()) return '\0';
    Ch c = text_[i_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    return c;
  }
  std::size_t Tell() const { return i_; }
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  std::size_t PutEnd(Ch*) { return 0; }

  SourcePos pos() const { return SourcePos{line_, column_}; }
  // Where a token of `length` characters that just ended began (same line).
  SourcePos start_of(std::size_t length) const {
    int col = column_ - static_cast<int>(length);
    return SourcePos{line_, col > 0 ? col : 1};
  }
  bool at_end() const { return text_.find_first_not_of(" \t\r\n", i_) == std::string_view::npos; }

 private:
  std::string_view text_;
  std::size_t i_ = 0;
  int line_ = 1;
  int column_ = 1;
};

// Builds the Value of one document. With a stream, every node gets the
// position it was read from; without one (parse_json_value), none.
//
// Finished values wait in one scratch stack (`items`) until their array or
// object ends; RapidJSON then says how many there were, and the container is
// built with exactly that size, so no array or object is ever regrown. The
// scratch may be reused from one document to the next (parse_json_value
// keeps one per thread).
class JsonBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, JsonBuilder> {
 public:
  // An open array or object: where its items begin in items, where it
  // began in the text, and whether it is the value of a key.
  struct Frame {
    std::size_t first;
    SourcePos pos;
    bool member_value;
  };
  struct Scratch {
    std::vector<Frame> frames;
    std::vector<Value::Member> items;      // keys empty for array items
    std::vector<std::string_view> keys;  // a MemberHandler's, of the top-level object
  };

  // `max_depth` is one less for the values of a MemberHandler's members.
  JsonBuilder(const PositionStream* stream, Scratch& scratch, std::size_t max_depth = kMaxNestingDepth)
      : stream_(stream), frames_(scratch.frames), items_(scratch.items), max_depth_(max_depth) {
    frames_.clear();
    items_.clear();
  }

  bool Null() { return add(Value::null(), 4); }
  bool Bool(bool b) { return add(Value::boolean(b), b ? 4 : 5); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    // Most numbers are integers: read them without the general typing
    // below, which gives the same Value for them.
    int64_t i = 0;
    auto [end, ec] = std::from_chars(s, s + n, i);
    if (ec == std::errc() && end == s + n) return add(Value::integer(i), n);
    std::string text(s, n);
    Value v = resolve_plain_scalar(text);
    if (!v.is_int() && !v.is_number()) v = Value::number(0, text);
    return add(std::move(v), n);
  }
  bool String(const char* s, rapidjson::SizeType n, bool) { return add(Value::string(std::string(s, n)), n + 2); }
  bool StartObject() { return open(); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    std::string_view key(s, n);
    for (std::size_t i = frames_.back().first; i < items_.size(); ++i) {
      if (items_[i].key == key) {
        error_ = "duplicate key \"" + std::string(key) + "\"";
        return false;
      }
    }
    items_.push_back(Value::Member{std::string(key), Value(), start_of(n + 2)});
    key_pending_ = true;
    return true;
  }
  bool EndObject(rapidjson::SizeType count) {
    auto first = std::make_move_iterator(items_.end() - count);
    return close(Value::object(Value::Object(first, std::make_move_iterator(items_.end()))));
  }
  bool StartArray() { return open(); }
  bool EndArray(rapidjson::SizeType count) {
    Value::Array array;
    array.reserve(count);
    for (auto it = items_.end() - count; it != items_.end(); ++it) array.push_back(std::move(it->value));
    return close(Value::array(std::move(array)));
  }

  Value take_root() { return std::move(root_); }
  const std::string& error() const { return error_; }

  // Counts one more node of the document against kMaxNodes.
  bool count_node() {
    if (++nodes_ > kMaxNodes) {
      error_ = "more than " + std::to_string(kMaxNodes) + " nodes";
      return false;
    }
    return true;
  }

 private:
  bool open() {
    if (frames_.size() >= max_depth_) {
      error_ = "nesting deeper than " + std::to_string(kMaxNestingDepth) + " levels";
      return false;
    }
    frames_.push_back(Frame{items_.size(), start_of(1), key_pending_});
    key_pending_ = false;
    return true;
  }
  bool close(Value&& container) {
    Frame frame = frames_.back();
    frames_.pop_back();
    items_.resize(frame.first);
    container.set_pos(frame.pos);
    key_pending_ = frame.member_value;
    return place(std::move(container));
  }
  bool add(Value&& v, std::size_t length) {
    v.set_pos(start_of(length));
    return place(std::move(v));
  }
  SourcePos start_of(std::size_t length) const { return stream_ ? stream_->start_of(length) : SourcePos{}; }
  bool place(Value&& v) {
    if (!count_node()) return false;
    if (frames_.empty()) {
      root_ = std::move(v);
    } else if (key_pending_) {
      items_.back().value = std::move(v);
      key_pending_ = false;
    } else {
      items_.push_back(Value::Member{std::string(), std::move(v), SourcePos{}});
    }
    return true;
  }

  const PositionStream* stream_;
  std::vector<Frame>& frames_;
  std::vector<Value::Member>& items_;
  std::size_t max_depth_;
  bool key_pending_ = false;  // items_.back() is a key waiting for its value
  Value root_;
  std::string error_;
  std::size_t nodes_ = 0;
};

// Hands the members of a top-level object to a JsonMemberVisitor: strings
// as they lie in the in-situ text, every other value as a JsonBuilder (with
// one level less to go) builds it. Keys and strings point into the parser's
// copy of the text, which lasts as long as the parse.
class MemberHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, MemberHandler> {
 public:
  MemberHandler(JsonMemberVisitor& visitor, JsonBuilder& values, std::vector<std::string_view>& keys)
      : visitor_(visitor), values_(values), keys_(keys) {
    keys_.clear();
  }

  bool Null() { return depth_ > 0 ? done(values_.Null()) : not_an_object(); }
  bool Bool(bool b) { return depth_ > 0 ? done(values_.Bool(b)) : not_an_object(); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
    return depth_ > 0 ? done(values_.RawNumber(s, n, copy)) : not_an_object();
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) {
    if (depth_ != 1) return depth_ > 0 ? values_.String(s, n, copy) : not_an_object();
    if (!values_.count_node()) return false;
    visitor_.string_member(key_, std::string_view(s, n));
    return true;
  }
  bool StartObject() { return depth_++ == 0 ? values_.count_node() : values_.StartObject(); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) {
    if (depth_ != 1) return values_.Key(s, n, copy);
    key_ = std::string_view(s, n);
    if (std::find(keys_.begin(), keys_.end(), key_) != keys_.end()) {
      error_ = "duplicate key \"" + std::string(key_) + "\"";
      return false;
    }
    keys_.push_back(key_);
    return true;
  }
  bool EndObject(rapidjson::SizeType count) {
    --depth_;
    return depth_ == 0 || done(values_.EndObject(count));  // 0: the top-level object ended
  }
  bool StartArray() { return depth_++ > 0 ? values_.StartArray() : not_an_object(); }
  bool EndArray(rapidjson::SizeType count) {
    --depth_;
    return done(values_.EndArray(count));
  }

  const std::string& error() const { return error_.empty() ? values_.error() : error_; }

 private:
  // After the builder took a token: if that completed a member's value, the
  // visitor gets it.
  bool done(bool ok) {
    if (ok && depth_ == 1) visitor_.value_member(key_, values_.take_root());
    return ok;
  }
  bool not_an_object() {
    error_ = "not a JSON object";
    return false;
  }

  JsonMemberVisitor& visitor_;
  JsonBuilder& values_;
  int depth_ = 0;  // 1 inside the top-level object
  std::string_view key_;
  std::vector<std::string_view>& keys_;  // of the top-level object, to refuse duplicates
  std::string error_;
};

// CrtAllocator under another name: a Writer with it is not
// Writer<StringBuffer>, for which RapidJSON specialises its SSE2 string scan
// (see RAPIDJSON_SSE2 above), so to_json escapes every control character.
struct WriterAllocator : rapidjson::CrtAllocator {};

template <class Writer>
void write(Writer& w, const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: w.Null(); break;
    case Value::Type::kBool: w.Bool(v.as_bool()); break;
    case Value::Type::kInt: w.Int64(v.as_int()); break;
    case Value::Type::kNumber: {
      const std::string& t = v.as_number().text;
      w.RawValue(t.data(), t.size(), rapidjson::kNumberType);
      break;
    }
    case Value::Type::kString: w.String(v.as_string().data(), v.as_string().size()); break;
    case Value::Type::kArray:
      w.StartArray();
      for (const Value& item : v.as_array()) write(w, item);
      w.EndArray();
      break;
    case Value::Type::kObject:
      w.StartObject();
      for (const Value::Member& m : v.as_object()) {
        w.Key(m.key.data(), m.key.size());
        write(w, m.value);
      }
      w.EndObject();
      break;
  }
}

// parse_json_value keeps a thread's copy of the text for the next call up
// to this size (stored events are a few KiB; the largest 16 MiB).
constexpr std::size_t kKeptBufferBytes = 1 << 20;

constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseNumbersAsStringsFlag;

// Where byte `offset` of valid UTF-8 `text` is, counting columns in characters.
SourcePos position_at(std::string_view text, std::size_t offset) {
  SourcePos pos{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++pos.column;  // not a continuation byte: a new character
    }
  }
  return pos;
}

Status syntax_error(const SyntaxError& e) {
  return Status::invalid_argument("line " + std::to_string(e.pos.line) + ", column " + std::to_string(e.pos.column) +
                                  ": " + e.message);
}

// RapidJSON's Writer escapes (writer.h): \b \t \n \f \r by name, the other
// control characters as \u00XX (upper-case hex), '"' and '\\' with a
// backslash; everything else, DEL and bytes >= 0x80 included, as it is.
constexpr char kNoEscape = 0;
constexpr std::array<char, 256> make_escapes() {
  std::array<char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 'u';
  t['\b'] = 'b';
  t['\t'] = 't';
  t['\n'] = 'n';
  t['\f'] = 'f';
  t['\r'] = 'r';
  t['"'] = '"';
  t['\\'] = '\\';
  return t;
}
constexpr std::array<char, 256> kEscapes = make_escapes();

// Whether any of the eight bytes of `word` needs an escape: one below 0x20,
// '"' or '\\' (the "has zero byte" and "has byte less than" tests of
// Bit Twiddling Hacks; exact for "any", which is all that is asked).
constexpr bool needs_escape(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  auto has_zero = [](uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  bool control = ((word - kOnes * 0x20) & ~word & kHigh) != 0;
  return control || has_zero(word ^ (kOnes * '"')) || has_zero(word ^ (kOnes * '\\'));
}

// The longest escape of one byte: "\u00XX".
constexpr std::size_t kMaxEscapedBytes = 6;

// Writes byte `c`, which needs an escape, as `escape` (from kEscapes)
// says; returns the end.
char* put_escape(char c, char escape, char* p) {
  p[0] = '\\';
  p[1] = escape;
  if (escape != 'u') return p + 2;
  static constexpr char kHex[] = "0123456789ABCDEF";
  unsigned char byte = static_cast<unsigned char>(c);
  p[2] = '0';
  p[3] = '0';
  p[4] = kHex[byte >> 4];
  p[5] = kHex[byte & 0xF];
  return p + 6;
}

// Writes byte `c` as a JSON string holds it; returns the end. Small enough
// to be inlined: the bytes of short strings go through it one by one.
inline char* put_string_byte(char c, char* p) {
  char escape = kEscapes[static_cast<unsigned char>(c)];
  if (escape != kNoEscape) return put_escape(c, escape, p);
  *p = c;
  return p + 1;
}

#if defined(__SSE2__)
// The 16 bytes at `at`, and whether any of them needs an escape: one up to
// 0x1F (unsigned), '"' or '\\'.
__m128i load16(const char* at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); }
bool needs_escape(__m128i bytes) {
  __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(0x1F)), bytes);
  __m128i quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'));
  __m128i backslash = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'));
  return _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) != 0;
}
#endif

// Writes `text` quoted and escaped at `p`, which has room for
// kMaxEscapedBytes per byte plus the quotes; returns the end. Runs that need
// no escape are copied 16 bytes (SSE2) or a word at a time.
char* put_string(std::string_view text, char* p) {
  *p++ = '"';
  const char* s = text.data();
  const char* end = s + text.size();
#if defined(__SSE2__)
  for (; end - s >= 16; s += 16) {
    __m128i bytes = load16(s);
    if (needs_escape(bytes)) {
      for (int i = 0; i < 16; ++i) p = put_string_byte(s[i], p);
    } else {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(p), bytes);
      p += 16;
    }
  }
  if (s != end && text.size() >= 16) {
    // The last 16 bytes, overlapping those written: when none needs an
    // escape, the overlap was written byte for byte just before `p`, so the
    // 16 can be written again over it.
    const char* last = end - 16;
    __m128i bytes = load16(last);
    if (!needs_escape(bytes)) {
      p -= s - last;
      _mm_storeu_si128(reinterpret_cast<__m128i*>(p), bytes);
      p += 16;
      s = end;
    }
  }
#endif
  for (; end - s >= 8; s += 8) {
    uint64_t word;
    std::memcpy(&word, s, 8);
    if (needs_escape(word)) {
      for (int i = 0; i < 8; ++i) p = put_string_byte(s[i], p);
    } else {
      std::memcpy(p, &word, 8);
      p += 8;
    }
  }
  for (; s < end; ++s) p = put_string_byte(*s, p);
  *p++ = '"';
  return p;
}

// The in-situ parse of parse_json_value and parse_json_object: RapidJSON
// unescapes strings in a copy of the text and hands them over where they
// lie, instead of copying them byte by byte into its own stack. The copy,
// the reader and the builder's scratch are kept per thread, so a parse
// allocates little beyond the Values themselves; a parse started from a
// visitor's callback (the thread's state busy) gets its own.
class InSitu {
 public:
  InSitu() : state_(thread_state().busy ? own_ : thread_state()) { state_.busy = true; }
  ~InSitu() {
    if (state_.buffer.capacity() > kKeptBufferBytes) std::string().swap(state_.buffer);
    state_.busy = false;
  }
  InSitu(const InSitu&) = delete;
  InSitu& operator=(const InSitu&) = delete;

  JsonBuilder::Scratch& scratch() { return state_.scratch; }

  // Parses exactly one JSON value (blanks around it allowed) with `handler`.
  template <class Handler>
  Status parse(std::string_view text, Handler& handler) {
    if (std::optional<SyntaxError> bad = find_invalid_json_bytes(text)) return syntax_error(*bad);
    state_.buffer.assign(text);  // and a NUL, which ends an in-situ stream
    rapidjson::InsituStringStream stream(state_.buffer.data());
    // Recursive, not iterative: the builders refuse to open more than
    // kMaxNestingDepth levels, which bounds the recursion, and RapidJSON's
    // recursive parser is the faster one.
    constexpr unsigned kFlags =
        rapidjson::kParseInsituFlag | rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseNumbersAsStringsFlag;
    rapidjson::ParseResult result = state_.reader.Parse<kFlags>(stream, handler);
    if (result.IsError()) {
      std::string message = handler.error().empty() ? rapidjson::GetParseError_En(result.Code()) : handler.error();
      return syntax_error(SyntaxError{position_at(text, result.Offset()), message});
    }
    // A NUL byte ends the stream early, so the rest is checked on the text.
    std::size_t rest = text.find_first_not_of(" \t\r\n", stream.Tell());
    if (rest != std::string_view::npos) {
      return syntax_error(SyntaxError{position_at(text, rest), "more text after the JSON value"});
    }
    return Status();
  }

 private:
  struct State {
    std::string buffer;
    rapidjson::Reader reader;
    JsonBuilder::Scratch scratch;
    bool busy = false;
  };
  static State& thread_state() {
    thread_local State state;
    return state;
  }

  State own_;
  State& state_;
};

}  // namespace

ParsedText parse_json(std::string_view text) {
  ParsedText out;
  if (std::optional<SyntaxError> bad = find_invalid_utf8(text)) {
    out.error = std::move(bad);
    return out;
  }
  PositionStream stream(text);
  JsonBuilder::Scratch scratch;
  while (!stream.at_end()) {
    JsonBuilder builder(&stream, scratch);
    rapidjson::Reader reader;
    rapidjson::ParseResult result = reader.Parse<kParseFlags>(stream, builder);
    if (result.IsError()) {
      std::string message = builder.error().empty() ? rapidjson::GetParseError_En(result.Code()) : builder.error();
      out.error = SyntaxError{stream.pos(), message};
      break;
    }
    out.documents.push_back(builder.take_root());
  }
  return out;
}

Result<Value> parse_json_value(std::string_view text) {
  InSitu in_situ;
  JsonBuilder builder(nullptr, in_situ.scratch());
  HERD_RETURN_IF_ERROR(in_situ.parse(text, builder));
  return builder.take_root();
}

Status parse_json_object(std::string_view text, JsonMemberVisitor& visitor) {
  InSitu in_situ;
  JsonBuilder values(nullptr, in_situ.scratch(), kMaxNestingDepth - 1);
  MemberHandler handler(visitor, values, in_situ.scratch().keys);
  return in_situ.parse(text, handler);
}

char* JsonWriter::grow(std::size_t n) {
  buffer_.resize(std::max(buffer_.size() * 2, size_ + n));
  return buffer_.data() + size_;
}

void JsonWriter::string(std::string_view text) {
  char* p = room(kMaxEscapedBytes * text.size() + 2);
  size_ = static_cast<std::size_t>(put_string(text, p) - buffer_.data());
}

void JsonWriter::integer(int64_t i) {
  char* p = room(20);  // INT64_MIN
  size_ = static_cast<std::size_t>(std::to_chars(p, p + 20, i).ptr - buffer_.data());
}

void JsonWriter::value(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: raw("null"); break;
    case Value::Type::kBool: raw(v.as_bool() ? "true" : "false"); break;
    case Value::Type::kInt: integer(v.as_int()); break;
    case Value::Type::kNumber: raw(v.as_number().text); break;
    case Value::Type::kString: string(v.as_string()); break;
    case Value::Type::kArray: {
      raw("[");
      bool first = true;
      for (const Value& item : v.as_array()) {
        if (!first) raw(",");
        first = false;
        value(item);
      }
      raw("]");
      break;
    }
    case Value::Type::kObject: {
      raw("{");
      bool first = true;
      for (const Value::Member& m : v.as_object()) {
        // The separator, the key and its colon in one reservation.
        char* p = room(kMaxEscapedBytes * m.key.size() + 4);
        if (!first) *p++ = ',';
        first = false;
        p = put_string(m.key, p);
        *p++ = ':';
        size_ = static_cast<std::size_t>(p - buffer_.data());
        value(m.value);
      }
      raw("}");
      break;
    }
  }
}

std::string to_json(const Value& value, bool pretty) {
  rapidjson::StringBuffer buffer;
  if (pretty) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, WriterAllocator> writer(buffer);
    writer.SetIndent(' ', 2);
    write(writer, value);
  } else {
    rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, WriterAllocator> writer(buffer);
    write(writer, value);
  }
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace herd::api
