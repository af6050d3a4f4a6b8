#pragma once

// FakeConfigSource: a ConfigSource over maps the test fills (test targets
// only). Not thread-safe.

#include <map>
#include <string>
#include <utility>

#include "herd/runtime/config_source.hpp"

namespace herd::runtime::volume::testing {

class FakeConfigSource final : public ConfigSource {
 public:
  /// Adds or replaces the object under its metadata namespace and name.
  void put(api::ConfigMap config_map) {
    config_maps_[key(config_map.metadata)] = std::move(config_map);
  }
  void put(api::Secret secret) { secrets_[key(secret.metadata)] = std::move(secret); }
  void erase_config_map(const std::string& namespace_, const std::string& name) {
    config_maps_.erase({namespace_, name});
  }
  /// Every later call returns `status` (not OK) until cleared with an OK one.
  void fail_with(Status status) { failure_ = std::move(status); }

  Result<api::ConfigMap> config_map(const std::string& namespace_,
                                    const std::string& name) const override {
    return find(config_maps_, namespace_, name);
  }
  Result<api::Secret> secret(const std::string& namespace_,
                             const std::string& name) const override {
    return find(secrets_, namespace_, name);
  }

 private:
  using Key = std::pair<std::string, std::string>;
  static Key key(const api::ObjectMeta& meta) { return {meta.namespace_, meta.name}; }

  template <class T>
  Result<T> find(const std::map<Key, T>& objects, const std::string& namespace_,
                 const std::string& name) const {
    if (!failure_.ok()) return failure_;
    const auto it = objects.find({namespace_, name});
    if (it == objects.end()) return Status::not_found(namespace_ + "/" + name + " not found");
    return it->second;
  }

  std::map<Key, api::ConfigMap> config_maps_;
  std::map<Key, api::Secret> secrets_;
  Status failure_;
};

}  // namespace herd::runtime::volume::testing
