#include "object_apply.hpp"

#include "herd/api/manifest.hpp"
#include "herd/events/event_types.hpp"

namespace herd::events {
namespace {

Status wrong_shape(const Event& e, std::string_view what) {
  return Status::invalid_argument(e.object_key() + ": data " + std::string(what));
}

const api::Value* member(const api::Value& v, std::string_view key) {
  const api::Value* m = v.find(key);
  return (m && !m->is_null()) ? m : nullptr;
}

std::string str(const api::Value& v, std::string_view key) {
  const api::Value* m = member(v, key);
  return m && m->is_string() ? m->as_string() : std::string();
}

int64_t num(const api::Value& v, std::string_view key) {
  const api::Value* m = member(v, key);
  return m && m->is_int() ? m->as_int() : 0;
}

std::string time_of(const Event& e, std::string_view key) {
  std::string t = str(e.data, key);
  return t.empty() ? format_time(e.time_ns) : t;
}

// Sets condition `type` as Kubernetes does: the transition time moves only
// when the status changes.
void set_condition(std::vector<api::Condition>& conditions, std::string_view type, bool value,
                   const std::string& time, std::string reason = {}, std::string message = {}) {
  std::string status = value ? "True" : "False";
  for (api::Condition& c : conditions) {
    if (c.type != type) continue;
    if (c.status != status) c.last_transition_time = time;
    c.status = status;
    c.reason = std::move(reason);
    c.message = std::move(message);
    return;
  }
  api::Condition c;
  c.type = std::string(type);
  c.status = status;
  c.last_transition_time = time;
  c.reason = std::move(reason);
  c.message = std::move(message);
  conditions.push_back(std::move(c));
}

// The status of the container the event names: data.container, among the
// init containers' statuses when data.init is true.
api::ContainerStatus& container_status(api::Pod& pod, const api::Value& data) {
  const api::Value* init = member(data, "init");
  std::vector<api::ContainerStatus>& statuses = init != nullptr && init->is_bool() && init->as_bool()
                                                    ? pod.status.init_container_statuses
                                                    : pod.status.container_statuses;
  std::string name = str(data, "container");
  for (api::ContainerStatus& s : statuses) {
    if (s.name == name) return s;
  }
  statuses.push_back(api::ContainerStatus{});
  statuses.back().name = name;
  return statuses.back();
}

Status apply_pod(api::Pod& pod, const Event& e) {
  const api::Value& d = e.data;
  if (e.type == types::kPodScheduled) {
    if (str(d, "nodeName").empty()) return wrong_shape(e, "needs nodeName");
    pod.spec.node_name = str(d, "nodeName");
    set_condition(pod.status.conditions, "PodScheduled", true, format_time(e.time_ns));
  } else if (e.type == types::kPodStarted) {
    pod.status.phase = "Running";
    // Why it was Pending (FailedMount, ...) no longer holds.
    pod.status.reason.clear();
    pod.status.message.clear();
    pod.status.pod_ip = str(d, "podIP");
    pod.status.pod_ips = pod.status.pod_ip.empty() ? std::vector<api::PodIp>{} : std::vector{api::PodIp{pod.status.pod_ip}};
    pod.status.host_ip = str(d, "hostIP");
    pod.status.start_time = time_of(e, "startTime");
    set_condition(pod.status.conditions, "Initialized", true, format_time(e.time_ns));
  } else if (e.type == types::kContainerStarted) {
    api::ContainerStatus& s = container_status(pod, d);
    if (s.state.terminated || s.state.running) s.last_state = s.state;
    // The node counts restarts itself; events without the count (older
    // nodes, the simulated runtime) count a start after an exit.
    if (const api::Value* count = member(d, "restartCount"); count != nullptr && count->is_int()) {
      s.restart_count = static_cast<int32_t>(num(d, "restartCount"));
    } else if (s.state.terminated) {
      s.restart_count += 1;
    }
    s.state = api::ContainerState{};
    s.state.running = api::ContainerStateRunning{time_of(e, "startedAt")};
    s.container_id = str(d, "containerID");
    s.image = str(d, "image");
    s.image_id = str(d, "imageID");
    s.started = true;
  } else if (e.type == types::kContainerWaiting) {
    if (str(d, "reason").empty()) return wrong_shape(e, "needs reason");
    api::ContainerStatus& s = container_status(pod, d);
    if (s.state.terminated) s.last_state = s.state;
    s.state = api::ContainerState{};
    s.state.waiting = api::ContainerStateWaiting{str(d, "reason"), str(d, "message")};
    s.ready = false;
    s.started = false;
  } else if (e.type == types::kContainerExited) {
    api::ContainerStatus& s = container_status(pod, d);
    api::ContainerStateTerminated t;
    t.exit_code = static_cast<int32_t>(num(d, "exitCode"));
    t.signal = static_cast<int32_t>(num(d, "signal"));
    t.reason = str(d, "reason");
    t.message = str(d, "message");
    t.started_at = s.state.running ? s.state.running->started_at : std::string();
    t.finished_at = time_of(e, "finishedAt");
    t.container_id = s.container_id;
    s.state = api::ContainerState{};
    s.state.terminated = t;
    s.ready = false;
    s.started = false;
  } else if (e.type == types::kPodReady) {
    const api::Value* ready = member(d, "ready");
    if (ready == nullptr || !ready->is_bool()) return wrong_shape(e, "needs ready: true|false");
    std::string time = time_of(e, "time");
    set_condition(pod.status.conditions, "ContainersReady", ready->as_bool(), time);
    set_condition(pod.status.conditions, "Ready", ready->as_bool(), time);
    for (api::ContainerStatus& s : pod.status.container_statuses) s.ready = ready->as_bool() && s.state.running;
  } else if (e.type == types::kPodPhaseChanged) {
    pod.status.phase = str(d, "phase");
    pod.status.reason = str(d, "reason");
    pod.status.message = str(d, "message");
  } else {
    return Status::not_found(e.type);
  }
  return Status();
}

Status apply_workload(api::Object& object, const Event& e) {
  const api::Value& d = e.data;
  if (e.type == types::kReplicaSetScaled) {
    int32_t to = static_cast<int32_t>(num(d, "to"));
    if (auto* rs = std::get_if<api::ReplicaSet>(&object)) {
      rs->spec.replicas = to;
    } else if (auto* rc = std::get_if<api::ReplicationController>(&object)) {
      rc->spec.replicas = to;
    } else {
      return wrong_shape(e, "is for a ReplicaSet or ReplicationController");
    }
    return Status();
  }
  if (auto* dep = std::get_if<api::Deployment>(&object)) {
    if (e.type == types::kDeploymentRevisionCreated) {
      dep->metadata.annotations["deployment.kubernetes.io/revision"] = d.find("revision") ? d.find("revision")->scalar_text() : "";
      return Status();
    }
    if (e.type == types::kDeploymentRolledBack) {
      const api::Value* tmpl = member(d, "template");
      if (tmpl == nullptr) return wrong_shape(e, "needs the template rolled back to");
      api::Value encoded = api::encode_object(object);
      encoded.find("spec")->set("template", *tmpl);
      HERD_ASSIGN_OR_RETURN(object, api::decode_stored_object(encoded));
      // The event answers a rollback-to request, if there was one: it is done.
      api::meta(object).annotations.erase("deployment.kubernetes.io/rollback-to");
      return Status();
    }
  }
  if (auto* job = std::get_if<api::Job>(&object)) {
    if (e.type == types::kJobCompleted) {
      job->status.completion_time = time_of(e, "completionTime");
      job->status.succeeded = static_cast<int32_t>(num(d, "succeeded"));
      job->status.active = 0;
      set_condition(job->status.conditions, "Complete", true, format_time(e.time_ns));
      return Status();
    }
    if (e.type == types::kJobFailed) {
      job->status.active = 0;
      set_condition(job->status.conditions, "Failed", true, time_of(e, "time"), str(d, "reason"), str(d, "message"));
      return Status();
    }
  }
  return Status::not_found(e.type);
}

}  // namespace

Status apply_lifecycle(std::optional<api::Object>& object, const Event& e) {
  if (e.type == types::kObjectCreated) {
    if (object.has_value()) return Status::invalid_argument(e.object_key() + " already exists");
    const api::Value* doc = member(e.data, "object");
    if (doc == nullptr) return wrong_shape(e, "needs object");
    HERD_ASSIGN_OR_RETURN(object, api::decode_stored_object(*doc));
    return Status();
  }
  if (e.type == types::kObjectDeleted) {
    if (!object.has_value()) return Status::invalid_argument(e.object_key() + " does not exist");
    object.reset();
    return Status();
  }
  if (e.type != types::kObjectUpdated && e.type != types::kStatusUpdated) return Status::not_found(e.type);
  if (!object.has_value()) return Status::invalid_argument(e.object_key() + " does not exist");
  if (e.type == types::kObjectUpdated) return apply_object_updated(*object, e);
  const api::Value* status = member(e.data, "status");
  if (status == nullptr) return wrong_shape(e, "needs status");
  api::Value encoded = api::encode_object(*object);
  encoded.set("status", *status);
  return api::decode_stored_object(encoded, *object);
}

Status apply_object_updated(api::Object& object, const Event& e) {
  const api::Value* doc = member(e.data, "object");
  if (doc == nullptr) return wrong_shape(e, "needs object");
  return api::decode_stored_object(*doc, object);
}

Status apply_controller_event(api::Object& object, const Event& e) {
  if (auto* pod = std::get_if<api::Pod>(&object)) {
    Status s = apply_pod(*pod, e);
    if (s.code() != StatusCode::kNotFound) return s;
  }
  return apply_workload(object, e);
}

}  // namespace herd::events
