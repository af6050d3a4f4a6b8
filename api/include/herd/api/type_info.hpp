#pragma once

#include <string_view>
#include <vector>

#include "herd/api/int_or_string.hpp"
#include "herd/api/quantity.hpp"
#include "herd/api/schema.hpp"

namespace herd::api {

/// What a field holds, for code that walks the model at run time (suggestions
/// for unknown fields, OpenAPI documents, table columns).
enum class ValueKind { kString, kBool, kInt32, kInt64, kIntOrString, kQuantity, kBytes, kObject };

struct TypeInfo;

/// A field of a TypeInfo: the run-time mirror of one schema table line.
struct FieldInfo {
  std::string_view name;
  ValueKind kind = ValueKind::kString;  ///< Of the element, for lists and maps.
  bool list = false;                    ///< A std::vector of `kind`.
  bool map = false;                     ///< A string-keyed map of `kind`.
  const TypeInfo* type = nullptr;       ///< The struct, when kind is kObject.
  bool required = false;
  std::string_view default_text;
  Choices allowed;
};

/// A struct of the model at run time. Built once per type, never freed.
struct TypeInfo {
  std::string_view name;
  std::vector<FieldInfo> fields;
  /// The field named `name`, or nullptr.
  const FieldInfo* find(std::string_view name) const {
    for (const FieldInfo& f : fields) {
      if (f.name == name) return &f;
    }
    return nullptr;
  }
};

template <class T>
const TypeInfo& type_info_of();

namespace internal {

template <class T>
constexpr ValueKind value_kind_of() {
  if constexpr (std::is_same_v<T, std::string>) return ValueKind::kString;
  else if constexpr (std::is_same_v<T, bool>) return ValueKind::kBool;
  else if constexpr (std::is_same_v<T, int32_t>) return ValueKind::kInt32;
  else if constexpr (std::is_same_v<T, int64_t>) return ValueKind::kInt64;
  else if constexpr (std::is_same_v<T, IntOrString>) return ValueKind::kIntOrString;
  else if constexpr (std::is_same_v<T, Quantity>) return ValueKind::kQuantity;
  else if constexpr (std::is_same_v<T, Bytes>) return ValueKind::kBytes;
  else {
    static_assert(HasSchema<T>, "field type has no HERD_SCHEMA table");
    return ValueKind::kObject;
  }
}

template <class T>
void describe_value(FieldInfo& info) {
  if constexpr (IsOptional<T>::value) {
    describe_value<typename T::value_type>(info);
  } else if constexpr (IsVector<T>::value) {
    info.list = true;
    describe_value<typename T::value_type>(info);
  } else if constexpr (IsStringMap<T>::value) {
    info.map = true;
    describe_value<typename T::mapped_type>(info);
  } else {
    info.kind = value_kind_of<T>();
    if constexpr (HasSchema<T>) info.type = &type_info_of<T>();
  }
}

}  // namespace internal

/// The run-time description of T's schema table.
template <class T>
const TypeInfo& type_info_of() {
  static const TypeInfo info = [] {
    TypeInfo t;
    t.name = Schema<T>::kName;
    for_each_field<T>([&](const auto& f) {
      FieldInfo fi;
      fi.name = f.name;
      fi.required = f.is_required;
      fi.default_text = f.default_text;
      fi.allowed = f.allowed;
      internal::describe_value<typename std::decay_t<decltype(f)>::ValueType>(fi);
      t.fields.push_back(fi);
    });
    return t;
  }();
  return info;
}

}  // namespace herd::api
