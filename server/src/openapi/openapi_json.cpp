#include "openapi/openapi_json.hpp"


namespace herd::server::openapi {

api::Value object_of(std::initializer_list<std::pair<std::string_view, api::Value>> members) {
  api::Value::Object out;
  out.reserve(members.size());
  for (const auto& [key, value] : members) out.push_back({std::string(key), value, {}});
  return api::Value::object(std::move(out));
}

api::Value object_from(std::map<std::string, api::Value> members) {
  api::Value::Object out;
  out.reserve(members.size());
  for (auto& [key, value] : members) out.push_back({key, std::move(value), {}});
  return api::Value::object(std::move(out));
}

api::Value string_of(std::string_view text) { return api::Value::string(std::string(text)); }

api::Value strings_of(std::initializer_list<std::string_view> texts) {
  api::Value out = api::Value::array();
  for (std::string_view text : texts) out.push_back(string_of(text));
  return out;
}

api::Value typed(std::string_view type, std::string_view format) {
  if (format.empty()) return object_of({{"type", string_of(type)}});
  return object_of({{"type", string_of(type)}, {"format", string_of(format)}});
}

api::Value ref_to(std::string_view schema_name) {
  return object_of({{"$ref", string_of(std::string("#/components/schemas/") + std::string(schema_name))}});
}

api::Value holds(std::string_view schema_name) {
  return object_of({{"allOf", api::Value::array({ref_to(schema_name)})}});
}

}  // namespace herd::server::openapi
