#include "herd/events/event_types.hpp"

#include <chrono>

#include "herd/api/manifest.hpp"
#include "object_apply.hpp"

namespace herd::events {
namespace {

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string text_of(const api::Value& data, std::string_view key) {
  const api::Value* v = data.find(key);
  return v ? v->scalar_text() : std::string();
}

void diff(const api::Value& a, const api::Value& b, const std::string& path, std::vector<std::string>& out) {
  if (a.is_object() && b.is_object()) {
    for (const api::Value::Member& m : a.as_object()) {
      const api::Value* other = b.find(m.key);
      std::string child = path.empty() ? m.key : path + "." + m.key;
      if (other == nullptr) {
        out.push_back(child);
      } else {
        diff(m.value, *other, child, out);
      }
    }
    for (const api::Value::Member& m : b.as_object()) {
      if (a.find(m.key) == nullptr) out.push_back(path.empty() ? m.key : path + "." + m.key);
    }
  } else if (a.is_array() && b.is_array() && a.as_array().size() == b.as_array().size()) {
    for (std::size_t i = 0; i < a.as_array().size(); ++i) {
      diff(a.as_array()[i], b.as_array()[i], path + "[" + std::to_string(i) + "]", out);
    }
  } else if (!(a == b)) {
    out.push_back(path);
  }
}

}  // namespace

const std::vector<EventTypeInfo>& all_event_types() {
  static const std::vector<EventTypeInfo> kTypes = {
      {types::kObjectCreated, "the object was created; data.object is it as stored"},
      {types::kObjectUpdated, "the object's spec or metadata changed; data.object is the new object, data.changed the field paths"},
      {types::kStatusUpdated, "the object's status was replaced by data.status"},
      {types::kObjectDeleted, "the object was deleted"},
      {types::kPodScheduled, "the scheduler bound the pod to data.nodeName"},
      {types::kPodStarted, "the node started the pod's sandbox: data.podIP, data.hostIP, data.startTime"},
      {types::kContainerStarted, "a container of the pod started"},
      {types::kContainerWaiting, "a container waits to (re)start: data.reason (ErrImagePull, CrashLoopBackOff, ...)"},
      {types::kContainerExited, "a container exited with data.exitCode"},
      {types::kPodReady, "the pod became ready (data.ready true) or stopped being ready"},
      {types::kPodPhaseChanged, "the pod's phase changed to data.phase"},
      {types::kReplicaSetScaled, "the controller set replicas from data.from to data.to"},
      {types::kDeploymentRevisionCreated, "a new revision (data.revision) of the template, run by data.replicaSet"},
      {types::kDeploymentRolledBack, "the template went back to data.toRevision, for data.reason"},
      {types::kJobCompleted, "the job reached its completions"},
      {types::kJobFailed, "the job failed: data.reason"},
  };
  return kTypes;
}

Status apply(std::optional<api::Object>& object, const Event& event) {
  Status status = apply_lifecycle(object, event);
  if (status.code() != StatusCode::kNotFound) return status.with_context(event.type);
  if (!object.has_value()) {
    return Status::invalid_argument(event.type + " for " + event.object_key() + ", which does not exist");
  }
  status = apply_controller_event(*object, event);
  if (status.code() == StatusCode::kNotFound) {
    return Status::unimplemented("unknown event type \"" + event.type + "\"");
  }
  return status.with_context(event.type);
}

std::string summarize(const Event& e) {
  const api::Value& d = e.data;
  if (e.type == types::kObjectUpdated) {
    std::string out = "changed";
    if (const api::Value* changed = d.find("changed"); changed && changed->is_array()) {
      for (const api::Value& p : changed->as_array()) out += " " + p.scalar_text();
    }
    return out;
  }
  if (e.type == types::kPodScheduled) return "scheduled to " + text_of(d, "nodeName");
  if (e.type == types::kPodStarted) return "started with IP " + text_of(d, "podIP");
  if (e.type == types::kContainerStarted) return "container " + text_of(d, "container") + " started";
  if (e.type == types::kContainerWaiting) {
    return "container " + text_of(d, "container") + " waiting: " + text_of(d, "reason");
  }
  if (e.type == types::kContainerExited) {
    return "container " + text_of(d, "container") + " exited with code " + text_of(d, "exitCode") +
           (text_of(d, "reason").empty() ? "" : " (" + text_of(d, "reason") + ")");
  }
  if (e.type == types::kPodReady) return text_of(d, "ready") == "true" ? "ready" : "not ready";
  if (e.type == types::kPodPhaseChanged) return "phase " + text_of(d, "phase");
  if (e.type == types::kReplicaSetScaled) return "replicas " + text_of(d, "from") + " -> " + text_of(d, "to");
  if (e.type == types::kDeploymentRevisionCreated) {
    return "revision " + text_of(d, "revision") + " (" + text_of(d, "replicaSet") + ")";
  }
  if (e.type == types::kDeploymentRolledBack) {
    return "rolled back to revision " + text_of(d, "toRevision") + ": " + text_of(d, "reason");
  }
  if (e.type == types::kJobFailed) return "failed: " + text_of(d, "reason");
  return "";
}

Event event_about(const api::Object& object, uint64_t seq, std::string actor, std::string cause) {
  const api::KindInfo& kind = api::kind_of(object);
  const api::ObjectMeta& meta = api::meta(object);
  Event e;
  e.id = new_uuid();
  e.kind = std::string(kind.kind);
  e.namespace_ = meta.namespace_;
  e.name = meta.name;
  e.uid = meta.uid;
  e.seq = seq;
  e.time_ns = now_ns();
  e.actor = std::move(actor);
  e.cause = std::move(cause);
  return e;
}

Event object_created(const api::Object& object, std::string actor, std::string cause) {
  Event e = event_about(object, 1, std::move(actor), std::move(cause));
  e.type = std::string(types::kObjectCreated);
  e.data = api::Value::object();
  e.data.set("object", api::encode_object(object));
  return e;
}

Event object_updated(const api::Object& before, const api::Object& after, uint64_t seq, std::string actor,
                     std::string cause) {
  Event e = event_about(after, seq, std::move(actor), std::move(cause));
  e.type = std::string(types::kObjectUpdated);
  api::Value encoded = api::encode_object(after);
  api::Value changed = api::Value::array();
  for (std::string& p : changed_fields(api::encode_object(before), encoded)) changed.push_back(api::Value::string(p));
  e.data = api::Value::object();
  e.data.set("object", std::move(encoded));
  e.data.set("changed", std::move(changed));
  return e;
}

Event object_deleted(const api::Object& object, uint64_t seq, std::string actor, std::string cause) {
  Event e = event_about(object, seq, std::move(actor), std::move(cause));
  e.type = std::string(types::kObjectDeleted);
  e.data = api::Value::object();
  return e;
}

std::vector<std::string> changed_fields(const api::Value& before, const api::Value& after) {
  std::vector<std::string> out;
  diff(before, after, "", out);
  return out;
}

}  // namespace herd::events
