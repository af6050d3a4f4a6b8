#include "herd/runtime/container_env.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <type_traits>
#include <utility>

#include "herd/api/names.hpp"
#include "oci/downward_api.hpp"
#include "oci/env_expansion.hpp"

namespace herd::runtime {
namespace {

constexpr std::string_view kDefaultPath =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// Variables by name in the order each name was first set; setting a name
// again replaces its value in place (containerd's replaceOrAppendEnvValues).
class EnvList {
 public:
  void set(std::string name, std::string value) {
    auto [it, inserted] = index_.try_emplace(name, vars_.size());
    if (inserted) {
      vars_.push_back({std::move(name), std::move(value)});
    } else {
      vars_[it->second].value = std::move(value);
    }
  }
  std::optional<std::string> get(std::string_view name) const {
    auto it = index_.find(name);
    if (it == index_.end()) {
      return std::nullopt;
    }
    return vars_[it->second].value;
  }
  const std::vector<EnvVarValue>& vars() const { return vars_; }

 private:
  std::vector<EnvVarValue> vars_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

std::string data_string(const std::string& value) { return value; }
std::string data_string(const api::Bytes& value) { return value.data; }

// A ConfigMap's or Secret's value for `key` as a string; nullopt when absent.
template <class T>
std::optional<std::string> data_value(const T& object, const std::string& key) {
  auto it = object.data.find(key);
  if (it == object.data.end()) {
    return std::nullopt;
  }
  return data_string(it->second);
}

// How the kubelet names each kind: "configmap" in not-found errors (its
// object cache's group resource), "ConfigMap" for missing keys, "configMap"
// in the skipped-keys event.
struct KindNames {
  std::string_view lower;
  std::string_view title;
  std::string_view event;
};
template <class T>
constexpr KindNames kKind{};
template <>
constexpr KindNames kKind<api::ConfigMap>{"configmap", "ConfigMap", "configMap"};
template <>
constexpr KindNames kKind<api::Secret>{"secret", "Secret", "secret"};

// Reads each ConfigMap and Secret of the pod's namespace once, so that all
// variables see the same version of an object.
class ConfigCache {
 public:
  ConfigCache(const ConfigSource& source, std::string ns) : source_(source), ns_(std::move(ns)) {}

  /// The ConfigMap or Secret `name`, or nullptr when it does not exist and
  /// `optional` is set.
  template <class T>
  Result<const T*> get(const std::string& name, bool optional) {
    if constexpr (std::is_same_v<T, api::ConfigMap>) {
      return lookup(config_maps_, name, optional, [&] { return source_.config_map(ns_, name); });
    } else {
      return lookup(secrets_, name, optional, [&] { return source_.secret(ns_, name); });
    }
  }
  const std::string& ns() const { return ns_; }

 private:
  template <class T, class Fetch>
  Result<const T*> lookup(std::map<std::string, std::optional<T>>& cache, const std::string& name,
                          bool optional, Fetch fetch) {
    const std::string kind(kKind<T>.lower);
    auto it = cache.find(name);
    if (it == cache.end()) {
      Result<T> fetched = fetch();
      if (!fetched.ok() && fetched.status().code() != StatusCode::kNotFound) {
        return fetched.status().with_context(kind + " \"" + ns_ + "/" + name + "\"");
      }
      std::optional<T> value;
      if (fetched.ok()) {
        value = std::move(fetched).value();
      }
      it = cache.emplace(name, std::move(value)).first;
    }
    if (it->second.has_value()) {
      return &*it->second;
    }
    if (optional) {
      return static_cast<const T*>(nullptr);
    }
    return Status::not_found(kind + " \"" + name + "\" not found");
  }

