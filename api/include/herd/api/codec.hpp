#pragma once

// Text <-> Value: YAML (yaml-cpp) and JSON (RapidJSON). Neither library's
// types appear here; they stay inside api/src/codec/.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/value.hpp"

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

/// Parses JSON when the first non-blank character is '{' or '[', else YAML.
ParsedText parse_manifest_text(std::string_view text);

/// Compact JSON (or indented by two spaces when `pretty`).
std::string to_json(const Value& value, bool pretty = false);

/// Block-style YAML; strings that would read back as another type are quoted.
std::string to_yaml(const Value& value);

/// The Value a plain (unquoted) YAML scalar stands for.
Value resolve_plain_scalar(const std::string& text);

}  // namespace herd::api
