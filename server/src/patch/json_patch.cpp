#include "patch/json_patch.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "herd/api/codec.hpp"

namespace herd::server::patch {
namespace {

using api::Value;

// A JSON Pointer's reference tokens, unescaped.
using Tokens = std::vector<std::string>;
using TokenSpan = std::span<const std::string>;

Status invalid(std::string message) { return Status::invalid_argument(std::move(message)); }

// RFC 6901 section 3: "/" separates tokens; in a token ~1 is "/" and ~0 is
// "~". Each escape is decoded once, left to right, so "~01" is "~1", not "/".
Result<Tokens> parse_pointer(std::string_view text) {
  Tokens tokens;
  if (text.empty()) return tokens;
  if (text.front() != '/') return invalid("a JSON pointer must be empty or start with \"/\"");
  for (std::size_t start = 1;;) {
    std::size_t end = std::min(text.find('/', start), text.size());
    std::string token;
    for (std::size_t i = start; i < end; ++i) {
      if (text[i] != '~') {
        token += text[i];
      } else if (i + 1 < end && (text[i + 1] == '0' || text[i + 1] == '1')) {
        token += text[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        return invalid("bad escape in \"" + std::string(text.substr(start, end - start)) +
                       "\": \"~\" must be followed by 0 or 1");
      }
    }
    tokens.push_back(std::move(token));
    if (end == text.size()) return tokens;
    start = end + 1;
  }
}

// The position `token` names in an array of `size` elements. `size` itself
// (by "-" or by number) only when `may_append`: where "add" puts a value.
Result<std::size_t> array_index(const std::string& token, std::size_t size, bool may_append) {
  if (token == "-") {
    if (may_append) return size;
    return invalid("\"-\" names no element (it is the place after the last one)");
  }
  bool decimal = !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
    return c >= '0' && c <= '9';
  }) && (token.size() == 1 || token[0] != '0');
  std::size_t index = 0;
  if (!decimal ||
      std::from_chars(token.data(), token.data() + token.size(), index).ec != std::errc()) {
    return invalid("\"" + token + "\" is not an array index");
  }
  if (index > size || (index == size && !may_append)) {
    return invalid("index " + token + " is out of range (the array has " + std::to_string(size) +
                   " elements)");
  }
  return index;
}

// The value `tokens` names in `doc`.
Result<Value*> locate(Value& doc, TokenSpan tokens) {
  Value* at = &doc;
  for (const std::string& token : tokens) {
    if (at->is_array()) {
      HERD_ASSIGN_OR_RETURN(std::size_t i, array_index(token, at->as_array().size(), false));
      at = &at->as_array()[i];
    } else if (Value* member = at->find(token)) {
      at = member;
    } else {
      return invalid("path does not exist");
    }
  }
  return at;
}

// RFC 6902 4.1: the parent must exist; an object member is set (replaced if
// present), an array element inserted before the one at the index.
Status add(Value& doc, TokenSpan tokens, Value value) {
  if (tokens.empty()) {
    doc = std::move(value);
    return Status();
  }
  HERD_ASSIGN_OR_RETURN(Value * parent, locate(doc, tokens.first(tokens.size() - 1)));
  if (parent->is_object()) {
    parent->set(tokens.back(), std::move(value));
  } else if (parent->is_array()) {
    Value::Array& items = parent->as_array();
    HERD_ASSIGN_OR_RETURN(std::size_t i, array_index(tokens.back(), items.size(), true));
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(i), std::move(value));
  } else {
    return invalid("path does not exist (its parent is a " + std::string(parent->type_name()) +
                   ")");
  }
  return Status();
}

// RFC 6902 4.2; returns the value removed, for "move".
Result<Value> remove(Value& doc, TokenSpan tokens) {
  if (tokens.empty()) return invalid("the whole document cannot be removed");
  HERD_ASSIGN_OR_RETURN(Value * parent, locate(doc, tokens.first(tokens.size() - 1)));
  if (parent->is_array()) {
    Value::Array& items = parent->as_array();
    HERD_ASSIGN_OR_RETURN(std::size_t i, array_index(tokens.back(), items.size(), false));
    Value removed = std::move(items[i]);
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
    return removed;
  }
  if (parent->find(tokens.back()) == nullptr) return invalid("path does not exist");
  return parent->take(tokens.back());
}

bool is_numeric(const Value& v) { return v.is_int() || v.is_number(); }
double to_double(const Value& v) {
  return v.is_int() ? static_cast<double>(v.as_int()) : v.as_number().value;
}