  const ConfigSource& source_;
  std::string ns_;
  std::map<std::string, std::optional<api::ConfigMap>> config_maps_;
  std::map<std::string, std::optional<api::Secret>> secrets_;
};

// envFrom: every key of the ConfigMap or Secret `ref` names, prefixed;
// invalid names are reported.
template <class T>
Status add_env_from(ConfigCache& cache, const api::EnvSourceRef& ref, const std::string& prefix,
                    EnvList& env, std::vector<EnvWarning>& warnings) {
  HERD_ASSIGN_OR_RETURN(const T* object, cache.get<T>(ref.name, ref.optional.value_or(false)));
  if (object == nullptr) {
    return Status();
  }
  std::vector<std::string> invalid;
  for (const auto& [key, value] : object->data) {
    std::string var = prefix + key;
    if (!api::is_env_var_name(var).empty()) {
      invalid.push_back(std::move(var));
      continue;
    }
    env.set(std::move(var), data_string(value));
  }
  if (invalid.empty()) {
    return Status();
  }
  std::sort(invalid.begin(), invalid.end());
  std::string keys;
  for (const std::string& key : invalid) {
    keys += (keys.empty() ? "" : ", ") + key;
  }
  warnings.push_back({std::string(kInvalidEnvironmentVariableNames),
                      "Keys [" + keys + "] from the EnvFrom " + std::string(kKind<T>.event) + " " +
                          cache.ns() + "/" + ref.name +
                          " were skipped since they are considered invalid environment "
                          "variable names."});
  return Status();
}

// configMapKeyRef / secretKeyRef: the value, or nullopt when it is optional
// and absent (the variable is then left unset).
template <class T>
Result<std::optional<std::string>> key_ref_value(ConfigCache& cache, const api::KeySelector& ref) {
  const bool optional = ref.optional.value_or(false);
  HERD_ASSIGN_OR_RETURN(const T* object, cache.get<T>(ref.name, optional));
  if (object == nullptr) {
    return std::optional<std::string>();
  }
  std::optional<std::string> value = data_value(*object, ref.key);
  if (!value.has_value() && !optional) {
    return Status::not_found("couldn't find key " + ref.key + " in " + std::string(kKind<T>.title) +
                             " " + cache.ns() + "/" + ref.name);
  }
  return value;
}

// One env[] entry's value; nullopt when it stays unset.
Result<std::optional<std::string>> env_var_value(const api::EnvVar& var, const api::Pod& pod,
                                                 const api::Container& container,
                                                 const PodEnvContext& where, ConfigCache& cache,
                                                 const EnvList& env) {
  if (!var.value.empty() || !var.value_from.has_value()) {
    return std::optional<std::string>(
        oci::expand_env_refs(var.value, [&](std::string_view name) { return env.get(name); }));
  }
  const api::EnvVarSource& from = *var.value_from;
  if (from.field_ref.has_value()) {
    HERD_ASSIGN_OR_RETURN(std::string value, oci::pod_field_value(*from.field_ref, pod, where));
    return std::optional<std::string>(std::move(value));
  }
  if (from.resource_field_ref.has_value()) {
    HERD_ASSIGN_OR_RETURN(std::string value, oci::resource_field_value(*from.resource_field_ref,
                                                                       pod, container, where));
    return std::optional<std::string>(std::move(value));
  }
  if (from.config_map_key_ref.has_value()) {
    return key_ref_value<api::ConfigMap>(cache, *from.config_map_key_ref);
  }
  if (from.secret_key_ref.has_value()) {
    return key_ref_value<api::Secret>(cache, *from.secret_key_ref);
  }
  return std::optional<std::string>(std::string());  // an empty valueFrom: an empty value
}

// containerd's order: a default PATH, HOSTNAME, the image's Env, the pod's.
std::vector<std::string> process_env(const std::vector<std::string>& image_env,
                                     const std::string& hostname,
                                     const std::vector<EnvVarValue>& declared) {
  EnvList env;
  env.set("PATH", std::string(kDefaultPath));
  env.set("HOSTNAME", hostname);
  for (const std::string& entry : image_env) {
    const std::size_t eq = entry.find('=');
    if (eq != std::string::npos) {
      env.set(entry.substr(0, eq), entry.substr(eq + 1));
    }
  }
  for (const EnvVarValue& var : declared) {
    env.set(var.name, var.value);
  }
  std::vector<std::string> out;
  out.reserve(env.vars().size());
  for (const EnvVarValue& var : env.vars()) {
    out.push_back(var.name + "=" + var.value);
  }
  return out;
}

}  // namespace

Result<ContainerEnv> container_env(const api::Pod& pod, const api::Container& container,
                                   const std::vector<std::string>& image_env,
                                   const PodEnvContext& where, const ConfigSource& configs) {
  ConfigCache cache(configs, pod.metadata.namespace_);
  EnvList env;
  ContainerEnv out;
  for (const api::EnvFromSource& from : container.env_from) {
    if (from.config_map_ref.has_value()) {
      HERD_RETURN_IF_ERROR(add_env_from<api::ConfigMap>(cache, *from.config_map_ref, from.prefix,
                                                        env, out.warnings));
    } else if (from.secret_ref.has_value()) {
      HERD_RETURN_IF_ERROR(
          add_env_from<api::Secret>(cache, *from.secret_ref, from.prefix, env, out.warnings));
    }
  }
  for (const api::EnvVar& var : container.env) {
    HERD_ASSIGN_OR_RETURN(std::optional<std::string> value,
                          env_var_value(var, pod, container, where, cache, env));
    if (value.has_value()) {
      env.set(var.name, std::move(*value));
    }
  }
  out.declared = env.vars();
  out.process_env = process_env(image_env, where.hostname, out.declared);
  return out;
}

std::string pod_hostname(const api::Pod& pod) {
  constexpr std::size_t kMaxLength = 63;
  std::string name = pod.spec.hostname.empty() ? pod.metadata.name : pod.spec.hostname;
  if (name.size() > kMaxLength) {
    name.resize(kMaxLength);
    while (!name.empty() && (name.back() == '-' || name.back() == '.')) {
      name.pop_back();
    }
  }
  return name;
}

}  // namespace herd::runtime
