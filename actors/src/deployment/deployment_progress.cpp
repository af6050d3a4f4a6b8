// Status and conditions, as Kubernetes' progress.go and sync.go's
// calculateStatus: the counts the ReplicaSets add up to, Available, and
// Progressing with its deadline.
//
// Progressing moves through NewReplicaSetCreated / FoundNewReplicaSet (a new
// template seen), ReplicaSetUpdated (any progress: more updated, ready or
// available pods, fewer old ones; each bumps lastUpdateTime), and ends in
// NewReplicaSetAvailable (True) or, when lastUpdateTime is older than
// progressDeadlineSeconds, ProgressDeadlineExceeded (False). A step that sees
// no progress requeues itself for the moment the deadline passes.

#include <algorithm>

#include "deployment/deployment_reconcile.hpp"
#include "herd/events/event.hpp"

namespace herd::actors::deployment {
namespace {

// Kubernetes' DeploymentProgressing: anything moved since the stored status.
bool deployment_progressing(const api::DeploymentStatus& before, const api::DeploymentStatus& after) {
  int32_t old_before = before.replicas - before.updated_replicas;
  int32_t old_after = after.replicas - after.updated_replicas;
  return after.updated_replicas > before.updated_replicas || old_after < old_before ||
         after.ready_replicas > before.ready_replicas || after.available_replicas > before.available_replicas;
}

std::optional<Clock::TimePoint> time_of(const std::string& rfc3339) {
  Result<int64_t> ns = events::parse_time(rfc3339);
  if (!ns.ok()) return std::nullopt;
  return Clock::TimePoint(std::chrono::duration_cast<Clock::TimePoint::duration>(std::chrono::nanoseconds(ns.value())));
}

// When the progress deadline of `c` passes; nullopt without a usable time.
std::optional<Clock::TimePoint> deadline_of(const api::Condition& c, int32_t seconds) {
  std::optional<Clock::TimePoint> from = time_of(c.last_update_time);
  if (!from) return std::nullopt;
  return *from + std::chrono::seconds(seconds);
}

// Kubernetes' DeploymentTimedOut.
bool timed_out(const Step& s, const api::DeploymentStatus& status) {
  std::optional<int32_t> seconds = progress_deadline_seconds(s.d);
  const api::Condition* c = find_condition(status, kProgressing);
  if (!seconds || c == nullptr || c->reason == kNewReplicaSetAvailable) return false;
  if (c->reason == kProgressDeadlineExceeded) return true;
  std::optional<Clock::TimePoint> deadline = deadline_of(*c, *seconds);
  return deadline && *deadline < s.now;
}

std::string subject(const Step& s) {
  const RsEntry* n = s.new_entry();
  return n ? "ReplicaSet \"" + n->name() + "\"" : "Deployment \"" + s.d.metadata.name + "\"";
}

// The Progressing condition for `next`, compared with the stored status.
void estimate_progress(const Step& s, api::DeploymentStatus& next) {
  const api::Condition* current = find_condition(s.status, kProgressing);
  bool complete_before = next.replicas == next.updated_replicas && current && current->reason == kNewReplicaSetAvailable;
  if (complete_before) return;
  if (deployment_complete(s.d, next)) {
    set_condition(next, new_condition(kProgressing, "True", kNewReplicaSetAvailable,
                                      subject(s) + " has successfully progressed.", s.now));
  } else if (deployment_progressing(s.d.status, next)) {
    // Progress refreshes lastUpdateTime even with the same reason, which
    // set_condition alone would not; the transition time stays while True.
    api::Condition c = new_condition(kProgressing, "True", kReplicaSetUpdated, subject(s) + " is progressing.", s.now);
    if (current && current->status == "True") c.last_transition_time = current->last_transition_time;
    remove_condition(next, kProgressing);
    set_condition(next, std::move(c));
  } else if (timed_out(s, next)) {
    set_condition(next, new_condition(kProgressing, "False", kProgressDeadlineExceeded,
                                      subject(s) + " has timed out progressing.", s.now));
  }
}

// Kubernetes' requeueStuckDeployment: wake up just after the deadline of a
// rollout that is neither complete nor timed out. E.g. Progressing updated
// at 00:00:00, deadline 600s, now 00:03:00: in 7 minutes (and a second).
void requeue_at_deadline(Step& s, const api::DeploymentStatus& next) {
  std::optional<int32_t> seconds = progress_deadline_seconds(s.d);
  const api::Condition* c = find_condition(next, kProgressing);
  if (!seconds || c == nullptr || c->reason == kProgressDeadlineExceeded || deployment_complete(s.d, next)) return;
  std::optional<Clock::TimePoint> deadline = deadline_of(*c, *seconds);
  if (!deadline) return;
  auto after = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - s.now);
  s.requeue(std::max(after, std::chrono::milliseconds(0)) + std::chrono::seconds(1));
}

}  // namespace

bool deployment_complete(const api::Deployment& d, const api::DeploymentStatus& status) {
  int32_t want = desired_replicas(d);
  return status.updated_replicas == want && status.replicas == want && status.available_replicas == want &&
         status.observed_generation >= d.metadata.generation;
}

void check_paused_conditions(Step& s) {
  if (!progress_deadline_seconds(s.d)) return;
  const api::Condition* c = find_condition(s.status, kProgressing);
  // A reported lack of progress stays; pausing does not hide it.
  if (c && c->reason == kProgressDeadlineExceeded) return;
  bool paused_condition = c && c->reason == kDeploymentPaused;
  if (s.d.spec.paused && !paused_condition) {
    set_condition(s.status, new_condition(kProgressing, "Unknown", kDeploymentPaused, "Deployment is paused", s.now));
  } else if (!s.d.spec.paused && paused_condition) {
    // Resuming restarts the deadline: its lastUpdateTime is now.
    set_condition(s.status, new_condition(kProgressing, "Unknown", kDeploymentResumed, "Deployment is resumed", s.now));
  }
}

api::DeploymentStatus calculate_status(const Step& s) {
  api::DeploymentStatus st;
  int32_t total = 0;
  for (const RsEntry* e : s.all_entries()) {
    const api::ReplicaSetStatus& rs = e->rs.status;
    st.replicas += rs.replicas;
    st.ready_replicas += rs.ready_replicas;
    st.available_replicas += rs.available_replicas;
    total += e->replicas();
  }
  if (const RsEntry* n = s.new_entry()) st.updated_replicas = n->rs.status.replicas;
  // More available than wanted (while scaling down) is not negative unavailability.
  st.unavailable_replicas = std::max(0, total - st.available_replicas);
  st.observed_generation = s.d.metadata.generation;
  st.collision_count = s.status.collision_count;
  st.conditions = s.status.conditions;
  if (st.available_replicas >= desired_replicas(s.d) - max_unavailable(s.d)) {
    set_condition(st, new_condition(kAvailable, "True", kMinimumReplicasAvailable,
                                    "Deployment has minimum availability.", s.now));
  } else {
    set_condition(st, new_condition(kAvailable, "False", kMinimumReplicasUnavailable,
                                    "Deployment does not have minimum availability.", s.now));
  }
  return st;
}

void sync_deployment_status(Step& s) {
  s.status = calculate_status(s);
  mark_available(s);
}

void sync_rollout_status(Step& s) {
  api::DeploymentStatus next = calculate_status(s);
  if (!progress_deadline_seconds(s.d)) {
    remove_condition(next, kProgressing);
  } else {
    estimate_progress(s, next);
    requeue_at_deadline(s, next);
  }
  s.status = std::move(next);
  mark_available(s);
}

}  // namespace herd::actors::deployment
