#pragma once

// Running a CNI network configuration list as the spec (1.0.0) asks of a
// runtime: ADD and CHECK call the plugins in order, DEL in reverse; each
// plugin gets its own entry of the list with the list's "name" and
// "cniVersion", "runtimeConfig" holding the capability arguments it declares
// in "capabilities", and "prevResult": for ADD the previous plugin's result,
// for CHECK and DEL the list's cached ADD result. The environment carries
// CNI_COMMAND, CNI_CONTAINERID, CNI_NETNS, CNI_IFNAME, CNI_ARGS and CNI_PATH.

#include <chrono>
#include <string>

#include "herd/api/value.hpp"
#include "herd/base/result.hpp"
#include "network/plugin_exec.hpp"

namespace herd::runtime::network {

/// What every plugin of one list call gets besides its configuration.
struct CniCall {
  std::string container_id;  ///< CNI_CONTAINERID.
  std::string netns;         ///< CNI_NETNS; "" only for DEL (the netns is gone).
  std::string if_name;       ///< CNI_IFNAME.
  std::string args;          ///< CNI_ARGS.
  std::string plugin_path;   ///< CNI_PATH: directories separated by ':'.
  api::Value capability_args = api::Value::object();  ///< e.g. {"portMappings": [...]}.
  std::chrono::milliseconds timeout{30'000};          ///< Per plugin.
};

/// The stdin of plugin `index` of `conflist`, per the rules above.
/// `prev_result` may be null (the first ADD plugin; DEL without a cache).
/// kInvalidArgument when the list or the entry is malformed.
Result<api::Value> plugin_config(const api::Value& conflist, std::size_t index, const api::Value* prev_result,
                                 const api::Value& capability_args);

/// Where plugin `type` is: the first executable <dir>/<type> of `plugin_path`.
/// kNotFound ("CNI plugin \"bridge\" not found in /usr/lib/cni") otherwise.
Result<std::string> find_plugin(const std::string& type, const std::string& plugin_path);

/// ADD: runs the plugins in order and returns the last one's result. Stops at
/// the first failure and returns it; undoing the plugins that ran is the
/// caller's (del_network_list).
Result<api::Value> add_network_list(PluginExecutor& exec, const api::Value& conflist, const CniCall& call);

/// CHECK: runs the plugins in order with `cached_result` as prevResult;
/// nothing when the list says "disableCheck".
Status check_network_list(PluginExecutor& exec, const api::Value& conflist, const api::Value& cached_result,
                          const CniCall& call);

/// DEL: runs the plugins in reverse order, `cached_result` (may be null) as
/// prevResult. Stops at the first failure, as the spec asks (plugins' DEL is
/// idempotent, so the caller retries the whole list later).
Status del_network_list(PluginExecutor& exec, const api::Value& conflist, const api::Value* cached_result,
                        const CniCall& call);

}  // namespace herd::runtime::network
