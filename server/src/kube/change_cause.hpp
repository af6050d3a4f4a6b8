#pragma once

// The kubernetes.io/change-cause annotation: why a Deployment got a new
// revision. Kubernetes leaves it to clients (kubectl --record, deprecated),
// so `kubectl rollout history` mostly prints <none>; herd's API server
// writes it on every create or update that changes the pod template, from
// what it knows of the request: the command (kubectl and herdctl name it in
// a header), the user, and what changed in the template. The deployment
// controller copies it to the revision's ReplicaSet, where rollout history
// reads it. A value the client sets itself (kubectl annotate) is kept,
// except in a rollback, which carries the old revision's value along.

#include <string>

#include "herd/api/object.hpp"
#include "herd/server/http.hpp"

namespace herd::server::kube {

inline constexpr char kChangeCauseAnnotation[] = "kubernetes.io/change-cause";

/// What a request says about itself: "kubectl set image by admin" (the
/// Kubectl-Command or Herd-Command header, else the User-Agent's program).
std::string request_cause(const HttpRequest& request);

/// Sets `incoming`'s change-cause when it is a Deployment whose pod template
/// differs from `stored`'s (null: a create), unless the client changed the
/// annotation itself. E.g. "kubectl set image by admin: image of sise to
/// nginx:1.27".
void record_change_cause(const api::Object* stored, api::Object& incoming, const HttpRequest& request);

}  // namespace herd::server::kube
