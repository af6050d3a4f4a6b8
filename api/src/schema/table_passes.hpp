#pragma once

// Internal: the generic passes driven by the schema tables.
//   apply_table_defaults: fills empty fields that have a `.defaults(...)`.
//   validate_table: `.required()` fields present, `.one_of(...)` values allowed.
// Both walk the whole struct tree; per-kind rules (rules/) run after them.

#include "herd/api/field_errors.hpp"
#include "herd/api/schema.hpp"
#include "schema/decoder.hpp"
#include "schema/encoder.hpp"

namespace herd::api::schema {

/// The Value a default's text stands for, read as a plain YAML scalar would be.
Value default_value(std::string_view text);

template <class T>
void apply_table_defaults(T& v);

template <class T>
void apply_defaults_to_member(T& member) {
  if constexpr (IsOptional<T>::value) {
    if (member.has_value()) apply_defaults_to_member(*member);
  } else if constexpr (IsVector<T>::value) {
    for (auto& item : member) apply_defaults_to_member(item);
  } else if constexpr (IsStringMap<T>::value) {
    for (auto& [key, item] : member) apply_defaults_to_member(item);
  } else if constexpr (HasSchema<T>) {
    apply_table_defaults(member);
  }
}

template <class T>
void apply_table_defaults(T& v) {
  for_each_field<T>([&](const auto& f) {
    auto& member = v.*(f.member);
    if (!f.default_text.empty() && is_empty_value(member)) {
      FieldErrors ignored;  // table defaults are checked by a unit test to decode cleanly
      PositionMap no_positions;
      Decoder(true, ignored, no_positions).decode(default_value(f.default_text), member);
    }
    apply_defaults_to_member(member);
  });
}

template <class T>
void validate_table(const T& v, const FieldPath& path, FieldErrors& errors);

template <class T>
void validate_member(const T& member, const FieldPath& path, const Choices& allowed, FieldErrors& errors) {
  if constexpr (IsOptional<T>::value) {
    if (member.has_value()) validate_member(*member, path, allowed, errors);
  } else if constexpr (IsVector<T>::value) {
    for (std::size_t i = 0; i < member.size(); ++i) validate_member(member[i], path.index(i), allowed, errors);
  } else if constexpr (IsStringMap<T>::value) {
    for (const auto& [key, item] : member) validate_member(item, path.key(key), allowed, errors);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!allowed.empty() && !member.empty() && !allowed.contains(member)) {
      errors.not_supported(path, member, allowed);
    }
  } else if constexpr (HasSchema<T>) {
    validate_table(member, path, errors);
  }
}

template <class T>
void validate_table(const T& v, const FieldPath& path, FieldErrors& errors) {
  for_each_field<T>([&](const auto& f) {
    const auto& member = v.*(f.member);
    FieldPath child = path.child(f.name);
    if (f.is_required && is_empty_value(member)) {
      errors.required(child);
      return;
    }
    validate_member(member, child, f.allowed, errors);
  });
}

}  // namespace herd::api::schema
