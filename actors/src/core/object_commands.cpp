#include "core/object_commands.hpp"

#include "herd/api/manifest.hpp"
#include "herd/api/validation.hpp"
#include "herd/events/event_types.hpp"

namespace herd::actors {
namespace {

using events::Event;

constexpr std::string_view kForegroundFinalizer = "foregroundDeletion";
constexpr std::string_view kOrphanFinalizer = "orphan";
constexpr int64_t kDefaultPodGraceSeconds = 30;

int64_t to_ns(Clock::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

Status check_namespace(const api::Object& object, const ObjectStore& store) {
  const api::KindInfo& kind = api::kind_of(object);
  if (!kind.namespaced) return Status();
  const std::string& ns = api::meta(object).namespace_;
  ObjectPtr n = store.get("Namespace", "", ns);
  if (n == nullptr) return Status::not_found("namespaces \"" + ns + "\" not found");
  if (!n->meta().deletion_timestamp.empty()) {
    return Status::conflict("unable to create new content in namespace " + ns + " because it is being terminated");
  }
  return Status();
}

Status check_preconditions(const Command& c, const StoredObject* current) {
  if (current == nullptr) return Status::not_found(c.key + " not found");
  if (!c.expect_uid.empty() && c.expect_uid != current->meta().uid) {
    return Status::not_found(c.key + " with uid " + c.expect_uid + " not found (uid is now " + current->meta().uid + ")");
  }
  if (!c.expect_resource_version.empty() && c.expect_resource_version != std::to_string(current->seq)) {
    return Status::conflict("Operation cannot be fulfilled on " + c.key +
                            ": the object has been modified; please apply your changes to the latest version "
                            "(resourceVersion " + c.expect_resource_version + ", now " +
                            std::to_string(current->seq) + ")");
  }
  return Status();
}

// Invalid with every field error, as the API server answers (422); commands
// from code (controllers, tests) are checked like decoded manifests.
Status check_valid(const api::Object& object) {
  std::string invalid = api::invalid_object_message(object, api::validate_object(object));
  return invalid.empty() ? Status() : Status::invalid_argument(invalid);
}

Event stamp(Event e, Clock::TimePoint now) {
  e.time_ns = to_ns(now);
  return e;
}

Result<std::vector<Event>> create(const Command& c, const StoredObject* current, const ObjectStore& store,
                                  Clock::TimePoint now) {
  if (current != nullptr) return Status::already_exists(c.key + " already exists");
  api::Object object = *c.object;
  set_type_meta(object);
  api::ObjectMeta& m = api::meta(object);
  if (m.name.empty()) return Status::invalid_argument("metadata.name: Required value");
  HERD_RETURN_IF_ERROR(check_valid(object));
  HERD_RETURN_IF_ERROR(check_namespace(object, store));
  m.uid = events::new_uuid();
  m.creation_timestamp = rfc3339_seconds(now);
  m.generation = 1;
  m.resource_version.clear();
  m.deletion_timestamp.clear();
  m.deletion_grace_period_seconds.reset();
  if (auto* pod = std::get_if<api::Pod>(&object); pod && pod->status.phase.empty()) pod->status.phase = "Pending";
  if (auto* ns = std::get_if<api::Namespace>(&object)) {
    ns->status.phase = "Active";
    if (ns->spec.finalizers.empty()) ns->spec.finalizers.push_back("kubernetes");
  }
  return std::vector<Event>{stamp(events::object_created(object, c.actor, c.cause), now)};
}

// The new object of an update: the caller's metadata that users own, spec
// and the rest from the caller, server-owned metadata and status kept.
Result<api::Object> merged_update(const Command& c, const StoredObject& current, bool status_only) {
  api::Value before = api::encode_object(current.object);
  api::Value given = api::encode_object(*c.object);
  api::Value after = status_only ? before : given;
  // Kinds without a status (ConfigMap, Secret, ...) have no "status" member at all.
  if (status_only) {
    if (const api::Value* s = given.find("status")) after.set("status", *s);
  } else {
    if (const api::Value* s = before.find("status")) {
      after.set("status", *s);
    } else {
      after.take("status");
    }
    api::Value& meta = *after.find("metadata");
    const api::Value& old_meta = *before.find("metadata");
    for (std::string_view owned : {"name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
                                   "deletionGracePeriodSeconds", "generation", "resourceVersion"}) {
      if (const api::Value* v = old_meta.find(owned)) {
        meta.set(std::string(owned), *v);
      } else {
        meta.take(owned);
      }
    }
    after.set("apiVersion", *before.find("apiVersion"));
    after.set("kind", *before.find("kind"));
  }
  HERD_ASSIGN_OR_RETURN(api::Object object, api::decode_stored_object(after));
  if (!status_only) {
    api::Value b = api::encode_object(current.object), a = api::encode_object(object);
    b.take("metadata"), b.take("status"), a.take("metadata"), a.take("status");
    if (!(a == b)) api::meta(object).generation = current.meta().generation + 1;
  }
  return object;
}

Result<std::vector<Event>> update(const Command& c, const StoredObject* current, Clock::TimePoint now,
                                  bool status_only) {
  HERD_RETURN_IF_ERROR(check_preconditions(c, current));
  HERD_ASSIGN_OR_RETURN(api::Object after, merged_update(c, *current, status_only));
  if (!status_only) HERD_RETURN_IF_ERROR(check_valid(after));
  if (after == current->object) return std::vector<Event>{};
  const api::ObjectMeta& m = api::meta(after);
  // Removing the last finalizer of an object being deleted completes the deletion.
  if (!m.deletion_timestamp.empty() && m.finalizers.empty() && !current->meta().finalizers.empty()) {
    return std::vector<Event>{stamp(events::object_deleted(current->object, current->seq + 1, c.actor, c.cause), now)};
  }
  if (status_only) {
    Event e = events::event_about(current->object, current->seq + 1, c.actor, c.cause);
    e.type = std::string(events::types::kStatusUpdated);
    e.data = api::Value::object();
    api::Value encoded = api::encode_object(after);
    e.data.set("status", encoded.find("status") ? *encoded.find("status") : api::Value::object());
    return std::vector<Event>{stamp(std::move(e), now)};
  }
  return std::vector<Event>{
      stamp(events::object_updated(current->object, after, current->seq + 1, c.actor, c.cause), now)};
}

Result<std::vector<Event>> record(const Command& c, const StoredObject* current, Clock::TimePoint now) {
  HERD_RETURN_IF_ERROR(check_preconditions(c, current));
  Event e = events::event_about(current->object, current->seq + 1, c.actor, c.cause);
  e.type = c.event_type;
  e.data = c.data;
  e = stamp(std::move(e), now);
  std::optional<api::Object> trial = current->object;
  HERD_RETURN_IF_ERROR(events::apply(trial, e));
  return std::vector<Event>{std::move(e)};
}

// A deletion that has to wait: deletionTimestamp (and a finalizer) now, the
// removal later (by the node, the namespace controller or the garbage
// collector).
Event begin_deletion(const Command& c, const StoredObject& current, Clock::TimePoint now,
                     std::optional<int64_t> grace, std::string_view finalizer) {
  api::Object after = current.object;
  api::ObjectMeta& m = api::meta(after);
  m.deletion_timestamp = rfc3339_seconds(now + std::chrono::seconds(grace.value_or(0)));
  if (grace) m.deletion_grace_period_seconds = *grace;
  if (!finalizer.empty()) m.finalizers.push_back(std::string(finalizer));
  if (auto* ns = std::get_if<api::Namespace>(&after)) ns->status.phase = "Terminating";
  return stamp(events::object_updated(current.object, after, current.seq + 1, c.actor, c.cause), now);
}

Result<std::vector<Event>> remove(const Command& c, const StoredObject* current, const ObjectStore& store,
                                  Clock::TimePoint now) {
  HERD_RETURN_IF_ERROR(check_preconditions(c, current));
  const api::ObjectMeta& m = current->meta();
  Event removal = stamp(events::object_deleted(current->object, current->seq + 1, c.actor, c.cause), now);
  if (const auto* pod = std::get_if<api::Pod>(&current->object)) {
    int64_t grace = c.grace_seconds.value_or(pod->spec.termination_grace_period_seconds.value_or(kDefaultPodGraceSeconds));
    // Only a pod's node can say its containers are gone; an unbound pod has none.
    if (pod->spec.node_name.empty() || grace == 0) return std::vector<Event>{std::move(removal)};
    if (!m.deletion_timestamp.empty()) return std::vector<Event>{};
    return std::vector<Event>{begin_deletion(c, *current, now, grace, {})};
  }
  if (std::holds_alternative<api::Namespace>(current->object)) {
    if (m.deletion_timestamp.empty()) return std::vector<Event>{begin_deletion(c, *current, now, std::nullopt, {})};
    // The namespace controller removes it once everything in it is gone.
    if (c.actor == "controller:namespace") return std::vector<Event>{std::move(removal)};
    return std::vector<Event>{};
  }
  if (!m.deletion_timestamp.empty()) return std::vector<Event>{};
  bool has_dependents = !store.owned_by(m.uid).empty();
  if (has_dependents && c.propagation == Propagation::kForeground) {
    return std::vector<Event>{begin_deletion(c, *current, now, std::nullopt, kForegroundFinalizer)};
  }
  if (has_dependents && c.propagation == Propagation::kOrphan) {
    return std::vector<Event>{begin_deletion(c, *current, now, std::nullopt, kOrphanFinalizer)};
  }
  return std::vector<Event>{std::move(removal)};
}

}  // namespace

std::string rfc3339_seconds(Clock::TimePoint t) {
  std::string full = events::format_time(to_ns(t));  // "...T09:03:05.123456789Z"
  return full.substr(0, full.find('.')) + "Z";
}

void set_type_meta(api::Object& object) {
  const api::KindInfo& info = api::kind_of(object);
  std::visit(
      [&](auto& o) {
        o.api_version = info.api_version();
        o.kind = std::string(info.kind);
      },
      object);
}

Result<std::vector<Event>> events_for(const Command& c, const StoredObject* current, const ObjectStore& store,
                                      Clock::TimePoint now) {
  switch (c.op) {
    case Command::Op::kCreate:
      return create(c, current, store, now);
    case Command::Op::kUpdate:
      return update(c, current, now, false);
    case Command::Op::kStatus:
      return update(c, current, now, true);
    case Command::Op::kRecord:
      return record(c, current, now);
    case Command::Op::kDelete:
      return remove(c, current, store, now);
  }
  return Status::internal("unknown command");
}

std::vector<Event> envelopes_for(const StoredObject& self, std::vector<OwnEvent> own, std::string actor,
                                 Clock::TimePoint now) {
  std::vector<Event> out;
  uint64_t seq = self.seq;
  for (OwnEvent& o : own) {
    Event e = events::event_about(self.object, ++seq, actor, {});
    e.type = std::move(o.type);
    e.data = std::move(o.data);
    out.push_back(stamp(std::move(e), now));
  }
  return out;
}

}  // namespace herd::actors
