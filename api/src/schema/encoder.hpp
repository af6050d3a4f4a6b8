#pragma once

// Internal: encodes a typed struct of the model into a Value tree, in schema
// table order, leaving out empty fields as Kubernetes' `omitempty` does
// (a set std::optional is always written, even when empty: `emptyDir: {}`).

#include "herd/api/int_or_string.hpp"
#include "herd/api/quantity.hpp"
#include "herd/api/schema.hpp"
#include "herd/api/value.hpp"
#include "herd/base/base64.hpp"

namespace herd::api::schema {

/// True when a plain (non-optional) field holds its zero value and is left out.
template <class T>
bool is_empty_value(const T& v) {
  if constexpr (IsOptional<T>::value) {
    return !v.has_value();
  } else if constexpr (IsVector<T>::value || IsStringMap<T>::value) {
    return v.empty();
  } else if constexpr (std::is_same_v<T, std::string>) {
    return v.empty();
  } else if constexpr (std::is_same_v<T, bool> || std::is_integral_v<T>) {
    return v == T{};
  } else if constexpr (std::is_same_v<T, IntOrString>) {
    return !v.is_string() && v.int_value() == 0;
  } else if constexpr (std::is_same_v<T, Quantity> || std::is_same_v<T, Bytes>) {
    return false;
  } else {
    return v == T{};
  }
}

template <class T>
Value encode(const T& v) {
  if constexpr (IsOptional<T>::value) {
    return v.has_value() ? encode(*v) : Value::null();
  } else if constexpr (IsVector<T>::value) {
    Value out = Value::array();
    for (const auto& item : v) out.push_back(encode(item));
    return out;
  } else if constexpr (IsStringMap<T>::value) {
    Value out = Value::object();
    for (const auto& [key, item] : v) out.set(key, encode(item));
    return out;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return Value::string(v);
  } else if constexpr (std::is_same_v<T, bool>) {
    return Value::boolean(v);
  } else if constexpr (std::is_integral_v<T>) {
    return Value::integer(v);
  } else if constexpr (std::is_same_v<T, IntOrString>) {
    return v.is_string() ? Value::string(v.string_value()) : Value::integer(v.int_value());
  } else if constexpr (std::is_same_v<T, Quantity>) {
    return Value::string(v.to_string());
  } else if constexpr (std::is_same_v<T, Bytes>) {
    return Value::string(base64_encode(v.data));
  } else {
    static_assert(HasSchema<T>, "no encoder for this field type");
    Value out = Value::object();
    for_each_field<T>([&](const auto& f) {
      const auto& member = v.*(f.member);
      if (!is_empty_value(member)) out.set(std::string(f.name), encode(member));
    });
    return out;
  }
}

}  // namespace herd::api::schema
