// Reading a ReplicaSet or a ReplicationController into the one shape the
// replica steps work on. The kinds differ in the selector: a ReplicaSet has
// a LabelSelector (matchLabels and matchExpressions), a ReplicationController
// a plain label map.

#include "core/controller.hpp"
#include "herd/base/check.hpp"
#include "replicaset/pod_filters.hpp"
#include "replicaset/replicaset_reconcile.hpp"

namespace herd::actors {
namespace {

// A missing selector matches nothing (Kubernetes' rule, label_selector.hpp);
// an invalid one, which validation should have refused, matches nothing too
// rather than adopting every pod of the namespace.
api::Selector rs_selector(const std::optional<api::LabelSelector>& selector) {
  if (!selector) return api::Selector::nothing();
  Result<api::Selector> s = api::Selector::from_label_selector(*selector);
  return s.ok() ? *s : api::Selector::nothing();
}

// An RC's selector defaults to its template's labels (api defaults do it on
// decode; repeated here for objects built by code). With neither, nothing
// matches: an empty map must not mean "every pod".
api::Selector rc_selector(const api::ReplicationControllerSpec& spec) {
  const api::StringMap* labels = &spec.selector;
  if (labels->empty() && spec.pod_template) labels = &spec.pod_template->metadata.labels;
  return labels->empty() ? api::Selector::nothing() : api::Selector::from_labels(*labels);
}

template <class Workload>
ReplicaTarget common_target(const api::Object& object, const Workload& w) {
  ReplicaTarget t;
  t.kind = std::string(api::kind_of(object).kind);
  t.api_version = api::kind_of(object).api_version();
  t.name = w.metadata.name;
  t.namespace_ = w.metadata.namespace_;
  t.uid = w.metadata.uid;
  t.generation = w.metadata.generation;
  t.deleting = is_terminating(w.metadata);
  t.replicas = w.spec.replicas.value_or(1);
  t.min_ready_seconds = w.spec.min_ready_seconds;
  t.status = w.status;
  t.actor = controller_actor(t.kind);
  return t;
}

}  // namespace

ReplicaTarget replica_target(const api::Object& object) {
  if (const auto* rs = std::get_if<api::ReplicaSet>(&object)) {
    ReplicaTarget t = common_target(object, *rs);
    t.selector = rs_selector(rs->spec.selector);
    t.pod_template = rs->spec.pod_template;
    return t;
  }
  const auto* rc = std::get_if<api::ReplicationController>(&object);
  HERD_CHECK(rc != nullptr) << "replica_target of a " << api::kind_of(object).kind;
  ReplicaTarget t = common_target(object, *rc);
  t.selector = rc_selector(rc->spec);
  t.pod_template = rc->spec.pod_template;
  return t;
}

api::Object with_replica_status(api::Object object, const api::ReplicaStatus& status) {
  if (auto* rs = std::get_if<api::ReplicaSet>(&object)) {
    rs->status = status;
  } else if (auto* rc = std::get_if<api::ReplicationController>(&object)) {
    rc->status = status;
  } else {
    HERD_CHECK(false) << "with_replica_status of a " << api::kind_of(object).kind;
  }
  return object;
}

api::OwnerReference owner_reference_to(const ReplicaTarget& target) {
  return api::OwnerReference{target.api_version, target.kind, target.name, target.uid, true, true};
}

}  // namespace herd::actors
