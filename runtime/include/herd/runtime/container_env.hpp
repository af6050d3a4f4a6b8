#pragma once

// A container's environment, built as Kubernetes builds it: the kubelet's
// part (envFrom, env, $(VAR) expansion, valueFrom) and then containerd's
// part (the image's Env underneath, HOSTNAME, a default PATH).
//
//   image Env ─┐
//   HOSTNAME ──┤                       ┌─► ContainerEnv::declared (what $(VAR) in
//   envFrom ───┼─► container_env() ────┤    command and args expands against)
//   env ───────┘   (ConfigSource for   └─► ContainerEnv::process_env ("NAME=value",
//                   the references)         the OCI spec's process.env)
//
// Pure apart from the ConfigSource calls it makes; safe from any thread when
// the ConfigSource is.

#include <string>
#include <string_view>
#include <vector>

#include "herd/api/pod.hpp"
#include "herd/base/result.hpp"
#include "herd/runtime/config_source.hpp"
#include "herd/runtime/pod_runtime.hpp"

namespace herd::runtime {

/// The waiting reason a pod's container shows while container_env() (or
/// build_oci_spec()) fails; the Status message is the waiting message.
inline constexpr std::string_view kCreateContainerConfigError = "CreateContainerConfigError";

/// The event reason of an EnvWarning about skipped envFrom keys.
inline constexpr std::string_view kInvalidEnvironmentVariableNames =
    "InvalidEnvironmentVariableNames";

/// What the node knows about a pod beyond its spec, for the downward API
/// (env[].valueFrom fieldRef and resourceFieldRef) and HOSTNAME.
struct PodEnvContext {
  /// The pod's IPs, primary first: status.podIP is the first, status.podIPs
  /// all of them joined by ",". Empty before the network is set up.
  std::vector<std::string> pod_ips;
  /// The node's IP: status.hostIP and status.hostIPs.
  std::string host_ip;
  /// The container's hostname, exported as HOSTNAME: pod_hostname(pod), or
  /// the node's hostname for a hostNetwork pod.
  std::string hostname;
  /// What resourceFieldRef reads for a limit the container does not set.
  NodeResources node_allocatable;
};

/// One resolved variable.
struct EnvVarValue {
  std::string name;
  std::string value;
  bool operator==(const EnvVarValue&) const = default;
};

/// Something worth a Warning event on the pod that did not stop the
/// container: envFrom keys that are not valid variable names.
struct EnvWarning {
  std::string reason;   ///< kInvalidEnvironmentVariableNames
  std::string message;  ///< Kubernetes' wording, e.g. "Keys [1x, a b] from the EnvFrom
                        ///< configMap default/app were skipped since they are considered
                        ///< invalid environment variable names."
  bool operator==(const EnvWarning&) const = default;
};

/// A container's environment.
struct ContainerEnv {
  /// The variables the pod declares (envFrom, then env), values resolved and
  /// expanded, each name once, in the order each name first appears. A later
  /// declaration of a name replaces the value in place. This is what the
  /// kubelet hands the runtime, and what $(VAR) in command and args sees.
  std::vector<EnvVarValue> declared;
  /// The process environment as containerd's CRI plugin builds it: PATH
  /// (the image's, else /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin),
  /// HOSTNAME, the image's Env, then `declared`; a name set again replaces
  /// its earlier value in place. "NAME=value" strings.
  std::vector<std::string> process_env;
  std::vector<EnvWarning> warnings;
};

/// Builds `container`'s environment (a container of `pod`, init or not).
///
/// Kubernetes' rules, in order:
///  1. envFrom, in order: every key of the ConfigMap (data; binaryData is
///     not used) or Secret, prefixed by `prefix`. Keys that are then not
///     valid variable names (api::is_env_var_name) are skipped and reported
///     in `warnings`, one per source. A missing source with `optional: true`
///     adds nothing.
///  2. env, in order. A non-empty `value` has its $(VAR) references expanded
///     against the variables defined so far (envFrom and earlier env; not
///     the image's Env: the kubelet does not know it); `$$` is `$`; unknown
///     references stay as written. Otherwise valueFrom: configMapKeyRef and
///     secretKeyRef (a missing object or key with `optional: true` leaves the
///     variable unset), fieldRef, resourceFieldRef (see src/oci/downward_api.hpp).
///  3. Later names replace earlier ones; image Env is underneath everything.
/// `image_env` is the image config's Env ("NAME=value"; an entry without "="
/// is ignored). Each ConfigMap and Secret is read from `configs` at most once.
///
/// Errors (shown as kCreateContainerConfigError with the message):
///  - kNotFound `configmap "app-config" not found`, `secret "db" not found`
///    for a missing object that is not optional;
///  - kNotFound `couldn't find key root in Secret default/mariadb-secrets`
///    (or `in ConfigMap ns/name`) for a missing key that is not optional;
///  - kInvalidArgument for a fieldRef or resourceFieldRef the kubelet
///    rejects ("field label not supported: spec.foo");
///  - any other error of `configs`, with `configmap "ns/name": ` in front.
Result<ContainerEnv> container_env(const api::Pod& pod, const api::Container& container,
                                   const std::vector<std::string>& image_env,
                                   const PodEnvContext& where, const ConfigSource& configs);

/// The hostname the kubelet gives a pod's containers: spec.hostname when
/// set, else metadata.name; cut to 63 characters, then without trailing '-'
/// or '.'. (A hostNetwork pod has the node's hostname instead.)
std::string pod_hostname(const api::Pod& pod);

}  // namespace herd::runtime
