#pragma once

// Internal: decodes a Value tree into a typed struct of the model, driven by
// the HERD_SCHEMA tables. Records where each field was written and reports
// every problem (unknown fields, wrong types, bad scalars) without stopping.

#include <charconv>
#include <limits>
#include <string>
#include <unordered_map>

#include "herd/api/field_errors.hpp"
#include "herd/api/int_or_string.hpp"
#include "herd/api/quantity.hpp"
#include "herd/api/schema.hpp"
#include "herd/api/type_info.hpp"
#include "herd/api/value.hpp"
#include "herd/base/base64.hpp"
#include "schema/path_stack.hpp"
#include "schema/suggest.hpp"

namespace herd::api::schema {

/// Field path -> where it was written.
using PositionMap = std::unordered_map<std::string, SourcePos>;

class Decoder {
 public:
  /// `strict`: unknown fields are errors (else warnings). Problems go to
  /// `errors`, positions of decoded fields to `positions`; both outlive this.
  Decoder(bool strict, FieldErrors& errors, PositionMap& positions)
      : strict_(strict), errors_(errors), positions_(positions) {}

  /// Decodes a whole object of type T from `doc`.
  template <class T>
  void decode_root(const Value& doc, T& out) {
    root_type_ = &type_info_of<T>();
    root_doc_ = &doc;
    positions_[""] = doc.pos();
    decode(doc, out);
  }

  /// Decodes `v` into `out` at the current path (used for defaults too).
  template <class T>
  void decode(const Value& v, T& out);

 private:
  template <class T>
  void decode_struct(const Value& v, T& out);
  template <class T>
  bool decode_member(const Value::Member& m, T& out);
  void decode_string(const Value& v, std::string& out);
  void decode_bool(const Value& v, bool& out);
  void decode_int(const Value& v, int64_t min, int64_t max, int64_t& out);
  void decode_int_or_string(const Value& v, IntOrString& out);
  void decode_quantity(const Value& v, Quantity& out);
  void decode_bytes(const Value& v, Bytes& out);
  void unknown_field(const Value& object, std::size_t member_index);
  void wrong_type(const Value& v, std::string_view expected);
  void record(SourcePos pos) { positions_.emplace(path_.text(), pos); }

  bool strict_;
  FieldErrors& errors_;
  PositionMap& positions_;
  PathStack path_;
  const TypeInfo* root_type_ = nullptr;
  const Value* root_doc_ = nullptr;
};

template <class T>
void Decoder::decode(const Value& v, T& out) {
  if constexpr (IsOptional<T>::value) {
    if (v.is_null()) {
      out.reset();
      return;
    }
    out.emplace();
    decode(v, *out);
  } else if constexpr (IsVector<T>::value) {
    out.clear();
    if (v.is_null()) return;
    if (!v.is_array()) return wrong_type(v, "array");
    const Value::Array& items = v.as_array();
    out.resize(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      ScopedStep step(path_, PathStep::Type::kIndex, {}, i);
      record(items[i].pos());
      decode(items[i], out[i]);
    }
  } else if constexpr (IsStringMap<T>::value) {
    out.clear();
    if (v.is_null()) return;
    if (!v.is_object()) return wrong_type(v, "object");
    for (const Value::Member& m : v.as_object()) {
      ScopedStep step(path_, PathStep::Type::kKey, m.key);
      record(m.key_pos);
      decode(m.value, out[m.key]);
    }
  } else if constexpr (std::is_same_v<T, std::string>) {
    decode_string(v, out);
  } else if constexpr (std::is_same_v<T, bool>) {
    decode_bool(v, out);
  } else if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) {
    int64_t wide = out;
    decode_int(v, std::numeric_limits<T>::min(), std::numeric_limits<T>::max(), wide);
    out = static_cast<T>(wide);
  } else if constexpr (std::is_same_v<T, IntOrString>) {
    decode_int_or_string(v, out);
  } else if constexpr (std::is_same_v<T, Quantity>) {
    decode_quantity(v, out);
  } else if constexpr (std::is_same_v<T, Bytes>) {
    decode_bytes(v, out);
  } else {
    static_assert(HasSchema<T>, "no decoder for this field type");
    decode_struct(v, out);
  }
}

template <class T>
void Decoder::decode_struct(const Value& v, T& out) {
  if (v.is_null()) return;
  if (!v.is_object()) return wrong_type(v, "object");
  const Value::Object& members = v.as_object();
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (!decode_member(members[i], out)) unknown_field(v, i);
  }
}

template <class T>
bool Decoder::decode_member(const Value::Member& m, T& out) {
  return any_field<T>([&](const auto& f) {
    if (f.name != m.key) return false;
    ScopedStep step(path_, PathStep::Type::kField, f.name);
    record(m.key_pos);
    decode(m.value, out.*(f.member));
    return true;
  });
}

}  // namespace herd::api::schema
