#pragma once

// ConfigMap and Secret (core/v1): configuration handed to pods as files or
// environment. Neither has a spec; their fields sit at the top level.
//
// Secret values are Bytes: raw in memory, base64 on the wire (the codec
// encodes and decodes). `stringData` is a write-only convenience: defaulting
// (api/src/rules/config_rules.cpp) merges it into `data` and clears it, as the
// Kubernetes API server does, so stored Secrets never carry it.

#include <map>
#include <optional>
#include <string>

#include "herd/api/int_or_string.hpp"
#include "herd/api/meta.hpp"
#include "herd/api/schema.hpp"

namespace herd::api {

/// Non-secret configuration: text values in `data`, binary ones in `binaryData`.
/// Keys are config keys (`[-._a-zA-Z0-9]+`) and unique across both maps.
struct ConfigMap {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  StringMap data;
  std::map<std::string, Bytes> binary_data;
  std::optional<bool> immutable;
  bool operator==(const ConfigMap&) const = default;
};
HERD_SCHEMA(ConfigMap,
  field("apiVersion", &ConfigMap::api_version),
  field("kind", &ConfigMap::kind),
  field("metadata", &ConfigMap::metadata),
  field("data", &ConfigMap::data),
  field("binaryData", &ConfigMap::binary_data),
  field("immutable", &ConfigMap::immutable));

/// Sensitive data (passwords, tokens, keys). `type` says which keys `data`
/// must hold (kubernetes.io/tls needs tls.crt and tls.key, ...). Never log
/// or print `data` or `stringData` in plain text.
struct Secret {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  std::string type;
  std::map<std::string, Bytes> data;
  StringMap string_data;  ///< Merged into data on defaulting; empty once stored.
  std::optional<bool> immutable;
  bool operator==(const Secret&) const = default;
};
HERD_SCHEMA(Secret,
  field("apiVersion", &Secret::api_version),
  field("kind", &Secret::kind),
  field("metadata", &Secret::metadata),
  field("type", &Secret::type).defaults("Opaque"),
  field("data", &Secret::data),
  field("stringData", &Secret::string_data),
  field("immutable", &Secret::immutable));

}  // namespace herd::api
