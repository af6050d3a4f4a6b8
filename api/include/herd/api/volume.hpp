#pragma once

// Pod volumes (Kubernetes core/v1): emptyDir, hostPath, configMap, secret,
// nfs, persistentVolumeClaim.

#include <optional>
#include <string>
#include <vector>

#include "herd/api/quantity.hpp"
#include "herd/api/schema.hpp"

namespace herd::api {

inline constexpr std::array<std::string_view, 2> kStorageMedia{"", "Memory"};
inline constexpr std::array<std::string_view, 7> kHostPathTypes{
    "", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice"};

struct EmptyDirVolumeSource {
  std::string medium;
  std::optional<Quantity> size_limit;
  bool operator==(const EmptyDirVolumeSource&) const = default;
};
HERD_SCHEMA(EmptyDirVolumeSource,
  field("medium", &EmptyDirVolumeSource::medium).one_of(kStorageMedia),
  field("sizeLimit", &EmptyDirVolumeSource::size_limit));

struct HostPathVolumeSource {
  std::string path;
  std::string type;
  bool operator==(const HostPathVolumeSource&) const = default;
};
HERD_SCHEMA(HostPathVolumeSource,
  field("path", &HostPathVolumeSource::path).required(),
  field("type", &HostPathVolumeSource::type).one_of(kHostPathTypes));

/// Maps one key of a ConfigMap or Secret to a file path in the volume.
struct KeyToPath {
  std::string key;
  std::string path;
  std::optional<int32_t> mode;
  bool operator==(const KeyToPath&) const = default;
};
HERD_SCHEMA(KeyToPath,
  field("key", &KeyToPath::key).required(),
  field("path", &KeyToPath::path).required(),
  field("mode", &KeyToPath::mode));

struct ConfigMapVolumeSource {
  std::string name;
  std::vector<KeyToPath> items;
  std::optional<int32_t> default_mode;
  std::optional<bool> optional;
  bool operator==(const ConfigMapVolumeSource&) const = default;
};
HERD_SCHEMA(ConfigMapVolumeSource,
  field("name", &ConfigMapVolumeSource::name),
  field("items", &ConfigMapVolumeSource::items),
  field("defaultMode", &ConfigMapVolumeSource::default_mode).defaults("420"),
  field("optional", &ConfigMapVolumeSource::optional));

struct SecretVolumeSource {
  std::string secret_name;
  std::vector<KeyToPath> items;
  std::optional<int32_t> default_mode;
  std::optional<bool> optional;
  bool operator==(const SecretVolumeSource&) const = default;
};
HERD_SCHEMA(SecretVolumeSource,
  field("secretName", &SecretVolumeSource::secret_name),
  field("items", &SecretVolumeSource::items),
  field("defaultMode", &SecretVolumeSource::default_mode).defaults("420"),
  field("optional", &SecretVolumeSource::optional));

struct NfsVolumeSource {
  std::string server;
  std::string path;
  bool read_only = false;
  bool operator==(const NfsVolumeSource&) const = default;
};
HERD_SCHEMA(NfsVolumeSource,
  field("server", &NfsVolumeSource::server).required(),
  field("path", &NfsVolumeSource::path).required(),
  field("readOnly", &NfsVolumeSource::read_only));

struct PersistentVolumeClaimVolumeSource {
  std::string claim_name;
  bool read_only = false;
  bool operator==(const PersistentVolumeClaimVolumeSource&) const = default;
};
HERD_SCHEMA(PersistentVolumeClaimVolumeSource,
  field("claimName", &PersistentVolumeClaimVolumeSource::claim_name).required(),
  field("readOnly", &PersistentVolumeClaimVolumeSource::read_only));

/// A named volume of a pod: exactly one source is set (validation checks).
struct Volume {
  std::string name;
  std::optional<EmptyDirVolumeSource> empty_dir;
  std::optional<HostPathVolumeSource> host_path;
  std::optional<ConfigMapVolumeSource> config_map;
  std::optional<SecretVolumeSource> secret;
  std::optional<NfsVolumeSource> nfs;
  std::optional<PersistentVolumeClaimVolumeSource> persistent_volume_claim;
  bool operator==(const Volume&) const = default;
};
HERD_SCHEMA(Volume,
  field("name", &Volume::name).required(),
  field("emptyDir", &Volume::empty_dir),
  field("hostPath", &Volume::host_path),
  field("configMap", &Volume::config_map),
  field("secret", &Volume::secret),
  field("nfs", &Volume::nfs),
  field("persistentVolumeClaim", &Volume::persistent_volume_claim));

}  // namespace herd::api
