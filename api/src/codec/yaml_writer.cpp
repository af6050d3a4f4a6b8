// Value -> block-style YAML with yaml-cpp's emitter.

#include <yaml-cpp/emitter.h>

#include "herd/api/codec.hpp"

namespace herd::api {
namespace {

void emit(YAML::Emitter& out, const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: out << YAML::Null; break;
    case Value::Type::kBool: out << v.as_bool(); break;
    case Value::Type::kInt: out << v.as_int(); break;
    case Value::Type::kNumber: out << v.as_number().text; break;
    case Value::Type::kString: {
      const std::string& s = v.as_string();
      // A string that would read back as null, a bool or a number is quoted.
      bool ambiguous = !resolve_plain_scalar(s).is_string();
      if (ambiguous) {
        out << YAML::DoubleQuoted << s;
      } else if (s.find('\n') != std::string::npos) {
        out << YAML::Literal << s;
      } else {
        out << s;
      }
      break;
    }
    case Value::Type::kArray:
      if (v.as_array().empty()) {
        out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
        break;
      }
      out << YAML::BeginSeq;
      for (const Value& item : v.as_array()) emit(out, item);
      out << YAML::EndSeq;
      break;
    case Value::Type::kObject:
      if (v.as_object().empty()) {
        out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
        break;
      }
      out << YAML::BeginMap;
      for (const Value::Member& m : v.as_object()) {
        out << YAML::Key;
        if (!resolve_plain_scalar(m.key).is_string()) {
          out << YAML::DoubleQuoted;
        }
        out << m.key << YAML::Value;
        emit(out, m.value);
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace

std::string to_yaml(const Value& value) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetSeqFormat(YAML::Block);
  out.SetMapFormat(YAML::Block);
  emit(out, value);
  std::string text = out.c_str();
  if (text.empty() || text.back() != '\n') text += '\n';
  return text;
}

}  // namespace herd::api
