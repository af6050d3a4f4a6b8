#pragma once

// PodRuntime: what a node actor drives to run pods on its machine. The
// containerd runtime (real containers) and the simulated runtime (for scale
// tests and benchmarks only) implement it; the node actor knows only this.

#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "herd/api/pod.hpp"
#include "herd/api/quantity.hpp"

namespace herd::runtime {

class ConfigSource;

/// Something that happened to a pod on the node. The node actor turns each
/// into a domain event on the pod (PodStarted, ContainerStarted, ...).
struct PodEvent {
  enum class Type {
    kPodStarted,        ///< Sandbox up: `pod_ip` is set.
    kContainerStarted,  ///< `container` runs (again, after a restart): `restart_count` restarts so far.
    kContainerWaiting,  ///< `container` cannot start yet: `reason` ("ErrImagePull", "CrashLoopBackOff", ...) and `message`.
    kContainerExited,   ///< `container` exited with `exit_code` / `signal`; `reason` e.g. "Completed", "Error", "OOMKilled".
    kReady,             ///< Readiness of the whole pod changed to `ready`.
    kPodFailed,         ///< The pod cannot run: `reason` ("ErrImagePull", ...) and `message`.
    kPodStopped,        ///< stop_pod finished: everything of the pod is gone.
  };
  Type type = Type::kPodStarted;
  std::string pod_key;      ///< "Pod/namespace/name"
  std::string pod_uid;
  std::string container;
  bool init = false;  ///< `container` is one of the pod's init containers.
  std::string container_id;
  std::string image;
  std::string image_id;  ///< kContainerStarted: the image's digest reference, when known.
  std::string pod_ip;
  int exit_code = 0;
  int signal = 0;
  int restart_count = -1;  ///< kContainerStarted: restarts so far; -1 when the runtime does not count.
  bool ready = false;
  std::string reason;
  std::string message;
};

/// Receives a runtime's events. May be called from any thread, but never
/// concurrently for the same pod.
using PodEventSink = std::function<void(PodEvent)>;

/// Schedules `fn` to run after `delay` on the control plane's clock (tests
/// drive that clock by hand). Given to runtimes that wait (simulated delays,
/// back-off), so they never sleep.
using Scheduler = std::function<void(std::chrono::milliseconds delay, std::function<void()> fn)>;

/// What a node agent gives the runtime it makes.
struct RuntimeServices {
  /// The timer every wait goes through.
  Scheduler scheduler;
  /// The ConfigMaps and Secrets pods refer to, as the control plane has them
  /// now; outlives the runtime.
  const ConfigSource* configs = nullptr;
};

/// What the node offers to pods.
struct NodeResources {
  api::Quantity cpu;     ///< e.g. "2"
  api::Quantity memory;  ///< e.g. "8Gi"
  int64_t pods = 110;
};

class PodRuntime {
 public:
  virtual ~PodRuntime() = default;
  /// "containerd" or "simulated": shown in the Node's status so nobody
  /// mistakes a simulated node for a machine.
  virtual std::string name() const = 0;
  virtual NodeResources capacity() const = 0;
  /// Starts `pod` (its spec as bound to this node) and reports progress to
  /// `sink` until stop_pod. Starting a pod already running does nothing.
  virtual void start_pod(const std::string& pod_key, const api::Pod& pod, PodEventSink sink) = 0;
  /// Stops the pod: SIGTERM, then SIGKILL after `grace`; ends with kPodStopped.
  virtual void stop_pod(const std::string& pod_key, std::chrono::seconds grace) = 0;
  /// Removes whatever the runtime still runs or holds for pods other than
  /// `pod_uids` and those it runs now (left from before a restart of the
  /// node agent, for pods deleted meanwhile). The agent calls it after its
  /// first pass, and when a pod it did not start (one that had finished
  /// before) is deleted. Does not block: the removal runs in the background.
  virtual void remove_pods_except(const std::set<std::string>& pod_uids) = 0;
};

}  // namespace herd::runtime
