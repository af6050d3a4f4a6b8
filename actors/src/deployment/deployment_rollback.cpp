// Rollback, as Kubernetes' rollback.go, and herd's automatic rollback.
//
// kubectl rolls back by copying an old ReplicaSet's template into
// spec.template; that needs nothing from the controller but the revision
// reuse in deployment_sync.cpp. herd also takes the request the old
// apps/v1beta1 rollbackTo field made, as the annotation
// deployment.kubernetes.io/rollback-to: "<revision>" ("" or "0": the one
// before the current). The controller answers every request with one
// DeploymentRolledBack event, which sets the template (the old one, or the
// current one when nothing can be done, with the reason saying why) and
// removes the annotation.
//
// Automatic rollback (annotation herd.io/auto-rollback: "true"): when a new
// revision misses its progress deadline, the Deployment goes back to the
// newest revision that once ran all its replicas available (marked
// herd.io/available on its ReplicaSet). The failed ReplicaSet is marked with
// its revision, so the same failed revision is never rolled back twice; a
// revision that was itself available once is not rolled back at all (its
// failure is the cluster's, not the template's).

#include <string>

#include "deployment/deployment_reconcile.hpp"
#include "herd/events/event_types.hpp"

namespace herd::actors::deployment {
namespace {

// Kubernetes' LastRevision: the second highest revision.
int64_t last_revision(const Step& s) {
  int64_t max = 0, second = 0;
  for (const RsEntry* e : s.all_entries()) {
    int64_t v = e->revision();
    if (v >= max) {
      second = max;
      max = v;
    } else if (v > second) {
      second = v;
    }
  }
  return second;
}

const RsEntry* with_revision(const Step& s, int64_t revision) {
  for (const RsEntry* e : s.all_entries()) {
    if (e->revision() == revision) return e;
  }
  return nullptr;
}

int64_t current_revision(const Step& s) {
  const RsEntry* n = s.new_entry();
  return n ? n->revision() : revision_of(s.d.metadata);
}

void rolled_back(Step& s, int64_t to, const api::PodTemplateSpec& t, std::string reason) {
  api::Value data = api::Value::object();
  data.set("fromRevision", api::Value::integer(current_revision(s)));
  data.set("toRevision", api::Value::integer(to));
  data.set("template", template_value(without_hash(t)));
  data.set("reason", api::Value::string(std::move(reason)));
  s.events.push_back(OwnEvent{std::string(events::types::kDeploymentRolledBack), std::move(data)});
}

// A request that changes nothing is still answered: the event keeps the
// current template, says why, and clears the request.
void refuse(Step& s, std::string_view why, const std::string& detail) {
  rolled_back(s, current_revision(s), s.d.spec.pod_template, std::string(why) + ": " + detail);
}

bool marked_available(const RsEntry& e) {
  auto it = e.rs.metadata.annotations.find(std::string(kAvailableAnnotation));
  return it != e.rs.metadata.annotations.end() && it->second == "true";
}

// The newest revision that ran fully available, with another template.
const RsEntry* last_available(const Step& s) {
  const RsEntry* best = nullptr;
  for (const RsEntry* e : s.old_entries()) {
    if (!marked_available(*e) || equal_ignore_hash(e->rs.spec.pod_template, s.d.spec.pod_template)) continue;
    if (best == nullptr || e->revision() > best->revision()) best = e;
  }
  return best;
}

}  // namespace

std::optional<std::string> rollback_request(const api::Deployment& d) {
  auto it = d.metadata.annotations.find(std::string(kRollbackToAnnotation));
  if (it == d.metadata.annotations.end()) return std::nullopt;
  return it->second;
}

void rollback(Step& s) {
  // As Kubernetes: the current template gets its ReplicaSet (and revision)
  // first, so "the previous revision" means the one before it.
  if (!create_new_replica_set(s)) return;
  std::string text = rollback_request(s.d).value_or("");
  std::optional<int64_t> to = text.empty() ? 0 : parse_int(text);
  if (!to || *to < 0) return refuse(s, kRollbackRevisionNotFound, "\"" + text + "\" is not a revision");
  if (*to == 0 && (to = last_revision(s)) == 0) {
    return refuse(s, kRollbackRevisionNotFound, "unable to find the previous revision");
  }
  const RsEntry* target = with_revision(s, *to);
  if (target == nullptr) {
    return refuse(s, kRollbackRevisionNotFound, "revision " + std::to_string(*to) + " does not exist");
  }
  if (equal_ignore_hash(target->rs.spec.pod_template, s.d.spec.pod_template)) {
    return refuse(s, kRollbackTemplateUnchanged, "revision " + std::to_string(*to) + " has the current template");
  }
  rolled_back(s, *to, target->rs.spec.pod_template, "rolled back to revision " + std::to_string(*to) + " on request");
}

bool auto_rollback(Step& s) {
  auto flag = s.d.metadata.annotations.find(std::string(kAutoRollbackAnnotation));
  if (flag == s.d.metadata.annotations.end() || flag->second != "true") return false;
  const api::Condition* c = find_condition(s.d.status, kProgressing);
  if (c == nullptr || c->status != "False" || c->reason != kProgressDeadlineExceeded) return false;
  RsEntry* failed = s.new_entry();
  if (failed == nullptr || marked_available(*failed)) return false;
  int64_t revision = failed->revision();
  if (int_annotation(failed->rs.metadata, kAutoRolledBackAnnotation) == revision) return false;
  const RsEntry* target = last_available(s);
  if (target == nullptr) return false;
  std::string reason = "revision " + std::to_string(revision) + " missed its progress deadline of " +
                       std::to_string(progress_deadline_seconds(s.d).value_or(0)) + "s; rolled back to revision " +
                       std::to_string(target->revision());
  rolled_back(s, target->revision(), target->rs.spec.pod_template, reason);
  failed->rs.metadata.annotations[std::string(kAutoRolledBackAnnotation)] = std::to_string(revision);
  // The old revision gets a deadline of its own, from now.
  set_condition(s.status, new_condition(kProgressing, "True", kDeploymentRolledBack, reason, s.now));
  return true;
}

void mark_available(Step& s) {
  RsEntry* n = s.new_entry();
  int32_t want = desired_replicas(s.d);
  if (n == nullptr || n->created() || want == 0 || marked_available(*n)) return;
  if (n->replicas() != want || n->rs.status.available_replicas < want) return;
  n->rs.metadata.annotations[std::string(kAvailableAnnotation)] = "true";
}

}  // namespace herd::actors::deployment
