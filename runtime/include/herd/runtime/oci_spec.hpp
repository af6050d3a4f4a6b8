#pragma once

// From a pod's container to what containerd runs: the image's configuration,
// the command line, and the OCI runtime spec (config.json, runtime-spec 1.0.2
// as containerd 1.6's runc v2 shim takes it). Pure functions over values:
// no containerd, no files; the caller fetches, mounts and creates.
//
//   image config blob ─► parse_image_config() ─► ImageConfig ─┐
//   container_env() ─► ContainerEnv ──────────────────────────┼─► container_args()
//                                                             └─► build_oci_spec() ─► JSON
//
// The spec follows what containerd's CRI plugin makes for a Kubernetes
// container (default mounts, capabilities, masked paths, device rules),
// adjusted by the container's securityContext and resources.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/pod.hpp"
#include "herd/base/result.hpp"
#include "herd/runtime/container_env.hpp"

namespace herd::runtime {

/// The waiting reason a pod's container shows while container_args() fails
/// (the kubelet's reason for a runtime's CreateContainer error).
inline constexpr std::string_view kCreateContainerError = "CreateContainerError";

/// The parts of an OCI image configuration (the "config" object of the blob
/// an image manifest points to) that decide how a container runs.
struct ImageConfig {
  std::vector<std::string> entrypoint;
  std::vector<std::string> cmd;
  std::vector<std::string> env;  ///< "NAME=value"
  std::string working_dir;
  std::string user;  ///< "", "uid", "uid:gid", "name", "name:group", "uid:group", ...
  std::vector<std::string> exposed_ports;  ///< Keys of ExposedPorts, e.g. "80/tcp", sorted.
  std::map<std::string, std::string> labels;
  std::string stop_signal;  ///< e.g. "SIGQUIT"; empty when the image says nothing.
  bool operator==(const ImageConfig&) const = default;
};

/// Parses an image configuration blob (application/vnd.oci.image.config.v1+json
/// or Docker's application/vnd.docker.container.image.v1+json):
/// `{"config": {"Entrypoint": [...], "Cmd": [...], "Env": [...], "WorkingDir": "...",
/// "User": "...", "ExposedPorts": {...}, "Labels": {...}, "StopSignal": "..."}, ...}`.
/// Every field may be absent or null (an image without "config" runs only
/// with a command). Other fields (rootfs, history, ...) are ignored.
/// Returns kCorrupt for text that is not a JSON object ("image config: line
/// 1, column 2: ...") or a field of the wrong type ("image config:
/// config.Cmd: not an array of strings").
Result<ImageConfig> parse_image_config(std::string_view json);

/// The process's command line, as Kubernetes and containerd combine them:
///
///   image Entrypoint | image Cmd | command | args      | runs
///   [/ep-1]          | [foo bar] | -       | -         | [/ep-1 foo bar]
///   [/ep-1]          | [foo bar] | [/ep-2] | -         | [/ep-2]
///   [/ep-1]          | [foo bar] | -       | [zoo boo] | [/ep-1 zoo boo]
///   [/ep-1]          | [foo bar] | [/ep-2] | [zoo boo] | [/ep-2 zoo boo]
///
/// `command` replaces Entrypoint and drops Cmd; `args` replace Cmd. $(VAR)
/// in command and args is expanded against `env.declared` (as in env values:
/// `$$` is `$`, unknown references stay); the image's own strings are not
/// expanded. An Entrypoint of exactly [""] counts as none.
/// Returns kInvalidArgument "no command specified" when nothing is left
/// (shown as kCreateContainerError).
Result<std::vector<std::string>> container_args(const ImageConfig& image,
                                                const api::Container& container,
                                                const ContainerEnv& env);

/// How a bind mount propagates mount events (VolumeMount.mountPropagation).
enum class MountPropagation {
  kPrivate,          ///< "None" (the default): rprivate.
  kHostToContainer,  ///< rslave; the rootfs becomes rslave too.
  kBidirectional,    ///< rshared; the rootfs becomes rshared too.
};

/// A host path bound into the container (a volume the caller has prepared).
struct BindMount {
  std::string destination;  ///< Absolute path in the container.
  std::string source;       ///< Absolute path on the host.
  bool read_only = false;
  MountPropagation propagation = MountPropagation::kPrivate;
  bool operator==(const BindMount&) const = default;
};

/// What build_oci_spec() needs besides the pod, the container and the image:
/// what the node prepared for this container. Fill it field by field.
struct OciSpecInput {
  std::vector<std::string> env;   ///< process.env: ContainerEnv::process_env.
  std::vector<std::string> args;  ///< process.args: container_args(); not empty.
  /// The container's volumes, in any order (they are mounted parents first).
  /// One at /etc/hosts, /dev/shm, ... replaces the default mount there; one
  /// at /dev removes every default mount below /dev.
  std::vector<BindMount> mounts;
  /// Host files bound at /etc/hosts, /etc/resolv.conf and /etc/hostname
  /// (read-only when the root filesystem is); empty: not mounted.
  std::string etc_hosts;
  std::string resolv_conf;
  std::string etc_hostname;
  /// The pod's network namespace, e.g. "/var/run/netns/herd-<uid>" or
  /// "/proc/<pid>/ns/net": every container of the pod joins it. Must be
  /// empty exactly when the pod has hostNetwork (no network and no UTS
  /// namespace then). hostPID and hostIPC leave out the pid and ipc
  /// namespaces likewise; otherwise each container gets its own.
  std::string netns_path;
  /// linux.cgroupsPath, e.g. "/herd/<pod-uid>/<container>" (cgroupfs driver);
  /// empty: runc's default.
  std::string cgroups_path;
  /// The UTS hostname; empty: pod_hostname(pod).
  std::string hostname;
  /// linux.resources.pids.limit; none: unlimited.
  std::optional<int64_t> pids_limit;
  /// The image's /etc/passwd and /etc/group, when the caller can read them:
  /// needed only to run as a user or group given by name, and to find the
  /// primary group of a numeric user. Empty: no such file.
  std::string etc_passwd;
  std::string etc_group;
};

/// Builds the OCI runtime spec (config.json, compact JSON text) for
/// `container`, one of `pod`'s containers or init containers, run from an
/// image configured as `image`. Pure; callable from any thread.
///  - process: args and env as given; cwd = workingDir, else the image's
///    WorkingDir, else "/"; terminal false; user from securityContext
///    runAsUser/runAsGroup (the container's over the pod's), else the
///    image's User (names resolved with etc_passwd / etc_group), else 0:0,
///    a numeric user's group from etc_passwd else 0; additionalGids the
///    pod's supplementalGroups and fsGroup; capabilities containerd's 14
///    defaults (bounding, effective, permitted) with securityContext
///    capabilities add/drop ("ALL" allowed) applied, or every capability
///    when privileged; RLIMIT_NOFILE 1024; noNewPrivileges exactly when
///    allowPrivilegeEscalation is false.
///  - root "rootfs", readonly from readOnlyRootFilesystem; hostname (none
///    for a hostNetwork pod: it keeps the node's).
///  - mounts: /proc, /dev, /dev/pts, /dev/shm, /dev/mqueue, /sys (ro),
///    /sys/fs/cgroup (ro), read-write when privileged; then the bind mounts.
///  - linux: namespaces, cgroupsPath; resources: memory.limit (limits.memory
///    in bytes), cpu.quota/period (limits.cpu: 500m is 50000 per 100000),
///    cpu.shares (requests.cpu, else limits.cpu: milliCPU*1024/1000, at
///    least 2), pids.limit, devices (deny all, then allow null, zero, full,
///    random, urandom, tty, console, ptmx, pts, tun; allow all when
///    privileged); maskedPaths and readonlyPaths as containerd's defaults
///    (none when privileged).
/// Returns, shown as kCreateContainerConfigError:
///  - kInvalidArgument with the kubelet's runAsNonRoot messages ("container
///    has runAsNonRoot and image will run as root (pod: \"web_default(uid)\",
///    container: app)", "... image has non-numeric user (nginx), cannot
///    verify user is non-root ...");
///  - kInvalidArgument when args is empty, netns_path does not match
///    hostNetwork, or a mount path is not absolute;
///  - kNotFound "unable to find user nginx: no matching entries in passwd
///    file" (and "... group ...") for names etc_passwd / etc_group lack.
Result<std::string> build_oci_spec(const api::Pod& pod, const api::Container& container,
                                   const ImageConfig& image, const OciSpecInput& input);

}  // namespace herd::runtime
