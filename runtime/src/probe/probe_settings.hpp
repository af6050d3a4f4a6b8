#pragma once

// ProbeSettings: a probe's timing and thresholds with the API defaults
// applied, and ResultTracker: the kubelet worker's counting of attempts into
// a result. Both pure: no time, no threads.

#include <chrono>

#include "herd/api/container.hpp"
#include "herd/base/result.hpp"
#include "herd/runtime/prober.hpp"
#include "probe/probe_action.hpp"

namespace herd::runtime::probe {

struct ProbeSettings {
  std::chrono::milliseconds initial_delay{0};
  std::chrono::milliseconds period{10'000};
  std::chrono::milliseconds timeout{1'000};
  int success_threshold = 1;
  int failure_threshold = 3;
  bool operator==(const ProbeSettings&) const = default;
};

/// `probe`'s settings for a probe of `kind`; a zero field takes the API
/// default (a probe built in code rather than decoded). kInvalidArgument for
/// what API validation refuses: no handler or several, a negative field,
/// successThreshold other than 1 on a liveness or startup probe.
Result<ProbeSettings> probe_settings(const api::Probe& probe, ProbeKind kind);

/// Counts attempts into a result as the kubelet's worker does: a result
/// changes after `success_threshold` successes (warnings count as successes)
/// or `failure_threshold` failures in a row; errors count neither way and do
/// not break a run.
class ResultTracker {
 public:
  /// What one attempt did.
  struct Step {
    bool changed = false;  ///< result() is different now.
    bool restart = false;  ///< Liveness/startup reached failure_threshold: restart the container.
    bool done = false;     ///< Stop probing (restart, or the startup probe succeeded).
    bool operator==(const Step&) const = default;
  };

  /// Starts at the kind's initial result: readiness kFailure, liveness
  /// kSuccess, startup kUnknown.
  ResultTracker(ProbeKind kind, int success_threshold, int failure_threshold);

  ProbeResult result() const { return result_; }
  Step record(ProbeOutcome::Kind outcome);

 private:
  ProbeKind kind_;
  int success_threshold_;
  int failure_threshold_;
  ProbeResult result_;
  ProbeResult last_ = ProbeResult::kUnknown;  // the last attempt's, for the run
  int run_ = 0;                               // attempts in a row with last_
};

}  // namespace herd::runtime::probe
