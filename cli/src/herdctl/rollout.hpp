#pragma once

// The pure parts of `rollout`, tested without a server: how far a
// Deployment's rollout is (kubectl's status viewer, message for message)
// and which ReplicaSet holds a revision.

#include <cstdint>
#include <string>
#include <vector>

#include "herd/api/value.hpp"

namespace herd::cli::herdctl {

/// The annotation the Deployment controller numbers ReplicaSets (and the
/// Deployment) with.
inline constexpr char kRevisionAnnotation[] = "deployment.kubernetes.io/revision";

/// How far a Deployment's rollout is.
struct RolloutProgress {
  std::string message;  ///< kubectl's line, e.g. `Waiting for deployment "web" rollout
                        ///< to finish: 1 of 2 updated replicas are available...`
  bool done = false;
  bool failed = false;  ///< Its progress deadline was exceeded (message says so).
  int64_t desired = 0;
  int64_t updated = 0;
  int64_t available = 0;
};

/// The progress of `deployment` as the server sent it.
RolloutProgress rollout_progress(const api::Value& deployment);

/// A ReplicaSet of a Deployment with its deployment.kubernetes.io/revision.
struct Revision {
  int64_t number = 0;
  api::Value replica_set;
};

/// The ReplicaSets of `replica_sets` (a List's items) that `deployment`
/// controls (by ownerReference uid), ordered by revision.
std::vector<Revision> revisions_of(const api::Value& deployment, const std::vector<api::Value>& replica_sets);

/// The revision `rollout undo --to-revision` means: `to_revision`, or for 0
/// the newest one before `current`. Returns nullptr when there is none.
const Revision* undo_target(const std::vector<Revision>& revisions, int64_t current, int64_t to_revision);

}  // namespace herd::cli::herdctl
