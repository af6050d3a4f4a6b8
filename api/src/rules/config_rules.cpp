// Rules of ConfigMap and Secret. Kubernetes sources: pkg/apis/core/v1/conversion.go
// (stringData merged into data), pkg/apis/core/validation/validation.go
// (ValidateConfigMap, ValidateSecret) and apimachinery's IsConfigMapKey.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "herd/api/names.hpp"
#include "rules/kind_rules.hpp"

namespace herd::api::rules {
namespace {

const FieldPath kMetadata("metadata");

/// Kubernetes' limit on the total size of a ConfigMap's or Secret's values (1 MiB).
constexpr std::size_t kMaxTotalBytes = 1024 * 1024;

template <class Map>
std::size_t validate_keys(const Map& map, const FieldPath& path, FieldErrors& errors) {
  std::size_t total = 0;
  for (const auto& [key, value] : map) {
    // A key of data/binaryData becomes a file name in a volume.
    report_all(is_config_key(key), path.key(key), key, errors);
    if constexpr (std::is_same_v<typename Map::mapped_type, Bytes>) {
      total += value.data.size();
    } else {
      total += value.size();
    }
  }
  return total;
}

void too_long(const FieldPath& path, FieldErrors& errors) {
  errors.add(path, "Too long: must have at most " + std::to_string(kMaxTotalBytes) + " bytes");
}

/// Keys each Secret type must hold in data (Kubernetes' well-known Secret types).
void validate_secret_type(const Secret& s, FieldErrors& errors) {
  FieldPath data("data");
  auto require = [&](std::string_view key) {
    if (s.data.find(std::string(key)) == s.data.end()) errors.required(data.key(key));
  };
  if (s.type == "kubernetes.io/tls") {
    require("tls.crt");
    require("tls.key");
  } else if (s.type == "kubernetes.io/dockerconfigjson") {
    require(".dockerconfigjson");
  } else if (s.type == "kubernetes.io/dockercfg") {
    require(".dockercfg");
  } else if (s.type == "kubernetes.io/basic-auth") {
    // Either may be empty, but one of them must be there.
    if (!s.data.contains("username") && !s.data.contains("password")) {
      require("username");
      require("password");
    }
  } else if (s.type == "kubernetes.io/ssh-auth") {
    auto it = s.data.find("ssh-privatekey");
    if (it == s.data.end() || it->second.data.empty()) errors.required(data.key("ssh-privatekey"));
  } else if (s.type == "kubernetes.io/service-account-token") {
    constexpr std::string_view kAccountName = "kubernetes.io/service-account.name";
    auto it = s.metadata.annotations.find(std::string(kAccountName));
    if (it == s.metadata.annotations.end() || it->second.empty()) {
      errors.required(kMetadata.child("annotations").key(kAccountName));
    }
  }
}

}  // namespace

// ConfigMap -----------------------------------------------------------------------

void apply_kind_defaults(ConfigMap& /*config_map*/) {
  // Nothing depends on other fields.
}

void validate_kind(const ConfigMap& cm, FieldErrors& errors) {
  validate_object_meta(cm.metadata, /*namespaced=*/true, /*name_is_label=*/false, kMetadata, errors);
  FieldPath data("data");
  FieldPath binary_data("binaryData");
  std::size_t total = validate_keys(cm.data, data, errors);
  total += validate_keys(cm.binary_data, binary_data, errors);
  // Both maps become files of one volume, so a key may appear in only one of them.
  for (const auto& [key, value] : cm.data) {
    if (cm.binary_data.contains(key)) {
      errors.invalid(data.key(key), key, "duplicate of key present in binaryData");
      errors.invalid(binary_data.key(key), key, "duplicate of key present in data");
    }
  }
  if (total > kMaxTotalBytes) too_long(FieldPath(), errors);
}

// Secret ------------------------------------------------------------------------------

void apply_kind_defaults(Secret& secret) {
  // stringData is write-only: it overrides data key by key, then disappears.
  for (auto& [key, value] : secret.string_data) secret.data[key] = Bytes{std::move(value)};
  secret.string_data.clear();
}

void validate_kind(const Secret& s, FieldErrors& errors) {
  validate_object_meta(s.metadata, /*namespaced=*/true, /*name_is_label=*/false, kMetadata, errors);
  FieldPath data("data");
  std::size_t total = validate_keys(s.data, data, errors);
  // Keys still in stringData (rules run without defaulting) are checked where they were written.
  validate_keys(s.string_data, FieldPath("stringData"), errors);
  if (total > kMaxTotalBytes) too_long(data, errors);
  validate_secret_type(s, errors);
}

}  // namespace herd::api::rules
