#include "job/job_pods.hpp"

#include <algorithm>
#include <string>
#include <tuple>

#include "core/controller.hpp"
#include "job/batch_time.hpp"

namespace herd::actors {
namespace {

const api::Condition* pod_condition(const api::Pod& pod, std::string_view type) {
  for (const api::Condition& c : pod.status.conditions) {
    if (c.type == type) return &c;
  }
  return nullptr;
}

bool pod_ready(const api::Pod& pod) {
  const api::Condition* c = pod_condition(pod, "Ready");
  return c != nullptr && c->status == "True";
}

int32_t pod_restarts(const api::Pod& pod) {
  int32_t sum = 0;
  for (const api::ContainerStatus& s : pod.status.init_container_statuses) sum += s.restart_count;
  for (const api::ContainerStatus& s : pod.status.container_statuses) sum += s.restart_count;
  return sum;
}

/// Pending before Unknown before Running, as controller.ActivePods.
int phase_rank(const std::string& phase) {
  if (phase == "Pending" || phase.empty()) return 0;
  if (phase == "Unknown") return 1;
  return 2;
}

}  // namespace

bool controlled_by_uid(const api::ObjectMeta& meta, std::string_view owner_uid) {
  return std::any_of(meta.owner_references.begin(), meta.owner_references.end(),
                     [&](const api::OwnerReference& r) { return r.uid == owner_uid && r.controller.value_or(false); });
}

JobPods classify_job_pods(const api::Job& job, const ObjectStore& store) {
  JobPods pods;
  for (const ObjectPtr& o : store.owned_by(job.metadata.uid)) {
    if (!o->is<api::Pod>() || !controlled_by_uid(o->meta(), job.metadata.uid)) continue;
    const api::Pod& pod = o->as<api::Pod>();
    bool deleting = !pod.metadata.deletion_timestamp.empty();
    if (pod.status.phase == "Succeeded") {
      pods.succeeded.push_back(o);
    } else if (pod.status.phase == "Failed") {
      if (!deleting) pods.failed.push_back(o);
    } else {
      pods.restarts += pod_restarts(pod);
      if (deleting) {
        ++pods.terminating;
      } else {
        pods.active.push_back(o);
        if (pod_ready(pod)) ++pods.ready;
      }
    }
  }
  return pods;
}

api::Pod job_pod_from_template(const api::Job& job) {
  const api::PodTemplateSpec& tmpl = job.spec.pod_template;
  api::Pod pod;
  pod.api_version = "v1";
  pod.kind = "Pod";
  pod.metadata.generate_name = job.metadata.name + "-";
  pod.metadata.namespace_ = job.metadata.namespace_;
  pod.metadata.labels = tmpl.metadata.labels;
  pod.metadata.annotations = tmpl.metadata.annotations;
  pod.metadata.finalizers = tmpl.metadata.finalizers;
  pod.metadata.labels[std::string(kJobNameLabel)] = job.metadata.name;
  pod.metadata.labels[std::string(kBatchJobNameLabel)] = job.metadata.name;
  pod.metadata.labels[std::string(kControllerUidLabel)] = job.metadata.uid;
  pod.metadata.labels[std::string(kBatchControllerUidLabel)] = job.metadata.uid;
  pod.metadata.owner_references.push_back(
      api::OwnerReference{"batch/v1", "Job", job.metadata.name, job.metadata.uid, true, true});
  pod.spec = tmpl.spec;
  return pod;
}

std::vector<ObjectPtr> job_pods_to_delete(std::vector<ObjectPtr> active, std::size_t count) {
  auto rank = [](const ObjectPtr& o) {
    const api::Pod& p = o->as<api::Pod>();
    // Smaller sorts first; negated so more restarts and newer pods come first.
    return std::make_tuple(!p.spec.node_name.empty(), phase_rank(p.status.phase), pod_ready(p), -pod_restarts(p));
  };
  std::stable_sort(active.begin(), active.end(), [&](const ObjectPtr& a, const ObjectPtr& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (a->meta().creation_timestamp != b->meta().creation_timestamp) {
      return a->meta().creation_timestamp > b->meta().creation_timestamp;
    }
    return a->key < b->key;
  });
  if (active.size() > count) active.resize(count);
  return active;
}

void delete_job_pods(const std::vector<ObjectPtr>& pods, Plan& plan) {
  for (const ObjectPtr& p : pods) {
    plan.commands.push_back(Command::remove(p->key, p->meta().uid, controller_actor("Job")));
  }
}

std::optional<Clock::TimePoint> job_pod_finish_time(const api::Pod& pod) {
  std::optional<Clock::TimePoint> latest;
  for (const api::ContainerStatus& s : pod.status.container_statuses) {
    if (!s.state.terminated) continue;
    std::optional<Clock::TimePoint> t = batch_time_point(s.state.terminated->finished_at);
    if (t && (!latest || *t > *latest)) latest = t;
  }
  if (latest) return latest;
  const api::Condition* ready = pod_condition(pod, "Ready");
  if (ready != nullptr && ready->status == "False") {
    if (auto t = batch_time_point(ready->last_transition_time)) return t;
  }
  if (auto t = batch_time_point(pod.status.start_time)) return t;
  return batch_time_point(pod.metadata.creation_timestamp);
}

}  // namespace herd::actors
