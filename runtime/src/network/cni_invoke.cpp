#include "network/cni_invoke.hpp"

#include <unistd.h>

#include <optional>
#include <vector>

#include "herd/api/codec.hpp"
#include "network/cni_result.hpp"

namespace herd::runtime::network {
namespace {

const api::Value::Array* plugin_list(const api::Value& conflist) {
  const api::Value* plugins = conflist.find("plugins");
  return plugins != nullptr && plugins->is_array() ? &plugins->as_array() : nullptr;
}

std::string type_of(const api::Value& plugin) {
  const api::Value* type = plugin.find("type");
  return type != nullptr && type->is_string() ? type->as_string() : "";
}

// runtimeConfig: the capability arguments the plugin asked for in "capabilities".
api::Value runtime_config(const api::Value& plugin, const api::Value& capability_args) {
  api::Value config = api::Value::object();
  const api::Value* capabilities = plugin.find("capabilities");
  if (capabilities == nullptr || !capabilities->is_object() || !capability_args.is_object()) return config;
  for (const api::Value::Member& capability : capabilities->as_object()) {
    const api::Value* arg = capability_args.find(capability.key);
    const bool wanted = capability.value.is_bool() && capability.value.as_bool();
    if (wanted && arg != nullptr) config.set(capability.key, *arg);
  }
  return config;
}

std::vector<std::string> environment(const char* command, const CniCall& call) {
  return {std::string("CNI_COMMAND=") + command,
          "CNI_CONTAINERID=" + call.container_id,
          "CNI_NETNS=" + call.netns,
          "CNI_IFNAME=" + call.if_name,
          "CNI_ARGS=" + call.args,
          "CNI_PATH=" + call.plugin_path,
          // portmap runs iptables; nothing else of herd's environment leaks in.
          "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"};
}

// Runs plugin `index` of the list for `command`; returns its stdout.
Result<std::string> invoke(PluginExecutor& exec, const char* command, const api::Value& conflist, std::size_t index,
                           const api::Value* prev_result, const CniCall& call) {
  HERD_ASSIGN_OR_RETURN(api::Value config, plugin_config(conflist, index, prev_result, call.capability_args));
  const std::string type = type_of(config);
  HERD_ASSIGN_OR_RETURN(std::string path, find_plugin(type, call.plugin_path));
  ExecRequest request{path, environment(command, call), api::to_json(config), call.timeout};
  Result<ExecOutput> output = exec.run(request);
  if (!output.ok()) {
    return output.status().with_context("CNI plugin \"" + type + "\" " + command);
  }
  if (output->exit_code != 0) return plugin_failure(type, command, *output);
  return std::move(output->stdout_data);
}

}  // namespace

Result<api::Value> plugin_config(const api::Value& conflist, std::size_t index, const api::Value* prev_result,
                                 const api::Value& capability_args) {
  const api::Value::Array* plugins = plugin_list(conflist);
  if (plugins == nullptr || index >= plugins->size() || !(*plugins)[index].is_object() ||
      type_of((*plugins)[index]).empty()) {
    return Status::invalid_argument("conflist has no plugin object with a \"type\" at index " +
                                    std::to_string(index));
  }
  api::Value config = (*plugins)[index];
  for (const char* key : {"name", "cniVersion"}) {
    const api::Value* value = conflist.find(key);
    if (value == nullptr || !value->is_string()) {
      return Status::invalid_argument(std::string("conflist has no \"") + key + "\"");
    }
    config.set(key, *value);
  }
  if (prev_result != nullptr) config.set("prevResult", *prev_result);
  config.take("runtimeConfig");  // only the runtime sets it
  if (api::Value runtime = runtime_config(config, capability_args); !runtime.as_object().empty()) {
    config.set("runtimeConfig", std::move(runtime));
  }
  return config;
}

Result<std::string> find_plugin(const std::string& type, const std::string& plugin_path) {
  if (type.empty() || type.find('/') != std::string::npos || type == "." || type == "..") {
    return Status::invalid_argument("CNI plugin type \"" + type + "\" is not a file name");
  }
  std::size_t begin = 0;
  while (begin <= plugin_path.size()) {
    std::size_t end = plugin_path.find(':', begin);
    if (end == std::string::npos) end = plugin_path.size();
    const std::string dir = plugin_path.substr(begin, end - begin);
    if (!dir.empty()) {
      const std::string path = dir + "/" + type;
      if (access(path.c_str(), X_OK) == 0) return path;
    }
    begin = end + 1;
  }
  return Status::not_found("CNI plugin \"" + type + "\" not found in " + plugin_path +
                           " (install Debian's containernetworking-plugins, or set the plugin dir)");
}

Result<api::Value> add_network_list(PluginExecutor& exec, const api::Value& conflist, const CniCall& call) {
  const api::Value::Array* plugins = plugin_list(conflist);
  if (plugins == nullptr || plugins->empty()) return Status::invalid_argument("conflist has no plugins");
  std::optional<api::Value> result;
  for (std::size_t i = 0; i < plugins->size(); ++i) {
    HERD_ASSIGN_OR_RETURN(std::string out, invoke(exec, "ADD", conflist, i, result ? &*result : nullptr, call));
    HERD_ASSIGN_OR_RETURN(result, parse_plugin_result(type_of((*plugins)[i]), "ADD", out));
  }
  return *std::move(result);
}

Status check_network_list(PluginExecutor& exec, const api::Value& conflist, const api::Value& cached_result,
                          const CniCall& call) {
  const api::Value::Array* plugins = plugin_list(conflist);
  if (plugins == nullptr) return Status::invalid_argument("conflist has no plugins");
  if (const api::Value* disabled = conflist.find("disableCheck");
      disabled != nullptr && ((disabled->is_bool() && disabled->as_bool()) ||
                              (disabled->is_string() && disabled->as_string() == "true"))) {
    return Status();
  }
  for (std::size_t i = 0; i < plugins->size(); ++i) {
    HERD_RETURN_IF_ERROR(invoke(exec, "CHECK", conflist, i, &cached_result, call).status());
  }
  return Status();
}

Status del_network_list(PluginExecutor& exec, const api::Value& conflist, const api::Value* cached_result,
                        const CniCall& call) {
  const api::Value::Array* plugins = plugin_list(conflist);
  if (plugins == nullptr) return Status::invalid_argument("conflist has no plugins");
  for (std::size_t i = plugins->size(); i-- > 0;) {
    HERD_RETURN_IF_ERROR(invoke(exec, "DEL", conflist, i, cached_result, call).status());
  }
  return Status();
}

}  // namespace herd::runtime::network
