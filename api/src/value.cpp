#include "herd/api/value.hpp"

#include "herd/base/check.hpp"

namespace herd::api {

bool Value::as_bool() const {
  HERD_CHECK(is_bool()) << type_name();
  return std::get<bool>(data_);
}
int64_t Value::as_int() const {
  HERD_CHECK(is_int()) << type_name();
  return std::get<int64_t>(data_);
}
const Value::Number& Value::as_number() const {
  HERD_CHECK(is_number()) << type_name();
  return std::get<Number>(data_);
}
const std::string& Value::as_string() const {
  HERD_CHECK(is_string()) << type_name();
  return std::get<std::string>(data_);
}
const Value::Array& Value::as_array() const {
  HERD_CHECK(is_array()) << type_name();
  return std::get<Array>(data_);
}
Value::Array& Value::as_array() {
  HERD_CHECK(is_array()) << type_name();
  return std::get<Array>(data_);
}
const Value::Object& Value::as_object() const {
  HERD_CHECK(is_object()) << type_name();
  return std::get<Object>(data_);
}
Value::Object& Value::as_object() {
  HERD_CHECK(is_object()) << type_name();
  return std::get<Object>(data_);
}

std::string Value::scalar_text() const {
  switch (type()) {
    case Type::kNull: return "null";
    case Type::kBool: return as_bool() ? "true" : "false";
    case Type::kInt: return std::to_string(as_int());
    case Type::kNumber: return as_number().text;
    case Type::kString: return as_string();
    case Type::kArray:
    case Type::kObject: return "";
  }
  return "";
}

std::string_view Value::type_name() const {
  switch (type()) {
    case Type::kNull: return "null";
    case Type::kBool: return "boolean";
    case Type::kInt: return "integer";
    case Type::kNumber: return "number";
    case Type::kString: return "string";
    case Type::kArray: return "array";
    case Type::kObject: return "object";
  }
  return "?";
}

const Value::Member* Value::find_member(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const Member& m : as_object()) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

const Value* Value::find(std::string_view key) const {
  const Member* m = find_member(key);
  return m ? &m->value : nullptr;
}

Value* Value::find(std::string_view key) {
  if (!is_object()) return nullptr;
  for (Member& m : as_object()) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

Value& Value::set(std::string key, Value value) {
  if (is_null()) data_ = Object{};
  if (Value* existing = find(key)) {
    *existing = std::move(value);
    return *existing;
  }
  SourcePos key_pos = value.pos();
  Object& members = as_object();
  members.push_back(Member{std::move(key), std::move(value), key_pos});
  return members.back().value;
}

Value Value::take(std::string_view key) {
  if (!is_object()) return Value();
  Object& members = as_object();
  for (auto it = members.begin(); it != members.end(); ++it) {
    if (it->key == key) {
      Value out = std::move(it->value);
      members.erase(it);
      return out;
    }
  }
  return Value();
}

void Value::push_back(Value value) {
  if (is_null()) data_ = Array{};
  as_array().push_back(std::move(value));
}

}  // namespace herd::api
