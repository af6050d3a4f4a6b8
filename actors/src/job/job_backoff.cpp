#include "job/job_backoff.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "job/batch_time.hpp"
#include "job/job_status.hpp"

namespace herd::actors {
namespace {

using std::chrono::seconds;

struct FailureRun {
  int32_t failures = 0;  ///< Failed pods finished after the last successful one.
  std::optional<Clock::TimePoint> last_failure;
};

/// Walks the finished pods in finish order: a success ends a run of failures.
FailureRun failures_since_last_success(const JobPods& pods) {
  std::vector<std::pair<Clock::TimePoint, bool>> finished;  // (finish time, failed)
  for (const auto* group : {&pods.succeeded, &pods.failed}) {
    bool failed = group == &pods.failed;
    for (const ObjectPtr& o : *group) {
      std::optional<Clock::TimePoint> t = job_pod_finish_time(o->as<api::Pod>());
      if (t) finished.emplace_back(*t, failed);
    }
  }
  // A success and a failure at the same instant: the failure counts as later.
  std::sort(finished.begin(), finished.end());
  FailureRun run;
  for (const auto& [time, failed] : finished) {
    if (failed) {
      ++run.failures;
      run.last_failure = time;
    } else {
      run.failures = 0;
    }
  }
  return run;
}

}  // namespace

std::chrono::milliseconds job_pod_creation_delay(const JobPods& pods, Clock::TimePoint now) {
  FailureRun run = failures_since_last_success(pods);
  if (run.failures == 0 || !run.last_failure) return std::chrono::milliseconds(0);
  // Worked example: 3 failures in a row wait 10s, 20s, then 40s; the 4th
  // failure's 80s, ... stop at 360s. Doubling stops at the cap, so a long
  // run never overflows.
  seconds backoff = kPodFailureBackoff;
  for (int32_t i = 1; i < run.failures && backoff < kMaxPodFailureBackoff; ++i) {
    backoff = std::min(backoff * 2, kMaxPodFailureBackoff);
  }
  return batch_delay_until(*run.last_failure + backoff, now);
}

bool job_backoff_limit_exceeded(const api::Job& job, int32_t failed, const JobPods& pods) {
  int32_t limit = job_backoff_limit(job.spec);
  if (failed > limit) return true;
  if (job.spec.pod_template.spec.restart_policy != "OnFailure") return false;
  return limit == 0 ? pods.restarts > 0 : pods.restarts >= limit;
}

}  // namespace herd::actors
