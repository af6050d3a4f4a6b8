#pragma once

// PodWorker: one pod's life on the node, the kubelet's pod worker. It runs
// each step on a thread of its own, one at a time, so a slow pull or a
// containerd call never holds up another pod or the node actor. Everything
// that happens to the pod arrives as a step in its queue: start, a task's
// exit (from containerd's wait), a probe report, a back-off timer, stop.
//
//   start ─► volumes ─► network ─► pod files ─► kPodStarted ─► adopt what
//   containerd already runs for the pod ─► the init containers, one at a
//   time, each to a successful exit ─► start each app container
//
//   start container: image ─► env ─► args ─► mounts ─► OCI spec ─► instance
//     ─► wait ─► start ─► kContainerStarted ─► probes
//     a failure before the task runs: kContainerWaiting <reason>, retried
//     after a back-off (ImagePullBackOff while an image waits)
//
//   exit: OOMKilled | Completed | Error ─► kContainerExited ─► restartPolicy
//     says again: kContainerWaiting CrashLoopBackOff, start after back-off
//
//   stop ─► probes off, timers void ─► stop signal to each running task ─►
//     SIGKILL after the grace ─► every instance, network, volumes, pod
//     directory and cgroups removed ─► kPodStopped; the worker is finished
//
// A step that fails for a reason outside the container is retried on the
// Scheduler; timers and containerd callbacks reach the worker through a
// weak pointer, so a finished worker ignores them.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "herd/api/pod.hpp"
#include "herd/runtime/config_source.hpp"
#include "herd/runtime/container_logs.hpp"
#include "herd/runtime/containerd_client.hpp"
#include "herd/runtime/containerd_runtime.hpp"
#include "herd/runtime/image_store.hpp"
#include "herd/runtime/pod_network.hpp"
#include "herd/runtime/pod_runtime.hpp"
#include "herd/runtime/pod_volumes.hpp"
#include "herd/runtime/prober.hpp"
#include "node_runtime/back_off.hpp"

namespace herd::runtime {

/// The node's parts every pod worker uses; the runtime owns them and outlives
/// its workers.
struct NodeParts {
  containerd::ContainerdClient* containerd = nullptr;
  ImageStore* images = nullptr;
  PodNetwork* network = nullptr;
  PodVolumes* volumes = nullptr;
  const ConfigSource* configs = nullptr;
  ExecRunner* exec = nullptr;
  ProbeExecutor probe_executor;
  Scheduler scheduler;
  LogDriverConfig log_driver;
  std::filesystem::path pods_dir;
  std::string host_ip;
  NodeResources allocatable;
  const ContainerdRuntimeOptions* options = nullptr;
};

class PodWorker : public std::enable_shared_from_this<PodWorker> {
 public:
  PodWorker(const NodeParts& parts, std::string pod_key, api::Pod pod, PodEventSink sink);
  /// Joins the worker's thread (it has finished, or the runtime is going away:
  /// then the pod's containers keep running, to be adopted later).
  ~PodWorker();

  /// Starts the thread and the pod. Call once.
  void start();
  /// Stops the pod: stop signal, SIGKILL after `grace`, cleanup, kPodStopped.
  void stop(std::chrono::seconds grace);
  /// True once kPodStopped was sent.
  bool finished() const;
  const std::string& uid() const { return uid_; }

 private:
  struct ContainerRun;

  // Queueing (any thread).
  void post(std::function<void(PodWorker&)> step);
  void after(std::chrono::milliseconds delay, std::function<void(PodWorker&)> step);
  void loop();
  void emit(PodEvent e);
  PodEvent event(PodEvent::Type type, const ContainerRun* c = nullptr) const;

  // Steps (the worker's thread).
  void set_up_pod();
  void adopt_or_start_containers();
  void start_next();
  bool adopt(ContainerRun& c, const containerd::Container& existing);
  void start_container(std::size_t index);
  Status start_instance(ContainerRun& c, const PulledImage& image);
  void watch_exit(ContainerRun& c);
  void on_exit(std::size_t index, std::string id, Result<containerd::ExitStatus> exit);
  void report_exit(ContainerRun& c, int exit_code, const std::string& reason);
  void after_exit(std::size_t index, std::chrono::milliseconds ran);
  void wait_with(ContainerRun& c, std::string_view reason, const std::string& message);
  void on_probe(ProbeReport report);
  void update_ready();
  void kill_instance(ContainerRun& c, std::chrono::seconds grace);
  std::chrono::seconds grace_period() const;
  void begin_stop(std::chrono::seconds grace);
  void finish_if_stopped();
  void finish();
  void retry_pod_setup(std::string_view reason, const Status& status);

  const NodeParts& parts_;
  const std::string key_;
  const api::Pod pod_;
  const std::string uid_;
  PodEventSink sink_;

  // Queue.
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void(PodWorker&)>> steps_;
  bool finished_ = false;
  std::thread thread_;

  // State: touched only by steps.
  std::vector<std::unique_ptr<ContainerRun>> containers_;
  std::unique_ptr<Prober> prober_;
  std::string pod_ip_;
  std::string etc_hosts_, etc_hostname_, resolv_conf_;
  BackOff setup_back_off_;
  std::string last_setup_failure_;
  bool sandbox_ready_ = false;
  bool stopping_ = false;
  bool ready_ = false;
  uint64_t generation_ = 0;  // timers of an older generation are void (stop bumps it)
};

}  // namespace herd::runtime
