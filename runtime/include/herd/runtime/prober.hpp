#pragma once

// Prober: a pod's container probes (liveness, readiness, startup) as the
// kubelet runs them. The node side makes one Prober per running pod, calls
// start() when a container starts (and again when it restarts), and acts on
// the ProbeReports it gets back: readiness into the pod's Ready condition,
// `restart` into killing the container, messages into Unhealthy events.
//
// One worker per (container, probe kind) ticks on the runtime::Scheduler:
//
//   start ──initialDelaySeconds──► tick ──periodSeconds──► tick ──► ...
//                                   │
//                                   ├─ gated (liveness/readiness before the startup
//                                   │  probe succeeded) or a probe still in flight: skip
//                                   └─ otherwise: run the action on a ProbeExecutor
//                                      thread; its outcome counts toward
//                                      successThreshold / failureThreshold
//
// Results, as the kubelet's: readiness starts kFailure (not ready) and turns
// kSuccess after successThreshold successes in a row; liveness starts
// kSuccess; startup starts kUnknown (the container has not "started") and
// turns kSuccess after one success, which stops the startup probe and lets
// liveness and readiness run. failureThreshold failures in a row turn a
// result kFailure; for liveness and startup that also sets `restart` and the
// worker stops probing until the container is started again. An action that
// cannot run (a named port the container lacks, an exec runner error) is an
// error: reported with "<Kind> probe errored: ...", counted neither way.
//
// Probe actions: httpGet (HTTP/1.1 over plain sockets; HTTPS without
// certificate verification, as the kubelet), tcpSocket (connect), exec
// (through ExecRunner), grpc (not supported yet: every attempt errors).
// Timing comes only from the Scheduler: nothing here sleeps.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/pod.hpp"
#include "herd/base/result.hpp"
#include "herd/base/status.hpp"
#include "herd/runtime/pod_runtime.hpp"

namespace herd::runtime {

/// Which of a container's three probes.
enum class ProbeKind { kLiveness, kReadiness, kStartup };

/// "Liveness", "Readiness" or "Startup", as the kubelet starts its messages.
std::string_view probe_kind_name(ProbeKind kind);

/// A probe's result after thresholds (the kubelet's results.Result).
enum class ProbeResult {
  kUnknown,  ///< Not known yet: a startup probe that has not succeeded.
  kSuccess,
  kFailure,
};

/// What a Prober tells its owner. Delivered when a worker starts (its initial
/// result), whenever the result changes, and after every attempt that
/// failed, errored or warned (then `message` says why).
struct ProbeReport {
  std::string container;
  ProbeKind kind = ProbeKind::kLiveness;
  ProbeResult result = ProbeResult::kUnknown;  ///< The result now.
  bool changed = false;  ///< `result` differs from the previous report's (true on the first).
  /// Liveness or startup failed failureThreshold times in a row: kill the
  /// container and let its restart policy act (the kubelet's event says
  /// "Container <name> failed liveness probe, will be restarted"). This kind
  /// is no longer probed until start() is called for the new container.
  bool restart = false;
  /// This attempt's complaint, as the kubelet words its events:
  ///   "Liveness probe failed: HTTP probe failed with statuscode: 500"
  ///   "Readiness probe failed: Get \"http://10.244.0.5:9876/health\": dial tcp
  ///    10.244.0.5:9876: connect: connection refused"
  ///   "Startup probe errored: port \"web\" not found in container \"app\""
  ///   "Readiness probe warning: Probe terminated redirects, Response body: ..."
  /// Empty when the attempt succeeded (or for the initial report).
  std::string message;
};

/// Receives reports. Called on the scheduler's thread or a probe thread, never
/// while the Prober holds a lock (it may call back into the Prober); reports of
/// one worker arrive in order and never concurrently.
using ProbeReportSink = std::function<void(ProbeReport)>;

/// The outcome of a command run inside a container.
struct ExecResult {
  int exit_code = 0;
  std::string output;      ///< stdout and stderr combined; may be truncated.
  bool timed_out = false;  ///< The command did not finish within the timeout.
};

/// Runs exec probe commands inside running containers. The containerd runtime
/// implements it with a task exec; tests use a fake.
class ExecRunner {
 public:
  virtual ~ExecRunner() = default;
  /// Runs `command` in the container `container_id` and waits at most
  /// `timeout` for it; on timeout returns an ExecResult with `timed_out` set
  /// (and kills the process if it can). A non-OK Status means the command
  /// could not be run at all (container gone: kNotFound; runtime unreachable:
  /// kUnavailable); the probe then counts as errored, not failed.
  /// Called from probe threads, several at once.
  virtual Result<ExecResult> run(const std::string& container_id,
                                 const std::vector<std::string>& command,
                                 std::chrono::milliseconds timeout) = 0;
};

/// Runs a job (one probe attempt, which may block up to its timeout) on some
/// thread other than the scheduler's. Must not run the job inline on a
/// Scheduler callback in production; tests may queue jobs and run them by hand.
using ProbeExecutor = std::function<void(std::function<void()> job)>;

/// A fixed set of threads running probe jobs in arrival order, shared by a
/// node's Probers. With more attempts in flight than threads, attempts wait
/// for a free thread (each is bounded by its timeoutSeconds).
/// Thread-safe. The destructor drops queued jobs and joins the threads after
/// their current job; destroy it after the Probers and before anything their
/// actions use (the ExecRunner).
class ProbeThreadPool {
 public:
  /// Requires: threads >= 1.
  explicit ProbeThreadPool(int threads);
  ~ProbeThreadPool();
  ProbeThreadPool(const ProbeThreadPool&) = delete;
  ProbeThreadPool& operator=(const ProbeThreadPool&) = delete;

