#pragma once

// ContainerdRuntime: the PodRuntime that runs real pods on this machine
// through containerd (herd's kubelet). It joins the node's parts, each in its
// own folder under runtime/src/:
//
//   start_pod ─► a PodWorker (one thread per pod, its steps in order)
//     volumes ─► network (netns, IP) ─► kPodStarted
//     per container: image (ImageStore) ─► env, args, mounts ─► OCI spec
//       ─► snapshot ─► container ─► task (stdout/stderr to herd-log-driver)
//       ─► kContainerStarted ─► probes (Prober)
//     task exit ─► OOMKilled / Completed / Error ─► kContainerExited
//       ─► restartPolicy: again after back-off (CrashLoopBackOff), or done
//   stop_pod ─► SIGTERM (the image's StopSignal) ─► SIGKILL after the grace
//     ─► tasks, containers, snapshots, network, volumes, logs removed ─► kPodStopped
//
// Everything it makes in containerd carries the labels below, so a node agent
// that restarts adopts what still runs (start_pod of a pod whose containers
// exist) and removes the rest (remove_pods_except). Waiting is on the
// Scheduler only: back-off and grace periods are timers, never sleeps.
//
// Thread safety: the PodRuntime methods may be called from any thread and
// never block on containerd (each pod's worker does).

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "herd/base/result.hpp"
#include "herd/runtime/pod_network.hpp"
#include "herd/runtime/pod_runtime.hpp"
#include "herd/runtime/prober.hpp"
#include "herd/runtime/registry_client.hpp"

namespace herd::runtime {

namespace containerd {
class ContainerdClient;
}

/// Labels on every containerd container the runtime creates.
inline constexpr std::string_view kPodUidLabel = "herd.io/pod-uid";
inline constexpr std::string_view kPodKeyLabel = "herd.io/pod-key";
inline constexpr std::string_view kContainerNameLabel = "herd.io/container";
inline constexpr std::string_view kRestartCountLabel = "herd.io/restart-count";

/// status.containerStatuses[].containerID is this followed by containerd's id.
inline constexpr std::string_view kContainerIdPrefix = "containerd://";

/// The kubelet's reasons a container waits with, beside the image's.
inline constexpr std::string_view kContainerCreating = "ContainerCreating";
inline constexpr std::string_view kCrashLoopBackOff = "CrashLoopBackOff";
inline constexpr std::string_view kImagePullBackOff = "ImagePullBackOff";
inline constexpr std::string_view kFailedCreatePodSandBox = "FailedCreatePodSandBox";

struct ContainerdRuntimeOptions {
  /// containerd's socket (`herd up --containerd PATH`).
  std::string containerd_socket = "/run/containerd/containerd.sock";
  /// containerd namespace of everything herd makes.
  std::string containerd_namespace = "herd";
  std::string snapshotter = "overlayfs";
  /// Per-pod directories: volumes, logs, /etc/hosts and friends.
  std::filesystem::path pods_dir = "/var/lib/herd/pods";
  /// The pods' network; its state_dir belongs under the node's data dir.
  CniNetworkConfig network;
  /// Mirrors, insecure hosts and credentials of the node's registries.
  RegistryConfig registry;
  /// herd-log-driver; empty: the one beside the running executable.
  std::filesystem::path log_driver;
  int64_t log_max_size = 10 * 1024 * 1024;
  int log_max_files = 5;
  /// The node's address, for status.hostIP and the downward API.
  std::string host_ip = "127.0.0.1";
  /// Threads that run probe attempts (each bounded by its timeoutSeconds).
  int probe_threads = 4;
  /// Restart back-off: the first restart waits `initial`, each next one twice
  /// the last up to `max`; a container that ran `reset_after` starts over.
  std::chrono::milliseconds restart_backoff_initial{10'000};
  std::chrono::milliseconds restart_backoff_max{300'000};
  std::chrono::milliseconds restart_backoff_reset_after{600'000};
  /// Retries of a step that failed for a reason outside the container (a
  /// missing ConfigMap, an image pull, the network): first after `initial`,
  /// doubling up to `max`.
  std::chrono::milliseconds retry_initial{1'000};
  std::chrono::milliseconds retry_max{60'000};
};

/// Connects to containerd and opens the node's image store, network and
/// volumes. kUnavailable when containerd does not answer, kInvalidArgument
/// for a bad network or registry configuration; the message names the part.
Result<std::unique_ptr<PodRuntime>> open_containerd_runtime(ContainerdRuntimeOptions options,
                                                            RuntimeServices services);

/// Runs commands in a pod's running containers through containerd's exec
/// (what exec probes use; the API's pods/exec later). Output goes through a
/// file under `scratch_dir`, which must exist. `client` outlives the result.
std::unique_ptr<ExecRunner> make_containerd_exec_runner(containerd::ContainerdClient& client,
                                                        std::filesystem::path scratch_dir);

/// What this machine offers: its CPUs (as the process may use them) and
/// memory (MemTotal of /proc/meminfo), 110 pods.
NodeResources machine_resources();

}  // namespace herd::runtime
