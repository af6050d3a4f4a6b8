#pragma once

// Text <-> Value: YAML (yaml-cpp) and JSON (RapidJSON). Neither library's
// types appear here; they stay inside api/src/codec/.

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/value.hpp"
#include "herd/base/result.hpp"

namespace herd::api {

/// A syntax error in a YAML or JSON text, with where it was found.
struct SyntaxError {
  SourcePos pos;
  std::string message;
};

/// The documents of a text, in order. When the text has a syntax error,
/// `error` says where and `documents` holds those complete before it.
struct ParsedText {
  std::vector<Value> documents;
  std::optional<SyntaxError> error;
};

/// Limits that keep hostile input from exhausting memory or stack.
inline constexpr int kMaxNestingDepth = 100;
inline constexpr std::size_t kMaxNodes = 1'000'000;

/// Parses a YAML stream of any number of documents (`---`, `...`). The text
/// must be valid UTF-8 (else an error at the first bad byte). Plain
/// scalars are typed as YAML 1.2's core schema does (null, true/false,
/// integers, floats, else strings); quoted and block scalars are strings.
/// Anchors, aliases and `<<` merge keys are resolved. Duplicate keys,
/// non-scalar keys, nesting deeper than kMaxNestingDepth and more than
/// kMaxNodes nodes are errors. Never throws.
ParsedText parse_yaml(std::string_view text);

/// Parses one JSON value, or several concatenated ones, of valid UTF-8.
/// Never throws.
ParsedText parse_json(std::string_view text);

/// Parses a text holding exactly one JSON value (blanks around it allowed),
/// of valid UTF-8, without recording where each node was: every pos() and
/// key_pos of the result is unknown. For text a program wrote, such as stored
/// events, where positions would never be shown; it is several times faster
/// than parse_json. Values, limits and messages are parse_json's, and a
/// second value after the first is an error too; raw bytes 0x1A-0x1F, never
/// valid JSON, are refused before parsing ("unescaped control character").
/// Returns kInvalidArgument ("line L, column C: <what>") for text that is not
/// one JSON value. Never throws.
Result<Value> parse_json_value(std::string_view text);

/// Receives the members of the object parse_json_object reads, one call per
/// member, in the order they are written. `key` and a string `value` point
/// into the parser's copy of the text and are valid only during the call.
class JsonMemberVisitor {
 public:
  virtual ~JsonMemberVisitor() = default;
  /// A member whose value is a JSON string (unescaped).
  virtual void string_member(std::string_view key, std::string_view value) = 0;
  /// Any other member; its value positionless, as parse_json_value builds it.
  virtual void value_member(std::string_view key, Value value) = 0;
};

/// Parses a text holding exactly one JSON object, as parse_json_value does,
/// but hands its members to `visitor` instead of building the object, and
/// string members without building a Value: a caller that keeps them in its
/// own fields (the event envelope) copies each once. Duplicate keys, limits
/// and errors are parse_json_value's; any other top-level value is an error
/// ("not a JSON object"). Members before an error have been visited.
/// Returns kInvalidArgument ("line L, column C: <what>"). Never throws.
Status parse_json_object(std::string_view text, JsonMemberVisitor& visitor);

/// Parses JSON when the first non-blank character is '{' or '[', else YAML.
ParsedText parse_manifest_text(std::string_view text);

/// Compact JSON (or indented by two spaces when `pretty`).
std::string to_json(const Value& value, bool pretty = false);

/// Compact JSON written piece by piece into a buffer that keeps its memory
/// from one text to the next, for a caller that writes many small documents
/// around Values of its own (the event envelope). value() writes the bytes
/// of to_json(value), byte for byte; string() quotes and escapes as to_json
/// does. Not thread-safe: one writer per thread.
class JsonWriter {
 public:
  /// Empties the text; the memory stays for the next one.
  void clear() { size_ = 0; }
  /// Appends `json` as it is: text the caller knows to be JSON already,
  /// such as a constant `,"key":`.
  void raw(std::string_view json) {
    char* p = room(json.size());
    std::memcpy(p, json.data(), json.size());
    size_ += json.size();
  }
  /// Appends `text` as a JSON string. It is written byte for byte apart from
  /// the escapes (not validated).
  void string(std::string_view text);
  void integer(int64_t i);
  void value(const Value& value);

  /// What was written since clear(); valid until the next call.
  std::string_view text() const { return {buffer_.data(), size_}; }
  /// The bytes the writer holds on to.
  std::size_t capacity() const { return buffer_.size(); }

 private:
  // Where `n` more bytes go: the buffer's whole size() is room to write, so
  // writing through the pointer needs no per-byte bounds check.
  char* room(std::size_t n) {
    if (buffer_.size() - size_ < n) return grow(n);
    return buffer_.data() + size_;
  }
  char* grow(std::size_t n);

  std::string buffer_;
  std::size_t size_ = 0;  // bytes written
};

/// Block-style YAML; strings that would read back as another type are quoted.
std::string to_yaml(const Value& value);

/// The Value a plain (unquoted) YAML scalar stands for.
Value resolve_plain_scalar(const std::string& text);

}  // namespace herd::api
