#pragma once

// What CNI plugins print: a result on success, an error object on failure
// (CNI spec 1.0.0, "Result" and "Error"), turned into herd's values.
//
//   result: {"cniVersion": "1.0.0",
//            "interfaces": [{"name": "herd0", ...}, {"name": "veth..", ...},
//                           {"name": "eth0", "mac": "..", "sandbox": "/var/run/netns/herd-<uid>"}],
//            "ips": [{"address": "10.244.0.7/16", "gateway": "10.244.0.1", "interface": 2}],
//            "routes": [...], "dns": {...}}
//   error:  {"cniVersion": "1.0.0", "code": 7, "msg": "invalid network config", "details": ".."}

#include <string>
#include <string_view>

#include "herd/api/value.hpp"
#include "herd/base/result.hpp"
#include "network/plugin_exec.hpp"

namespace herd::runtime::network {

/// The pod's address as an ADD result gives it.
struct PodAddress {
  std::string ip;       ///< Without prefix.
  std::string gateway;  ///< "" when the result names none.
};

/// The address of the pod's interface `if_name` in an ADD result: the first
/// IPv4 entry of "ips" whose "interface" index names `if_name`, else the
/// first IPv4 entry outside 127.0.0.0/8. kCorrupt when there is none or the
/// result is malformed.
Result<PodAddress> pod_address(const api::Value& result, std::string_view if_name);

/// The stdout of a plugin that exited 0 for ADD: one JSON object.
/// kCorrupt ("CNI plugin bridge ADD: ...") when it is not.
Result<api::Value> parse_plugin_result(std::string_view plugin, std::string_view command,
                                       std::string_view stdout_data);

/// The Status for a plugin that exited non-zero. Built from the CNI error
/// object on stdout when there is one (its code picks the StatusCode: 3 →
/// kNotFound; 2, 4, 6, 7 → kInvalidArgument; 1 → kUnimplemented; anything else,
/// 5, 11 and the plugins' own 100+ included, → kUnavailable), else from
/// the exit code and the end of stderr. The message names the plugin and the
/// command: `CNI plugin "bridge" ADD failed (CNI error 7, invalid network
/// config): <msg>: <details>`.
Status plugin_failure(std::string_view plugin, std::string_view command, const ExecOutput& output);

}  // namespace herd::runtime::network
