#pragma once

// ConfigSource: how the node side reads the ConfigMaps and Secrets a pod
// refers to (env valueFrom / envFrom, configMap and secret volumes). The node
// actor implements it over the control plane's state; tests use fakes.

#include <string>

#include "herd/api/config.hpp"
#include "herd/base/result.hpp"

namespace herd::runtime {

class ConfigSource {
 public:
  virtual ~ConfigSource() = default;
  /// The ConfigMap `namespace_`/`name`; kNotFound when it does not exist (yet):
  /// the pod then waits in ContainerCreating with the reason, and is retried.
  virtual Result<api::ConfigMap> config_map(const std::string& namespace_,
                                            const std::string& name) const = 0;
  /// The Secret `namespace_`/`name`, its data decoded (plaintext bytes);
  /// kNotFound as for config_map.
  virtual Result<api::Secret> secret(const std::string& namespace_,
                                     const std::string& name) const = 0;
};

}  // namespace herd::runtime