// JSON's equality (RFC 6902 4.6): numbers by value, arrays element by
// element, objects by their sets of members.
bool json_equal(const Value& a, const Value& b) {
  if (is_numeric(a) && is_numeric(b)) {
    return a.is_int() && b.is_int() ? a.as_int() == b.as_int() : to_double(a) == to_double(b);
  }
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    return std::equal(a.as_array().begin(), a.as_array().end(), b.as_array().begin(),
                      b.as_array().end(), json_equal);
  }
  if (a.is_object()) {
    if (a.as_object().size() != b.as_object().size()) return false;
    return std::all_of(a.as_object().begin(), a.as_object().end(), [&](const Value::Member& m) {
      const Value* other = b.find(m.key);
      return other != nullptr && json_equal(m.value, *other);
    });
  }
  return a == b;
}

// A value for an error message, cut short when long.
std::string excerpt(const Value& v) {
  constexpr std::size_t kMax = 100;
  std::string text = api::to_json(v);
  return text.size() <= kMax ? text : text.substr(0, kMax) + "...";
}

// The member `name` of an operation, which must be there.
Result<const Value*> member(const Value& op, std::string_view name) {
  const Value* v = op.find(name);
  if (v == nullptr) return invalid("missing \"" + std::string(name) + "\"");
  return v;
}

// The pointer in the member `name` of `op` ("from").
Result<Tokens> pointer_member(const Value& op, std::string_view name) {
  HERD_ASSIGN_OR_RETURN(const Value* v, member(op, name));
  if (!v->is_string()) return invalid("\"" + std::string(name) + "\" must be a string");
  Result<Tokens> tokens = parse_pointer(v->as_string());
  if (!tokens.ok()) return tokens.status().with_context(std::string(name));
  return tokens;
}

Status move(Value& doc, const Value& op, const Tokens& path) {
  HERD_ASSIGN_OR_RETURN(Tokens from, pointer_member(op, "from"));
  // RFC 6902 4.4: a value cannot move into one of its own children.
  if (from.size() < path.size() && std::equal(from.begin(), from.end(), path.begin())) {
    return invalid("\"from\" is a parent of \"path\": a value cannot move into itself");
  }
  Result<Value> removed = remove(doc, from);
  if (!removed.ok()) return removed.status().with_context("from");
  return add(doc, path, std::move(removed).value());
}

Status copy(Value& doc, const Value& op, const Tokens& path) {
  HERD_ASSIGN_OR_RETURN(Tokens from, pointer_member(op, "from"));
  Result<Value*> source = locate(doc, from);
  if (!source.ok()) return source.status().with_context("from");
  return add(doc, path, **source);
}

Status test(Value& doc, const Value& op, const Tokens& path) {
  HERD_ASSIGN_OR_RETURN(const Value* want, member(op, "value"));
  HERD_ASSIGN_OR_RETURN(Value * found, locate(doc, path));
  if (json_equal(*found, *want)) return Status();
  return invalid("test failed: the value is " + excerpt(*found) + ", not " + excerpt(*want));
}

Status apply_operation(Value& doc, const std::string& name, const Value& op) {
  HERD_ASSIGN_OR_RETURN(Tokens path, parse_pointer(op.find("path")->as_string()));
  if (name == "add") {
    HERD_ASSIGN_OR_RETURN(const Value* value, member(op, "value"));
    return add(doc, path, *value);
  }
  if (name == "remove") return remove(doc, path).status();
  if (name == "replace") {
    HERD_ASSIGN_OR_RETURN(const Value* value, member(op, "value"));
    HERD_ASSIGN_OR_RETURN(Value * target, locate(doc, path));
    *target = *value;
    return Status();
  }
  if (name == "move") return move(doc, op, path);
  if (name == "copy") return copy(doc, op, path);
  if (name == "test") return test(doc, op, path);
  return invalid("unknown operation (want add, remove, replace, move, copy or test)");
}

}  // namespace

Result<api::Value> apply_json_patch(api::Value target, const api::Value& operations) {
  if (!operations.is_array()) {
    return invalid("a JSON patch must be an array of operations, not " +
                   std::string(operations.type_name()));
  }
  const Value::Array& ops = operations.as_array();
  for (std::size_t i = 0; i < ops.size(); ++i) {
    std::string context = "operation " + std::to_string(i);
    const Value& op = ops[i];
    if (!op.is_object()) {
      return invalid(context + ": must be an object, not " + std::string(op.type_name()));
    }
    const Value* name = op.find("op");
    const Value* path = op.find("path");
    if (name == nullptr || !name->is_string()) {
      return invalid(context + ": \"op\" must be a string");
    }
    if (path == nullptr || !path->is_string()) {
      return invalid(context + ": \"path\" must be a string");
    }
    context += " (" + name->as_string() + " " + path->as_string() + ")";
    HERD_RETURN_IF_ERROR(apply_operation(target, name->as_string(), op).with_context(context));
  }
  return target;
}

}  // namespace herd::server::patch
