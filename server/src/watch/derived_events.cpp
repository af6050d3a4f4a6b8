#include "watch/derived_events.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "herd/api/manifest.hpp"
#include "herd/events/event_types.hpp"

namespace herd::server::watch {
namespace {

namespace types = events::types;

std::string text(const api::Value& data, std::string_view key) {
  const api::Value* v = data.find(key);
  return v == nullptr ? "" : v->scalar_text();
}

// "controller:deployment" -> "deployment-controller"; "node:n1" -> "kubelet"; users as they are.
std::string component_of(const std::string& actor) {
  if (actor == "controller:scheduler") return "default-scheduler";
  if (actor.rfind("controller:", 0) == 0) return actor.substr(11) + "-controller";
  if (actor.rfind("node:", 0) == 0) return "kubelet";
  return actor.empty() ? "herd" : actor;
}

api::ObjectReference reference(std::string_view kind, const std::string& namespace_, const std::string& name,
                               const std::string& uid) {
  api::ObjectReference ref;
  ref.kind = std::string(kind);
  ref.namespace_ = namespace_;
  ref.name = name;
  ref.uid = uid;
  if (const api::KindInfo* info = api::find_kind(kind)) ref.api_version = info->api_version();
  return ref;
}

// The controller owner of an object, as a reference, if it has one.
std::optional<api::ObjectReference> owner_of(const api::Object& object) {
  const api::ObjectMeta& meta = api::meta(object);
  for (const api::OwnerReference& o : meta.owner_references) {
    if (o.controller.value_or(false)) return reference(o.kind, meta.namespace_, o.name, o.uid);
  }
  return std::nullopt;
}

std::string lower(std::string_view kind) {
  std::string out(kind);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Derived {
  api::ObjectReference about;
  std::string type = "Normal";
  std::string reason;
  std::string message;
};

std::optional<Derived> derive(const events::Event& e, const api::Object* before, const ObjectLookup& lookup) {
  const api::Value& d = e.data;
  Derived out;
  out.about = reference(e.kind, e.namespace_, e.name, e.uid);
  if (e.type == types::kPodScheduled) {
    out.reason = "Scheduled";
    out.message = "Successfully assigned " + e.namespace_ + "/" + e.name + " to " + text(d, "nodeName");
  } else if (e.type == types::kContainerStarted) {
    out.reason = "Started";
    out.message = "Started container " + text(d, "container");
  } else if (e.type == types::kContainerWaiting) {
    std::string reason = text(d, "reason");
    if (reason == "ContainerCreating" || reason == "PodInitializing") return std::nullopt;
    out.type = "Warning";
    out.reason = reason == "ErrImagePull" ? "Failed" : "BackOff";
    out.message = reason + ": container " + text(d, "container") +
                  (text(d, "message").empty() ? "" : ": " + text(d, "message"));
  } else if (e.type == types::kContainerExited) {
    if (text(d, "exitCode") == "0") return std::nullopt;
    out.type = "Warning";
    out.reason = "Exited";
    out.message = events::summarize(e);
  } else if (e.type == types::kObjectCreated || e.type == types::kObjectDeleted) {
    const api::Value* encoded = d.find("object");
    std::optional<api::Object> object;
    if (encoded != nullptr) {
      Result<api::Object> decoded = api::decode_stored_object(*encoded);
      if (decoded.ok()) object = std::move(*decoded);
    } else if (before != nullptr) {
      object = *before;
    }
    if (!object) return std::nullopt;
    std::optional<api::ObjectReference> owner = owner_of(*object);
    if (!owner) return std::nullopt;
    const api::Object* stored_owner = lookup(events::object_key(owner->kind, owner->namespace_, owner->name));
    if (stored_owner != nullptr) owner->uid = api::meta(*stored_owner).uid;
    bool created = e.type == types::kObjectCreated;
    out.about = *owner;
    out.reason = created ? "SuccessfulCreate" : "SuccessfulDelete";
    out.message = std::string(created ? "Created " : "Deleted ") + lower(e.kind) + ": " + e.name;
  } else if (e.type == types::kReplicaSetScaled) {
    const api::Object* rs = lookup(events::object_key(e.kind, e.namespace_, e.name));
    std::optional<api::ObjectReference> owner = rs != nullptr ? owner_of(*rs) : std::nullopt;
    if (owner) out.about = *owner;
    int64_t from = std::atoll(text(d, "from").c_str());
    int64_t to = std::atoll(text(d, "to").c_str());
    out.reason = "ScalingReplicaSet";
    out.message = std::string(to >= from ? "Scaled up" : "Scaled down") + " replica set " + e.name + " from " +
                  std::to_string(from) + " to " + std::to_string(to);
  } else if (e.type == types::kDeploymentRolledBack) {
    out.reason = "DeploymentRollback";
    out.message = "Rolled back deployment \"" + e.name + "\" to revision " + text(d, "toRevision") +
                  (text(d, "reason").empty() ? "" : ": " + text(d, "reason"));
  } else if (e.type == types::kJobCompleted) {
    out.reason = "Completed";
    out.message = "Job completed";
  } else if (e.type == types::kJobFailed) {
    out.type = "Warning";
    out.reason = text(d, "reason").empty() ? "Failed" : text(d, "reason");
    out.message = text(d, "message");
  } else {
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<api::Event> kubernetes_event(const events::Event& event, const api::Object* before,
                                           const ObjectLookup& lookup) {
  std::optional<Derived> derived = derive(event, before, lookup);
  if (!derived) return std::nullopt;
  api::Event out;
  out.api_version = "v1";
  out.kind = "Event";
  // Kubernetes names an Event <object>.<unique hex>; the event id makes it stable across replays.
  std::string id = event.id;
  id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
  out.metadata.name = derived->about.name + "." + id.substr(0, 16);
  out.metadata.namespace_ = derived->about.namespace_.empty() ? "default" : derived->about.namespace_;
  out.metadata.uid = event.id;
  std::string time = events::format_time(event.time_ns);
  out.metadata.creation_timestamp = time.substr(0, 19) + "Z";
  out.involved_object = std::move(derived->about);
  out.reason = std::move(derived->reason);
  out.message = std::move(derived->message);
  out.type = std::move(derived->type);
  out.source.component = component_of(event.actor);
  out.first_timestamp = out.metadata.creation_timestamp;
  out.last_timestamp = out.metadata.creation_timestamp;
  out.count = 1;
  out.reporting_component = out.source.component;
  return out;
}

}  // namespace herd::server::watch
