#pragma once

// Internal: the fast path of decode_stored_object. Objects herd stored itself
// (event data, snapshots) decode cleanly almost always, so this decoder keeps
// none of what the checked Decoder (schema/decoder.hpp) keeps for messages:
// no field path, no source positions, no suggestions. It makes the same
// assignments in the same order as the checked Decoder and gives up at the
// first problem; the caller then runs the checked Decoder on the same document
// for its message. So an object that decodes here is the object the checked
// Decoder gives, and one that does not is reported exactly as before
// (schema_test compares the two over every example).

#include <limits>
#include <string>

#include "herd/api/int_or_string.hpp"
#include "herd/api/quantity.hpp"
#include "herd/api/schema.hpp"
#include "herd/api/type_info.hpp"
#include "herd/api/value.hpp"
#include "herd/base/base64.hpp"

namespace herd::api::schema {

/// Decodes `v` into `out` as the checked Decoder does; false at the first
/// problem (then `out` is partly written and must be discarded).
template <class T>
bool decode_stored(const Value& v, T& out);

namespace stored {

inline bool decode_int(const Value& v, int64_t min, int64_t max, int64_t& out) {
  if (v.is_null()) {
    out = 0;
    return true;
  }
  if (!v.is_int()) return false;
  int64_t i = v.as_int();
  if (i < min || i > max) return false;
  out = i;
  return true;
}

template <class T>
bool decode_struct(const Value& v, T& out) {
  if (v.is_null()) return true;
  if (!v.is_object()) return false;
  for (const Value::Member& m : v.as_object()) {
    bool ok = true;
    bool known = any_field<T>([&](const auto& f) {
      if (f.name != m.key) return false;
      ok = decode_stored(m.value, out.*(f.member));
      return true;
    });
    if (!known || !ok) return false;
  }
  return true;
}

}  // namespace stored

template <class T>
bool decode_stored(const Value& v, T& out) {
  if constexpr (IsOptional<T>::value) {
    if (v.is_null()) {
      out.reset();
      return true;
    }
    out.emplace();
    return decode_stored(v, *out);
  } else if constexpr (IsVector<T>::value) {
    out.clear();
    if (v.is_null()) return true;
    if (!v.is_array()) return false;
    const Value::Array& items = v.as_array();
    out.resize(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!decode_stored(items[i], out[i])) return false;
    }
    return true;
  } else if constexpr (IsStringMap<T>::value) {
    out.clear();
    if (v.is_null()) return true;
    if (!v.is_object()) return false;
    for (const Value::Member& m : v.as_object()) {
      // Same as out[m.key] (a repeated key decodes into the entry it made),
      // but constant time when the keys come sorted, as herd writes them.
      auto it = out.try_emplace(out.end(), m.key);
      if (!decode_stored(m.value, it->second)) return false;
    }
    return true;
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (v.is_null()) {
      out.clear();
      return true;
    }
    if (!v.is_string()) return false;
    out = v.as_string();
    return true;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (v.is_null()) {
      out = false;
      return true;
    }
    if (!v.is_bool()) return false;
    out = v.as_bool();
    return true;
  } else if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) {
    int64_t wide = out;
    if (!stored::decode_int(v, std::numeric_limits<T>::min(), std::numeric_limits<T>::max(), wide)) return false;
    out = static_cast<T>(wide);
    return true;
  } else if constexpr (std::is_same_v<T, IntOrString>) {
    if (v.is_null()) {
      out = IntOrString();
    } else if (v.is_string()) {
      out = IntOrString::from_string(v.as_string());
    } else if (v.is_int()) {
      int64_t i = 0;
      if (!stored::decode_int(v, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max(), i)) {
        return false;
      }
      out = IntOrString::from_int(static_cast<int32_t>(i));
    } else {
      return false;
    }
    return true;
  } else if constexpr (std::is_same_v<T, Quantity>) {
    if (!v.is_string() && !v.is_int() && !v.is_number()) return false;
    Result<Quantity> q = v.is_string() ? Quantity::parse(v.as_string()) : Quantity::parse(v.scalar_text());
    if (!q.ok()) return false;
    out = *q;
    return true;
  } else if constexpr (std::is_same_v<T, Bytes>) {
    if (v.is_null()) {
      out = Bytes{};
      return true;
    }
    if (!v.is_string()) return false;
    Result<std::string> bytes = base64_decode(v.as_string());
    if (!bytes.ok()) return false;
    out.data = std::move(bytes).value();
    return true;
  } else {
    static_assert(HasSchema<T>, "no decoder for this field type");
    return stored::decode_struct(v, out);
  }
}

}  // namespace herd::api::schema
