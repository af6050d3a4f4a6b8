// Value -> block-style YAML with yaml-cpp's emitter.

#include <yaml-cpp/emitter.h>

#include "herd/api/codec.hpp"

namespace herd::api {
namespace {

// YAML 1.1 booleans: herd reads them as strings, but kubectl and other YAML
// 1.1 readers would not, so they are quoted when printed.
bool is_yaml11_bool(const std::string& s) {
  static const char* const kWords[] = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
                                       "on", "On", "ON", "off", "Off", "OFF"};
  for (const char* w : kWords) {
    if (s == w) return true;
  }
  return false;
}

// Control characters (other than newline and tab) can only be written as
// escapes, which only double-quoted strings have.
bool has_control_chars(const std::string& s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f) return true;
  }
  return false;
}

bool needs_quotes(const std::string& s) {
  return !resolve_plain_scalar(s).is_string() || is_yaml11_bool(s) || has_control_chars(s);
}

// A literal block (`|`) keeps exactly one trailing newline, and its first
// line sets the indentation, so it cannot start with a space; carriage
// returns would be lost. Anything else with a newline is double-quoted.
bool fits_literal_block(const std::string& s) {
  return s.size() >= 2 && s.back() == '\n' && s[s.size() - 2] != '\n' && s[0] != ' ' && s[0] != '\t' &&
         !has_control_chars(s);
}

void emit(YAML::Emitter& out, const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: out << YAML::Null; break;
    case Value::Type::kBool: out << v.as_bool(); break;
    case Value::Type::kInt: out << v.as_int(); break;
    case Value::Type::kNumber: out << v.as_number().text; break;
    case Value::Type::kString: {
      const std::string& s = v.as_string();
      // A string that would read back as null, a bool or a number is quoted.
      if (s.find('\n') != std::string::npos) {
        if (fits_literal_block(s)) {
          out << YAML::Literal << s;
        } else {
          out << YAML::DoubleQuoted << s;
        }
      } else if (needs_quotes(s)) {
        out << YAML::DoubleQuoted << s;
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
        if (needs_quotes(m.key)) {
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
  std::string text(out.c_str(), out.size());  // not c_str() alone: a NUL byte would cut it short
  if (text.empty() || text.back() != '\n') text += '\n';
  return text;
}

}  // namespace herd::api
