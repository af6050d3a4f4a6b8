#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace herd::api {

/// A 1-based line and column in a source text; line 0 means "not known"
/// (a value built by code rather than read from a file).
struct SourcePos {
  int line = 0;
  int column = 0;
  bool known() const { return line > 0; }
  bool operator==(const SourcePos&) const = default;
};

/// A document tree as YAML and JSON share it: null, bool, integer, number,
/// string, array, object (keys in their original order). Every node remembers
/// where it was read from, so errors found later can name a line and column.
///
/// The codecs (api/src/codec) convert text to and from Value; the typed model
/// is decoded from and encoded to Value (herd/api/codec.hpp). Plain value
/// type; copying copies the whole subtree.
class Value {
 public:
  enum class Type { kNull, kBool, kInt, kNumber, kString, kArray, kObject };
  struct Member;
  using Array = std::vector<Value>;
  using Object = std::vector<Member>;

  /// A non-integer number, or an integer too large for int64. `text` is the
  /// number as written, kept so that exact parsers (quantities) need not go
  /// through a double.
  struct Number {
    double value = 0;
    std::string text;
    bool operator==(const Number& o) const { return text == o.text; }
  };

  // Bodies of members that copy or destroy a Value follow Member's definition
  // below: until then Object's element type is incomplete.
  Value();
  static Value null();
  static Value boolean(bool b);
  static Value integer(int64_t i);
  static Value number(double d, std::string text);
  static Value string(std::string s);
  static Value array();  ///< Empty.
  static Value array(Array items);
  static Value object();  ///< Empty.
  static Value object(Object members);

  Type type() const { return static_cast<Type>(data_.index()); }
  bool is_null() const { return type() == Type::kNull; }
  bool is_bool() const { return type() == Type::kBool; }
  bool is_int() const { return type() == Type::kInt; }
  bool is_number() const { return type() == Type::kNumber; }
  bool is_string() const { return type() == Type::kString; }
  bool is_array() const { return type() == Type::kArray; }
  bool is_object() const { return type() == Type::kObject; }
  bool is_scalar() const { return !is_array() && !is_object(); }

  /// Accessors. Requires: the Value has that type (checked; a mismatch aborts).
  bool as_bool() const;
  int64_t as_int() const;
  const Number& as_number() const;
  const std::string& as_string() const;
  const Array& as_array() const;
  Array& as_array();
  const Object& as_object() const;
  Object& as_object();

  /// The scalar as YAML would print it ("true", "42", "1.5", the string
  /// itself, "null"); "" for arrays and objects.
  std::string scalar_text() const;

  /// "null", "boolean", "integer", "number", "string", "array" or "object".
  std::string_view type_name() const;

  /// Object member lookup; nullptr when absent or when this is not an object.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  /// The member entry itself (key and its position); nullptr when absent.
  const Member* find_member(std::string_view key) const;

  /// Sets `key` (replacing an existing member in place, else appending).
  /// Requires: is_object() or is_null() (a null becomes an empty object).
  Value& set(std::string key, Value value);
  /// Removes `key`; returns the removed value, or null when it was absent.
  Value take(std::string_view key);

  /// Appends to an array. Requires: is_array() or is_null().
  void push_back(Value value);

  SourcePos pos() const { return pos_; }
  void set_pos(SourcePos pos) { pos_ = pos; }

  /// Structural equality; positions are ignored.
  bool operator==(const Value& other) const;

 private:
  template <class T>
  explicit Value(std::in_place_type_t<T>, T v);

  std::variant<std::monostate, bool, int64_t, Number, std::string, Array, Object> data_;
  SourcePos pos_;
};

/// One key of an object, with where the key itself was written.
struct Value::Member {
  std::string key;
  Value value;
  SourcePos key_pos;
  bool operator==(const Member& o) const { return key == o.key && value == o.value; }
};

template <class T>
inline Value::Value(std::in_place_type_t<T>, T v) : data_(std::in_place_type<T>, std::move(v)) {}
inline Value::Value() = default;
inline Value Value::null() { return Value(); }
inline Value Value::boolean(bool b) { return Value(std::in_place_type<bool>, b); }
inline Value Value::integer(int64_t i) { return Value(std::in_place_type<int64_t>, i); }
inline Value Value::number(double d, std::string text) {
  return Value(std::in_place_type<Number>, Number{d, std::move(text)});
}
inline Value Value::string(std::string s) { return Value(std::in_place_type<std::string>, std::move(s)); }
inline Value Value::array() { return Value(std::in_place_type<Array>, Array{}); }
inline Value Value::object() { return Value(std::in_place_type<Object>, Object{}); }
inline Value Value::array(Array items) { return Value(std::in_place_type<Array>, std::move(items)); }
inline Value Value::object(Object members) { return Value(std::in_place_type<Object>, std::move(members)); }
inline bool Value::operator==(const Value& other) const { return data_ == other.data_; }

}  // namespace herd::api
