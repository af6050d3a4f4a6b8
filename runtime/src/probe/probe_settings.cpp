#include "probe/probe_settings.hpp"

#include <string>

namespace herd::runtime::probe {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// A field of the probe: 0 takes `fallback` (the API default), negative is refused.
Result<int> field_or_default(int32_t value, int fallback, const char* name) {
  if (value < 0) {
    return Status::invalid_argument(std::string(name) +
                                    " must not be negative: " + std::to_string(value));
  }
  return value == 0 ? fallback : value;
}

}  // namespace

Result<ProbeSettings> probe_settings(const api::Probe& probe, ProbeKind kind) {
  int handlers = probe.exec.has_value() + probe.http_get.has_value() +
                 probe.tcp_socket.has_value() + probe.grpc.has_value();
  if (handlers != 1) {
    return Status::invalid_argument(handlers == 0 ? "must specify a handler type"
                                                  : "may not specify more than 1 handler type");
  }
  if (probe.exec && probe.exec->command.empty()) {
    return Status::invalid_argument("exec.command must not be empty");
  }
  ProbeSettings settings;
  HERD_ASSIGN_OR_RETURN(int delay,
                        field_or_default(probe.initial_delay_seconds, 0, "initialDelaySeconds"));
  HERD_ASSIGN_OR_RETURN(int period, field_or_default(probe.period_seconds, 10, "periodSeconds"));
  HERD_ASSIGN_OR_RETURN(int timeout, field_or_default(probe.timeout_seconds, 1, "timeoutSeconds"));
  HERD_ASSIGN_OR_RETURN(settings.success_threshold,
                        field_or_default(probe.success_threshold, 1, "successThreshold"));
  HERD_ASSIGN_OR_RETURN(settings.failure_threshold,
                        field_or_default(probe.failure_threshold, 3, "failureThreshold"));
  if (kind != ProbeKind::kReadiness && settings.success_threshold != 1) {
    return Status::invalid_argument("successThreshold must be 1 for a " +
                                    std::string(probe_kind_name(kind)) + " probe, not " +
                                    std::to_string(settings.success_threshold));
  }
  settings.initial_delay = seconds(delay);
  settings.period = seconds(period);
  settings.timeout = seconds(timeout);
  return settings;
}

ResultTracker::ResultTracker(ProbeKind kind, int success_threshold, int failure_threshold)
    : kind_(kind),
      success_threshold_(success_threshold),
      failure_threshold_(failure_threshold),
      result_(kind == ProbeKind::kReadiness  ? ProbeResult::kFailure
              : kind == ProbeKind::kLiveness ? ProbeResult::kSuccess
                                             : ProbeResult::kUnknown) {}

ResultTracker::Step ResultTracker::record(ProbeOutcome::Kind outcome) {
  if (outcome == ProbeOutcome::Kind::kError) {
    return {};  // the kubelet throws an errored attempt away
  }
  ProbeResult attempt =
      outcome == ProbeOutcome::Kind::kFailure ? ProbeResult::kFailure : ProbeResult::kSuccess;
  if (attempt == last_) {
    ++run_;
  } else {
    last_ = attempt;
    run_ = 1;
  }
  int threshold = attempt == ProbeResult::kFailure ? failure_threshold_ : success_threshold_;
  if (run_ < threshold) {
    return {};
  }
  Step step;
  step.changed = result_ != attempt;
  result_ = attempt;
  if (attempt == ProbeResult::kFailure && kind_ != ProbeKind::kReadiness) {
    // Held until the container is started again; the next one counts afresh.
    step.restart = true;
    step.done = true;
    run_ = 0;
  }
  if (attempt == ProbeResult::kSuccess && kind_ == ProbeKind::kStartup) {
    step.done = true;  // the container has started; liveness and readiness take over
  }
  return step;
}

}  // namespace herd::runtime::probe

namespace herd::runtime {

std::string_view probe_kind_name(ProbeKind kind) {
  switch (kind) {
    case ProbeKind::kLiveness:
      return "Liveness";
    case ProbeKind::kReadiness:
      return "Readiness";
    case ProbeKind::kStartup:
      return "Startup";
  }
  return "Unknown";
}

}  // namespace herd::runtime
