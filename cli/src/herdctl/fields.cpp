#include "herdctl/fields.hpp"

namespace herd::cli::herdctl {

const api::Value* at(const api::Value& value, std::initializer_list<std::string_view> path) {
  const api::Value* v = &value;
  for (std::string_view key : path) {
    v = v->find(key);
    if (v == nullptr) return nullptr;
  }
  return v;
}

std::string text_at(const api::Value& value, std::initializer_list<std::string_view> path,
                    const std::string& fallback) {
  const api::Value* v = at(value, path);
  return v != nullptr && v->is_string() ? v->as_string() : fallback;
}

int64_t int_at(const api::Value& value, std::initializer_list<std::string_view> path, int64_t fallback) {
  const api::Value* v = at(value, path);
  return v != nullptr && v->is_int() ? v->as_int() : fallback;
}

std::string pairs_string(const api::Value* map, std::string_view separator) {
  std::string out;
  if (map == nullptr || !map->is_object()) return out;
  for (const api::Value::Member& m : map->as_object()) {
    if (!out.empty()) out += separator;
    out += m.key + "=" + m.value.scalar_text();
  }
  return out;
}

std::string selector_string(const api::Value* selector) {
  if (selector == nullptr || !selector->is_object()) return "";
  std::string out = pairs_string(selector->find("matchLabels"));
  const api::Value* expressions = selector->find("matchExpressions");
  if (expressions == nullptr || !expressions->is_array()) return out;
  for (const api::Value& e : expressions->as_array()) {
    std::string key = text_at(e, {"key"});
    std::string op = text_at(e, {"operator"});
    std::string values;
    if (const api::Value* list = e.find("values"); list != nullptr && list->is_array()) {
      for (const api::Value& item : list->as_array()) values += (values.empty() ? "" : ",") + item.scalar_text();
    }
    std::string term = op == "Exists"         ? key
                       : op == "DoesNotExist" ? "!" + key
                       : op == "NotIn"        ? key + " notin (" + values + ")"
                                              : key + " in (" + values + ")";
    out += (out.empty() ? "" : ",") + term;
  }
  return out;
}

}  // namespace herd::cli::herdctl
