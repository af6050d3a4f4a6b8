#pragma once

// StoreConfigSource: the ConfigMaps and Secrets a node's pods refer to, read
// from the control plane's ObjectStore as it is now. The node runtime calls it
// from its own threads; the store is thread-safe and hands out immutable
// entries, so no copy is made beyond the one returned.

#include "herd/runtime/config_source.hpp"
#include "core/object_store.hpp"

namespace herd::actors {

class StoreConfigSource final : public runtime::ConfigSource {
 public:
  /// `store` outlives this.
  explicit StoreConfigSource(const ObjectStore& store) : store_(store) {}

  /// kNotFound `configmap "name" not found`, as the kubelet words it.
  Result<api::ConfigMap> config_map(const std::string& namespace_, const std::string& name) const override;
  /// kNotFound `secret "name" not found`.
  Result<api::Secret> secret(const std::string& namespace_, const std::string& name) const override;

 private:
  const ObjectStore& store_;
};

}  // namespace herd::actors
