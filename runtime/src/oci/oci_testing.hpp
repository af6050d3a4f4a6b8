#pragma once

// Test helpers of src/oci: a fake ConfigSource and pods written as YAML.
// Only *_test.cpp files include this.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "herd/api/manifest.hpp"
#include "herd/runtime/config_source.hpp"

namespace herd::runtime::oci::testing {

/// A ConfigSource over maps the test fills; counts the reads, and can be
/// told to fail every read with a given Status.
class FakeConfigSource : public ConfigSource {
 public:
  void add_config_map(const std::string& ns, const std::string& name,
                      std::map<std::string, std::string> data) {
    api::ConfigMap map;
    map.metadata.namespace_ = ns;
    map.metadata.name = name;
    map.data = std::move(data);
    config_maps_[ns + "/" + name] = std::move(map);
  }
  void add_secret(const std::string& ns, const std::string& name,
                  const std::map<std::string, std::string>& data) {
    api::Secret secret;
    secret.metadata.namespace_ = ns;
    secret.metadata.name = name;
    for (const auto& [key, value] : data) {
      secret.data[key] = api::Bytes{value};
    }
    secrets_[ns + "/" + name] = std::move(secret);
  }
  void fail_with(Status status) { failure_ = std::move(status); }
  int reads() const { return reads_; }

  Result<api::ConfigMap> config_map(const std::string& ns, const std::string& name) const override {
    return find(config_maps_, ns, name);
  }
  Result<api::Secret> secret(const std::string& ns, const std::string& name) const override {
    return find(secrets_, ns, name);
  }

 private:
  template <class T>
  Result<T> find(const std::map<std::string, T>& objects, const std::string& ns,
                 const std::string& name) const {
    ++reads_;
    if (!failure_.ok()) {
      return failure_;
    }
    auto it = objects.find(ns + "/" + name);
    if (it == objects.end()) {
      return Status::not_found(ns + "/" + name);
    }
    return it->second;
  }

  std::map<std::string, api::ConfigMap> config_maps_;
  std::map<std::string, api::Secret> secrets_;
  Status failure_;
  mutable int reads_ = 0;
};

/// The Pod of a one-document manifest, decoded, defaulted and validated as
/// the API server would store it. Fails the test on any error.
inline api::Pod pod_from_yaml(std::string_view yaml) {
  api::Manifest manifest = api::decode_manifest(yaml, {});
  for (const api::Diagnostic& d : manifest.diagnostics) {
    ADD_FAILURE() << d.to_string();
  }
  if (manifest.objects.size() != 1 ||
      !std::holds_alternative<api::Pod>(manifest.objects[0].object)) {
    ADD_FAILURE() << "not one Pod";
    return {};
  }
  return std::get<api::Pod>(manifest.objects[0].object);
}

}  // namespace herd::runtime::oci::testing
