#pragma once

// SimulatedRuntime: a PodRuntime that runs nothing (herd's KWOK). Pods
// "start" after a delay, get a made-up IP, report their containers running
// and ready, and from then on do only what a script tells them: exit after a
// while with a code, never become ready, fail to start. For scale tests and
// benchmarks only; the Node it backs says "simulated" everywhere
// (ARCHITECTURE.md: simulated nodes are only used where a test says so).
//
// Time passes only through the runtime::Scheduler given at construction
// (the control plane's timers, or a test's fake): nothing here sleeps.
//
// One pod's life (every arrow after "start_pod" is a scheduled delay):
//
//   start_pod ──start_delay──► start-failure? ── yes ──► kPodFailed (waits for stop_pod)
//                                   │ no
//                                   ▼
//        kPodStarted, kContainerStarted × n ──ready_after──► kReady(true)   (unless ready: false)
//                                   │
//                             exit_after (if set)
//                                   ▼
//        kReady(false), kContainerExited × n ──► restartPolicy Always, or OnFailure and code ≠ 0:
//                                   │              back-off 10s, 20s, 40s ... 300s, then
//                                   │              kContainerStarted × n again (and the cycle repeats)
//                                   ▼ otherwise
//                              stays exited
//
//   stop_pod (at any point) ──► kReady(false) if ready, kContainerExited × running
//            (code 0 "Completed": simulated containers exit on SIGTERM; with
//            ignore-sigterm they are killed after the grace period instead:
//            code 137, signal 9, "Error"), then kPodStopped; the IP is free again.
//
// Only app containers are reported: init containers are taken to have
// succeeded at once (the node agent derives the pod's phase from the
// statuses of spec.containers).
//
// Pod IPs: node `node_index` owns 10.<(244 + node_index / 256) % 256>.<node_index % 256>.0/24:
// 10.244.<node_index>.0/24 for the first 256 nodes, as a Kubernetes /16
// cluster CIDR split per node, then on into the next /16s, so up to 65,536
// simulated nodes (node 4999: 10.7.135.0/24) get disjoint ranges. .1 is the node's bridge, as
// with Kubernetes' bridge CNI plugin; a pod gets the lowest free address .2
// to .254, free again once its pod stopped.
//
// Thread-safe: every method, the scheduled callbacks and the sink calls run
// under one recursive mutex, so events of a pod are reported in order and
// never concurrently; a sink may call back into the runtime (e.g. stop_pod).
// Timers still pending when the runtime is destroyed do nothing.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "herd/runtime/pod_runtime.hpp"

namespace herd::runtime {

/// How simulated pods behave. Unset members keep the runtime's defaults.
/// Annotations on a pod override its script member by member:
///   sim.herd.io/start-delay: "2s"          start_delay
///   sim.herd.io/ready-after: "5s"          ready_after
///   sim.herd.io/exit-after: "5s"           exit_after (Go duration syntax: 300ms, 5s, 1m30s, 2h)
///   sim.herd.io/exit-code: "1"             exit_code
///   sim.herd.io/ready: "false"             ready (never ready)
///   sim.herd.io/start-failure: "ErrImagePull"   start_failure
///   sim.herd.io/ignore-sigterm: "true"     ignore_sigterm
/// An annotation that does not parse fails the pod (kPodFailed, reason
/// "CreateContainerConfigError", the message names the annotation).
struct SimulatedScript {
  /// From start_pod to kPodStarted; default SimulatedRuntimeOptions::start_delay.
  std::optional<std::chrono::milliseconds> start_delay;
  /// From the containers starting to kReady(true); default 0 (at once).
  std::optional<std::chrono::milliseconds> ready_after;
  /// How long containers run before exiting; unset: they run until stopped.
  std::optional<std::chrono::milliseconds> exit_after;
  /// The exit code when they exit by themselves.
  std::optional<int> exit_code;
  /// False: the pod never becomes ready (a failing readiness probe).
  std::optional<bool> ready;
  /// Non-empty: the pod never starts and reports kPodFailed with this reason.
  std::optional<std::string> start_failure;
  /// True: containers ignore SIGTERM and are killed when the grace period ends.
  std::optional<bool> ignore_sigterm;
};

struct SimulatedRuntimeOptions {
  /// Default delay from start_pod to kPodStarted.
  std::chrono::milliseconds start_delay{500};
  /// This node's number; picks its pod IP range (see the file comment).
  /// Requires: 0 <= node_index < 65536.
  int node_index = 0;
  /// What capacity() reports.
  NodeResources capacity{api::Quantity::from_int(32),
                         api::Quantity::from_int(256LL << 30, api::QuantityFormat::kBinarySI), 110};
};

class SimulatedRuntime final : public PodRuntime {
 public:
  /// `scheduler` runs every delayed step; it must stay callable for the
  /// runtime's lifetime (callbacks it runs later are harmless).
  explicit SimulatedRuntime(Scheduler scheduler, SimulatedRuntimeOptions options = {});
  ~SimulatedRuntime() override;

  /// Pods whose name starts with `name_prefix` follow `script` (the longest
  /// matching prefix wins; annotations still override). Applies to pods
  /// started after the call.
  void script(std::string name_prefix, SimulatedScript script);

  /// "simulated".
  std::string name() const override;
  NodeResources capacity() const override;
  void start_pod(const std::string& pod_key, const api::Pod& pod, PodEventSink sink) override;
  void stop_pod(const std::string& pod_key, std::chrono::seconds grace) override;
  /// Nothing outlives a simulated runtime, so there is nothing to remove.
  void remove_pods_except(const std::set<std::string>& pod_uids) override;

  /// Pods known to the runtime: started (or failed to start) and not yet
  /// stopped. For tests.
  std::size_t running_pods() const;

  /// The back-off before restart number `restarts` (0-based): 10s, 20s, 40s,
  /// ... capped at 300s, as the kubelet's CrashLoopBackOff.
  static std::chrono::milliseconds restart_back_off(int restarts);

 private:
  struct State;
  std::shared_ptr<State> state_;  // shared with pending timers, which hold it weakly
};

/// Parses a Go duration ("300ms", "5s", "1m30s", "2h", "1.5s"); nullopt when
/// it does not parse or is negative. Pure.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace herd::runtime
