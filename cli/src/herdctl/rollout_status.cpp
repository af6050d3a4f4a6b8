// rollout_progress and the ReplicaSet revisions; kubectl's messages are
// from its DeploymentStatusViewer and rollback code.

#include <algorithm>
#include <string>

#include "herdctl/fields.hpp"
#include "herdctl/rollout.hpp"

namespace herd::cli::herdctl {
namespace {

bool progress_deadline_exceeded(const api::Value& deployment) {
  const api::Value* conditions = at(deployment, {"status", "conditions"});
  if (conditions == nullptr || !conditions->is_array()) return false;
  for (const api::Value& c : conditions->as_array()) {
    if (text_at(c, {"type"}) == "Progressing" && text_at(c, {"reason"}) == "ProgressDeadlineExceeded") return true;
  }
  return false;
}

}  // namespace

RolloutProgress rollout_progress(const api::Value& deployment) {
  RolloutProgress p;
  std::string name = "deployment \"" + text_at(deployment, {"metadata", "name"}) + "\"";
  std::string waiting = "Waiting for " + name + " rollout to finish: ";
  p.desired = int_at(deployment, {"spec", "replicas"}, 1);
  p.updated = int_at(deployment, {"status", "updatedReplicas"});
  p.available = int_at(deployment, {"status", "availableReplicas"});
  int64_t replicas = int_at(deployment, {"status", "replicas"});
  if (int_at(deployment, {"metadata", "generation"}) > int_at(deployment, {"status", "observedGeneration"})) {
    p.message = "Waiting for deployment spec update to be observed...";
  } else if (progress_deadline_exceeded(deployment)) {
    p.failed = true;
    p.message = name + " exceeded its progress deadline";
  } else if (p.updated < p.desired) {
    p.message = waiting + std::to_string(p.updated) + " out of " + std::to_string(p.desired) +
                " new replicas have been updated...";
  } else if (replicas > p.updated) {
    p.message = waiting + std::to_string(replicas - p.updated) + " old replicas are pending termination...";
  } else if (p.available < p.updated) {
    p.message = waiting + std::to_string(p.available) + " of " + std::to_string(p.updated) +
                " updated replicas are available...";
  } else {
    p.done = true;
    p.message = name + " successfully rolled out";
  }
  return p;
}

std::vector<Revision> revisions_of(const api::Value& deployment, const std::vector<api::Value>& replica_sets) {
  std::string uid = text_at(deployment, {"metadata", "uid"});
  std::vector<Revision> out;
  for (const api::Value& rs : replica_sets) {
    const api::Value* owners = at(rs, {"metadata", "ownerReferences"});
    bool owned = false;
    if (owners != nullptr && owners->is_array()) {
      for (const api::Value& o : owners->as_array()) owned = owned || text_at(o, {"uid"}) == uid;
    }
    const api::Value* annotations = at(rs, {"metadata", "annotations"});
    std::string revision = annotations != nullptr ? text_at(*annotations, {kRevisionAnnotation}) : "";
    if (!owned || revision.empty() || revision.find_first_not_of("0123456789") != std::string::npos ||
        revision.size() > 18) {
      continue;
    }
    out.push_back({std::stoll(revision), rs});
  }
  std::sort(out.begin(), out.end(), [](const Revision& a, const Revision& b) { return a.number < b.number; });
  return out;
}

const Revision* undo_target(const std::vector<Revision>& revisions, int64_t current, int64_t to_revision) {
  const Revision* found = nullptr;
  for (const Revision& r : revisions) {
    if (to_revision != 0 ? r.number == to_revision : r.number != current && r.number < current) found = &r;
  }
  return found;
}

}  // namespace herd::cli::herdctl
