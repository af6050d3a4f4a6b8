#pragma once

// The schema of the object model: one table per struct, one line per field.
//
//   HERD_SCHEMA(ServicePort,
//     field("name", &ServicePort::name),
//     field("protocol", &ServicePort::protocol).defaults("TCP").one_of(kProtocols),
//     field("port", &ServicePort::port).required());
//
// That one table drives decoding (unknown fields, "did you mean"), encoding,
// defaulting, the generic part of validation (required fields, enumerations)
// and, through herd/api/type_info.hpp, everything that needs the model at run
// time. Adding a field to the model is one line here plus the member.

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace herd::api {

/// The allowed values of an enumerated string field (a view of a static array).
struct Choices {
  const std::string_view* values = nullptr;
  std::size_t size = 0;
  bool empty() const { return size == 0; }
  bool contains(std::string_view v) const {
    for (std::size_t i = 0; i < size; ++i) {
      if (values[i] == v) return true;
    }
    return false;
  }
};

/// One field of a struct in the model: its wire name, the member it maps to,
/// and what the generic passes need to know about it.
template <class Owner, class T>
struct Field {
  using OwnerType = Owner;
  using ValueType = T;

  std::string_view name;
  T Owner::*member = nullptr;
  bool is_required = false;
  /// Text decoded into the field when it is missing, as if written as a
  /// plain YAML scalar ("10", "TCP", "25%"); empty = no table default.
  std::string_view default_text;
  Choices allowed;

  /// The field must be present and non-empty ("Required value").
  constexpr Field required() const {
    Field f = *this;
    f.is_required = true;
    return f;
  }
  constexpr Field defaults(std::string_view text) const {
    Field f = *this;
    f.default_text = text;
    return f;
  }
  template <std::size_t N>
  constexpr Field one_of(const std::array<std::string_view, N>& values) const {
    Field f = *this;
    f.allowed = Choices{values.data(), N};
    return f;
  }
};

/// Declares a field of a schema table.
template <class Owner, class T>
constexpr Field<Owner, T> field(std::string_view name, T Owner::*member) {
  Field<Owner, T> f{};
  f.name = name;
  f.member = member;
  return f;
}

/// Specialised by HERD_SCHEMA for every struct of the model.
template <class T>
struct Schema;

/// True for the structs of the model (those with a HERD_SCHEMA table).
template <class T>
concept HasSchema = requires { Schema<T>::kFields; };

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

template <class T>
struct IsStringMap : std::false_type {};
template <class V>
struct IsStringMap<std::map<std::string, V>> : std::true_type {};

/// Calls `fn(field)` for each field of T's table, in table order.
template <class T, class Fn>
constexpr void for_each_field(Fn&& fn) {
  std::apply([&](const auto&... fields) { (fn(fields), ...); }, Schema<T>::kFields);
}

/// Calls `fn(field)` in table order until it returns true; returns whether one did.
template <class T, class Fn>
constexpr bool any_field(Fn&& fn) {
  return std::apply([&](const auto&... fields) { return (fn(fields) || ...); }, Schema<T>::kFields);
}

}  // namespace herd::api

/// Defines the schema table of `Type` (at namespace herd::api scope).
#define HERD_SCHEMA(Type, ...)                                  \
  template <>                                                   \
  struct Schema<Type> {                                         \
    static constexpr std::string_view kName = #Type;            \
    static constexpr auto kFields = std::make_tuple(__VA_ARGS__); \
  }
