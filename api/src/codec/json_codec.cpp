// JSON <-> Value with RapidJSON's SAX reader and writer. Numbers are read as
// their text so integers and exact decimals survive unchanged.

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

class JsonBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, JsonBuilder> {
 public:
  explicit JsonBuilder(const PositionStream& stream) : stream_(stream) {}

  bool Null() { return add(Value::null(), 4); }
  bool Bool(bool b) { return add(Value::boolean(b), b ? 4 : 5); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    std::string text(s, n);
    Value v = resolve_plain_scalar(text);
    if (!v.is_int() && !v.is_number()) v = Value::number(0, text);
    return add(std::move(v), n);
  }
  bool String(const char* s, rapidjson::SizeType n, bool) { return add(Value::string(std::string(s, n)), n + 2); }
  bool StartObject() { return open(Value::object()); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    std::string key(s, n);
    Value& top = stack_.back();
    if (top.find_member(key) != nullptr) {
      error_ = "duplicate key \"" + key + "\"";
      return false;
    }
    top.as_object().push_back(Value::Member{std::move(key), Value(), stream_.start_of(n + 2)});
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(Value::array()); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  Value take_root() { return std::move(root_); }
  const std::string& error() const { return error_; }

 private:
  bool open(Value v) {
    if (stack_.size() >= kMaxNestingDepth) {
      error_ = "nesting deeper than " + std::to_string(kMaxNestingDepth) + " levels";
      return false;
    }
    v.set_pos(stream_.start_of(1));
    stack_.push_back(std::move(v));
    return true;
  }
  bool close() {
    Value v = std::move(stack_.back());
    stack_.pop_back();
    return place(std::move(v));
  }
  bool add(Value v, std::size_t length) {
    v.set_pos(stream_.start_of(length));
    return place(std::move(v));
  }
  bool place(Value v) {
    if (++nodes_ > kMaxNodes) {
      error_ = "more than " + std::to_string(kMaxNodes) + " nodes";
      return false;
    }
    if (stack_.empty()) {
      root_ = std::move(v);
    } else if (stack_.back().is_array()) {
      stack_.back().push_back(std::move(v));
    } else {
      stack_.back().as_object().back().value = std::move(v);
    }
    return true;
  }

  const PositionStream& stream_;
  std::vector<Value> stack_;
  Value root_;
  std::string error_;
  std::size_t nodes_ = 0;
};

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

}  // namespace

ParsedText parse_json(std::string_view text) {
  ParsedText out;
  if (std::optional<SyntaxError> bad = find_invalid_utf8(text)) {
    out.error = std::move(bad);
    return out;
  }
  PositionStream stream(text);
  constexpr unsigned kFlags =
      rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseNumbersAsStringsFlag;
  while (!stream.at_end()) {
    JsonBuilder builder(stream);
    rapidjson::Reader reader;
    rapidjson::ParseResult result = reader.Parse<kFlags>(stream, builder);
    if (result.IsError()) {
      std::string message = builder.error().empty() ? rapidjson::GetParseError_En(result.Code()) : builder.error();
      out.error = SyntaxError{stream.pos(), message};
      break;
    }
    out.documents.push_back(builder.take_root());
  }
  return out;
}

std::string to_json(const Value& value, bool pretty) {
  rapidjson::StringBuffer buffer;
  if (pretty) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
    writer.SetIndent(' ', 2);
    write(writer, value);
  } else {
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    write(writer, value);
  }
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace herd::api
