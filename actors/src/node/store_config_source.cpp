#include "node/store_config_source.hpp"

namespace herd::actors {

Result<api::ConfigMap> StoreConfigSource::config_map(const std::string& namespace_,
                                                     const std::string& name) const {
  ObjectPtr o = store_.get("ConfigMap", namespace_, name);
  if (!o || !o->meta().deletion_timestamp.empty()) {
    return Status::not_found("configmap \"" + name + "\" not found");
  }
  return o->as<api::ConfigMap>();
}

Result<api::Secret> StoreConfigSource::secret(const std::string& namespace_,
                                              const std::string& name) const {
  ObjectPtr o = store_.get("Secret", namespace_, name);
  if (!o || !o->meta().deletion_timestamp.empty()) {
    return Status::not_found("secret \"" + name + "\" not found");
  }
  return o->as<api::Secret>();
}

}  // namespace herd::actors
