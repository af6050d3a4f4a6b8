// parse_image_config (herd/runtime/oci_spec.hpp): the image-spec's
// application/vnd.oci.image.config.v1+json, of which herd reads only
//
//   { "config": { "Entrypoint": [string] | null, "Cmd": [string] | null,
//                 "Env": [string] | null, "WorkingDir": string, "User": string,
//                 "ExposedPorts": {string: {}} | null, "Labels": {string: string} | null,
//                 "StopSignal": string }, ... }

#include <algorithm>

#include "herd/api/codec.hpp"
#include "herd/runtime/oci_spec.hpp"

namespace herd::runtime {
namespace {

Status wrong_type(std::string_view field, std::string_view what) {
  return Status::corrupt("image config: config." + std::string(field) + ": not " +
                         std::string(what));
}

Status read_strings(const api::Value& config, std::string_view field,
                    std::vector<std::string>& out) {
  const api::Value* value = config.find(field);
  if (value == nullptr || value->is_null()) {
    return Status();
  }
  if (!value->is_array()) {
    return wrong_type(field, "an array of strings");
  }
  for (const api::Value& item : value->as_array()) {
    if (!item.is_string()) {
      return wrong_type(field, "an array of strings");
    }
    out.push_back(item.as_string());
  }
  return Status();
}

Status read_string(const api::Value& config, std::string_view field, std::string& out) {
  const api::Value* value = config.find(field);
  if (value == nullptr || value->is_null()) {
    return Status();
  }
  if (!value->is_string()) {
    return wrong_type(field, "a string");
  }
  out = value->as_string();
  return Status();
}

// An object's keys (ExposedPorts) or its string members (Labels).
Status read_object(const api::Value& config, std::string_view field, std::vector<std::string>* keys,
                   std::map<std::string, std::string>* strings) {
  const api::Value* value = config.find(field);
  if (value == nullptr || value->is_null()) {
    return Status();
  }
  if (!value->is_object()) {
    return wrong_type(field, "an object");
  }
  for (const api::Value::Member& member : value->as_object()) {
    if (keys != nullptr) {
      keys->push_back(member.key);
    } else if (!member.value.is_string()) {
      return wrong_type(field, "an object of strings");
    } else {
      (*strings)[member.key] = member.value.as_string();
    }
  }
  return Status();
}

}  // namespace

Result<ImageConfig> parse_image_config(std::string_view json) {
  Result<api::Value> document = api::parse_json_value(json);
  if (!document.ok()) {
    return Status::corrupt("image config: " + document.status().message());
  }
  if (!document->is_object()) {
    return Status::corrupt("image config: not a JSON object");
  }
  ImageConfig out;
  const api::Value* config = document->find("config");
  if (config == nullptr || config->is_null()) {
    return out;
  }
  if (!config->is_object()) {
    return Status::corrupt("image config: config: not an object");
  }
  HERD_RETURN_IF_ERROR(read_strings(*config, "Entrypoint", out.entrypoint));
  HERD_RETURN_IF_ERROR(read_strings(*config, "Cmd", out.cmd));
  HERD_RETURN_IF_ERROR(read_strings(*config, "Env", out.env));
  HERD_RETURN_IF_ERROR(read_string(*config, "WorkingDir", out.working_dir));
  HERD_RETURN_IF_ERROR(read_string(*config, "User", out.user));
  HERD_RETURN_IF_ERROR(read_string(*config, "StopSignal", out.stop_signal));
  HERD_RETURN_IF_ERROR(read_object(*config, "ExposedPorts", &out.exposed_ports, nullptr));
  HERD_RETURN_IF_ERROR(read_object(*config, "Labels", nullptr, &out.labels));
  std::sort(out.exposed_ports.begin(), out.exposed_ports.end());
  return out;
}

}  // namespace herd::runtime
