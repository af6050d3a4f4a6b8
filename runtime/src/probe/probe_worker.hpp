#pragma once

// ProbeWorker: one probe of one container, ticking on the Scheduler and
// running its action on the ProbeExecutor (prober.hpp has the timeline).
//
// Threads: ticks run on the scheduler's thread and only decide; attempts run
// on an executor thread, count the outcome under the worker's mutex and
// deliver the report outside it. At most one attempt is in flight: a tick
// that finds one still running is skipped (the kubelet's ticker drops ticks
// the same way), so a slow probe never holds up a timer.
//
// Lifetime: timers hold the worker's state weakly and do nothing once it is
// gone or stopped; an attempt in flight holds it (and its action) until the
// action returns, then reports nothing.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "herd/runtime/pod_runtime.hpp"
#include "herd/runtime/prober.hpp"
#include "probe/probe_action.hpp"
#include "probe/probe_settings.hpp"

namespace herd::runtime::probe {

/// Delivers one Prober's reports: one at a time, in order, and none from a
/// worker stopped before delivery began. Thread-safe; the sink may call back
/// into the Prober (the lock is recursive and no other lock is held).
class ReportChannel {
 public:
  explicit ReportChannel(ProbeReportSink sink) : sink_(std::move(sink)) {}
  void deliver(const std::atomic<bool>& stopped, ProbeReport report);

 private:
  std::recursive_mutex mu_;
  ProbeReportSink sink_;
};

/// Whether a container has started: set by its startup probe's first
/// success, true from the outset when it has none. Liveness and readiness
/// probe only once it is true.
using StartedFlag = std::shared_ptr<std::atomic<bool>>;

struct WorkerState;  // probe_worker.cpp

class ProbeWorker {
 public:
  struct Deps {
    Scheduler scheduler;
    ProbeExecutor executor;
    std::shared_ptr<ReportChannel> channel;
  };

  ProbeWorker(std::string container, ProbeKind kind, ProbeSettings settings,
              std::unique_ptr<ProbeAction> action, StartedFlag started, Deps deps);
  /// Stops.
  ~ProbeWorker();
  ProbeWorker(const ProbeWorker&) = delete;
  ProbeWorker& operator=(const ProbeWorker&) = delete;

  /// Reports the initial result and schedules the first tick after the
  /// initial delay. Call once; does nothing after stop().
  void start();
  /// No more ticks, attempts or reports (one already being delivered on
  /// another thread may finish). Idempotent.
  void stop();

 private:
  std::shared_ptr<WorkerState> state_;
};

}  // namespace herd::runtime::probe
