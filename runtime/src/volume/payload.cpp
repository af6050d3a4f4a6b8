#include "volume/payload.hpp"

#include <map>
#include <string>

namespace herd::runtime::volume {
namespace {

constexpr int32_t kDefaultMode = 0644;  // Kubernetes' default for both kinds (420)

// A volume source's parts that decide its files.
struct Projection {
  const std::vector<api::KeyToPath>& items;
  std::optional<int32_t> default_mode;
  bool optional;
  std::string missing_key;  // the kubelet's message for an item whose key is missing, up to the key
};

Result<mode_t> file_mode(int32_t mode, const std::string& what) {
  if (mode < 0 || mode > 0777) {
    return Status::invalid_argument("invalid " + what + " " + std::to_string(mode) +
                                    ": must be between 0 and 0777 (octal)");
  }
  return static_cast<mode_t>(mode);
}

// The payload from `entries` (key -> value, both maps of the object merged).
Result<Payload> project(const std::map<std::string, const std::string*>& entries,
                        const Projection& p) {
  HERD_ASSIGN_OR_RETURN(mode_t default_mode,
                        file_mode(p.default_mode.value_or(kDefaultMode), "defaultMode"));
  Payload payload;
  if (p.items.empty()) {
    for (const auto& [key, value] : entries) payload[key] = {*value, default_mode};
  }
  for (const api::KeyToPath& item : p.items) {
    const auto entry = entries.find(item.key);
    if (entry == entries.end()) {
      if (p.optional) continue;
      return Status::not_found(p.missing_key + item.key);
    }
    mode_t mode = default_mode;
    if (item.mode) {
      HERD_ASSIGN_OR_RETURN(mode, file_mode(*item.mode, "mode of item " + item.key));
    }
    payload[item.path] = {*entry->second, mode};
  }
  HERD_RETURN_IF_ERROR(check_payload(payload));
  return payload;
}

}  // namespace

Result<Payload> config_map_payload(const api::ConfigMapVolumeSource& source,
                                   const api::ConfigMap* config_map) {
  const bool optional = source.optional.value_or(false);
  if (config_map == nullptr && !optional) {
    return Status::not_found("configmap \"" + source.name + "\" not found");
  }
  std::map<std::string, const std::string*> entries;
  if (config_map != nullptr) {
    for (const auto& [key, value] : config_map->binary_data) entries[key] = &value.data;
    for (const auto& [key, value] : config_map->data) entries[key] = &value;
  }
  return project(entries, {source.items, source.default_mode, optional,
                           "configmap references non-existent config key: "});
}

Result<Payload> secret_payload(const api::SecretVolumeSource& source, const api::Secret* secret) {
  const bool optional = source.optional.value_or(false);
  if (secret == nullptr && !optional) {
    return Status::not_found("secret \"" + source.secret_name + "\" not found");
  }
  std::map<std::string, const std::string*> entries;
  if (secret != nullptr) {
    for (const auto& [key, value] : secret->data) entries[key] = &value.data;
  }
  return project(entries, {source.items, source.default_mode, optional,
                           "secret references non-existent secret key: "});
}

}  // namespace herd::runtime::volume