  /// An executor posting to this pool; valid while the pool lives.
  ProbeExecutor executor();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// The running container whose probes start() runs.
struct ProbeTarget {
  std::string container;     ///< Its name in the pod spec (containers or initContainers).
  std::string container_id;  ///< The runtime's id for it: what exec probes run in.
  std::string pod_ip;        ///< Host of httpGet / tcpSocket probes that name none.
};

/// What a Prober needs. Everything must outlive the Prober (the executor's
/// jobs: see ProbeThreadPool).
struct ProberDeps {
  Scheduler scheduler;         ///< Every tick of every worker.
  ProbeExecutor executor;      ///< Where attempts run.
  ExecRunner* exec = nullptr;  ///< Null: exec probes error ("exec probes are not available").
  ProbeReportSink sink;        ///< Where reports go.
};

/// The probes of one pod's containers.
///
/// Thread-safe: any thread may call any method. Timers and attempts still
/// pending after stop() or the Prober's destruction report nothing.
class Prober {
 public:
  virtual ~Prober() = default;

  /// Starts the probes of `target.container` as `pod` specifies them; the
  /// container has just started. If its probes already run (it restarted),
  /// they start over: initial results, counts and initialDelaySeconds anew.
  /// A container without probes gets no workers and no reports (the kubelet
  /// takes it to be started, live, and ready while it runs).
  /// Returns kNotFound when the pod has no such container, kInvalidArgument
  /// for a probe the API would have refused (no or several actions, a
  /// negative number, successThreshold != 1 on liveness/startup); then none
  /// of the container's probes run. Zero fields take the API defaults
  /// (periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3).
  virtual Status start(const api::Pod& pod, const ProbeTarget& target) = 0;

  /// Stops the probes of `container` (it exited or is being killed); nothing
  /// more is reported for it. Unknown names are ignored.
  virtual void stop(const std::string& container) = 0;

  /// Stops every container's probes (the pod is stopping).
  virtual void stop_all() = 0;
};

/// The Prober with the real actions (sockets, `deps.exec`).
std::unique_ptr<Prober> make_prober(ProberDeps deps);

}  // namespace herd::runtime
