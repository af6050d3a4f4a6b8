#include "core/plan.hpp"

#include "herd/api/manifest.hpp"
#include "herd/events/event.hpp"
#include "herd/events/event_types.hpp"

namespace herd::actors {
namespace {

std::string key_of(const api::Object& object) {
  const api::ObjectMeta& m = api::meta(object);
  return events::object_key(api::kind_of(object).kind, m.namespace_, m.name);
}

api::Value status_of(const api::Object& object) {
  api::Value doc = api::encode_object(object);
  api::Value* status = doc.find("status");
  return status ? std::move(*status) : api::Value::object();
}

}  // namespace

Command Command::create(api::Object object, std::string actor, std::string cause) {
  Command c;
  c.op = Op::kCreate;
  c.key = key_of(object);
  c.object = std::move(object);
  c.actor = std::move(actor);
  c.cause = std::move(cause);
  return c;
}

Command Command::update(api::Object object, std::string actor, std::string cause) {
  Command c = create(std::move(object), std::move(actor), std::move(cause));
  c.op = Op::kUpdate;
  c.expect_uid = api::meta(*c.object).uid;
  return c;
}

Command Command::status(api::Object object, std::string actor, std::string cause) {
  Command c = update(std::move(object), std::move(actor), std::move(cause));
  c.op = Op::kStatus;
  return c;
}

Command Command::remove(std::string key, std::string uid, std::string actor, Propagation propagation,
                        std::string cause) {
  Command c;
  c.op = Op::kDelete;
  c.key = std::move(key);
  c.expect_uid = std::move(uid);
  c.propagation = propagation;
  c.actor = std::move(actor);
  c.cause = std::move(cause);
  return c;
}

Command Command::record(std::string key, std::string uid, std::string event_type, api::Value data,
                        std::string actor, std::string cause) {
  Command c;
  c.op = Op::kRecord;
  c.key = std::move(key);
  c.expect_uid = std::move(uid);
  c.event_type = std::move(event_type);
  c.data = std::move(data);
  c.actor = std::move(actor);
  c.cause = std::move(cause);
  return c;
}

void Plan::requeue(std::chrono::milliseconds after) {
  if (!requeue_after || after < *requeue_after) requeue_after = after;
}

std::optional<OwnEvent> status_change(const api::Object& current, const api::Object& updated) {
  api::Value before = status_of(current);
  api::Value after = status_of(updated);
  if (before == after) return std::nullopt;
  api::Value data = api::Value::object();
  data.set("status", std::move(after));
  return OwnEvent{std::string(events::types::kStatusUpdated), std::move(data)};
}

}  // namespace herd::actors
