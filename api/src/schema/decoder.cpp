#include "schema/decoder.hpp"

namespace herd::api::schema {

void Decoder::wrong_type(const Value& v, std::string_view expected) {
  std::string shown = v.is_scalar() ? v.scalar_text() : std::string(v.type_name());
  errors_.invalid(path_.field_path(), shown,
                  "expected " + std::string(expected) + ", got " + std::string(v.type_name()));
}

void Decoder::decode_string(const Value& v, std::string& out) {
  if (v.is_null()) {
    out.clear();
    return;
  }
  if (!v.is_string()) {
    if (v.is_scalar()) {
      errors_.invalid(path_.field_path(), v.scalar_text(),
                      "expected string, got " + std::string(v.type_name()) +
                          " (quote the value: \"" + v.scalar_text() + "\")");
      return;
    }
    return wrong_type(v, "string");
  }
  out = v.as_string();
}

void Decoder::decode_bool(const Value& v, bool& out) {
  if (v.is_null()) {
    out = false;
    return;
  }
  if (!v.is_bool()) return wrong_type(v, "boolean");
  out = v.as_bool();
}

void Decoder::decode_int(const Value& v, int64_t min, int64_t max, int64_t& out) {
  if (v.is_null()) {
    out = 0;
    return;
  }
  if (!v.is_int()) return wrong_type(v, "integer");
  int64_t i = v.as_int();
  if (i < min || i > max) {
    errors_.invalid(path_.field_path(), v.scalar_text(), "out of range for a " +
                        std::string(max == std::numeric_limits<int32_t>::max() ? "32" : "64") +
                        "-bit integer");
    return;
  }
  out = i;
}

void Decoder::decode_int_or_string(const Value& v, IntOrString& out) {
  if (v.is_null()) {
    out = IntOrString();
  } else if (v.is_string()) {
    out = IntOrString::from_string(v.as_string());
  } else if (v.is_int()) {
    int64_t i = 0;
    decode_int(v, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max(), i);
    out = IntOrString::from_int(static_cast<int32_t>(i));
  } else {
    wrong_type(v, "integer or string");
  }
}

void Decoder::decode_quantity(const Value& v, Quantity& out) {
  if (!v.is_string() && !v.is_int() && !v.is_number()) return wrong_type(v, "quantity");
  Result<Quantity> q = Quantity::parse(v.scalar_text());
  if (!q.ok()) {
    errors_.invalid(path_.field_path(), v.scalar_text(), q.status().message());
    return;
  }
  out = *q;
}

void Decoder::decode_bytes(const Value& v, Bytes& out) {
  if (v.is_null()) {
    out = Bytes{};
    return;
  }
  if (!v.is_string()) return wrong_type(v, "base64 string");
  Result<std::string> bytes = base64_decode(v.as_string());
  if (!bytes.ok()) {
    errors_.invalid(path_.field_path(), "<secret data>", bytes.status().message());
    return;
  }
  out.data = std::move(bytes).value();
}

void Decoder::unknown_field(const Value& object, std::size_t member_index) {
  const Value::Member& m = object.as_object()[member_index];
  std::string hint;
  if (root_type_ != nullptr) {
    hint = suggest_field(*root_type_, *root_doc_, path_.steps(), object, member_index);
  }
  ScopedStep step(path_, PathStep::Type::kField, m.key);
  record(m.key_pos);
  std::string message = "unknown field";
  if (!hint.empty()) message += "; " + hint;
  errors_.add(path_.field_path(), std::move(message), /*warning=*/!strict_);
}

}  // namespace herd::api::schema
