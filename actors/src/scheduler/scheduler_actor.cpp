#include "scheduler/scheduler_actor.hpp"

#include <deque>
#include <set>
#include <unordered_map>

#include "herd/base/logging.hpp"
#include "herd/events/event_types.hpp"
#include "core/object_commands.hpp"
#include "scheduler/scheduler_schedule_one.hpp"

namespace herd::actors {
namespace {

constexpr std::size_t kPodsPerPass = 1000;  // then yield to other messages
constexpr std::string_view kActor = "controller:scheduler";

struct SchedulerState {
  static inline const char* name = "herd.scheduler";
  Context* ctx = nullptr;
  sched::SchedulerCache cache;
  std::deque<std::string> queue;  // pending pod keys, oldest first
  std::set<std::string> queued;
  std::unordered_map<std::string, std::string> unschedulable;  // key -> last message
  std::size_t start_index = 0;
  bool pass_queued = false;
  // Room may have appeared since the last pass: the next pass first queues
  // every unschedulable pod again. A flag rather than a loop per event, so a
  // burst of node and pod changes costs one sweep of the unschedulable pods.
  bool retry_wanted = false;
};

using Self = SchedulerActor::stateful_pointer<SchedulerState>;

void enqueue(Self self, const std::string& key) {
  if (self->state.queued.insert(key).second) self->state.queue.push_back(key);
}

void queue_pass(Self self) {
  if (self->state.pass_queued || (self->state.queue.empty() && !self->state.retry_wanted)) return;
  self->state.pass_queued = true;
  self->state.ctx->in_flight++;
  self->send(self, schedule_atom::value);
}

// Capacity may have appeared: every unschedulable pod gets another try, in
// the next pass.
void retry_unschedulable(Self self) {
  if (self->state.unschedulable.empty()) return;
  self->state.retry_wanted = true;
  queue_pass(self);
}

void send(Self self, Command c, std::function<void(const CommandResult&)> then = {}) {
  Context* ctx = self->state.ctx;
  ctx->in_flight++;
  self->request(ctx->registry, caf::infinite, std::move(c))
      .then(
          [ctx, then](const CommandResult& r) {
            ctx->in_flight--;
            if (then) then(r);
          },
          [ctx](caf::error&) { ctx->in_flight--; });
}

void report_unschedulable(Self self, const StoredObject& o, const std::string& message) {
  SchedulerState& st = self->state;
  auto [it, inserted] = st.unschedulable.try_emplace(o.key, message);
  if (!inserted && it->second == message) return;
  it->second = message;
  const api::Pod& pod = o.as<api::Pod>();
  std::string now = rfc3339_seconds(st.ctx->clock.now());
  api::Pod updated = pod;
  bool found = false;
  for (api::Condition& c : updated.status.conditions) {
    if (c.type != "PodScheduled") continue;
    found = true;
    if (c.status != "False") c.last_transition_time = now;
    c.status = "False", c.reason = "Unschedulable", c.message = message;
  }
  if (!found) {
    api::Condition c;
    c.type = "PodScheduled", c.status = "False", c.last_transition_time = now;
    c.reason = "Unschedulable", c.message = message;
    updated.status.conditions.push_back(std::move(c));
  }
  send(self, Command::status(updated, std::string(kActor)));

  api::Event event;
  event.metadata.generate_name = pod.metadata.name + ".";
  event.metadata.namespace_ = pod.metadata.namespace_;
  event.involved_object = api::ObjectReference{"Pod", pod.metadata.namespace_, pod.metadata.name, pod.metadata.uid, "v1", "", ""};
  event.reason = "FailedScheduling";
  event.message = message;
  event.type = "Warning";
  event.source.component = "herd-scheduler";
  event.first_timestamp = event.last_timestamp = now;
  event.count = 1;
  event.reporting_component = "herd-scheduler";
  send(self, Command::create(event, std::string(kActor)));
}

void run_pass(Self self) {
  SchedulerState& st = self->state;
  st.pass_queued = false;
  st.ctx->in_flight--;
  if (st.retry_wanted) {
    st.retry_wanted = false;
    for (const auto& [key, message] : st.unschedulable) enqueue(self, key);
  }
  for (std::size_t n = 0; n < kPodsPerPass && !st.queue.empty(); ++n) {
    std::string key = std::move(st.queue.front());
    st.queue.pop_front();
    st.queued.erase(key);
    ObjectPtr o = st.ctx->store.get(key);
    if (!o || !o->as<api::Pod>().spec.node_name.empty() || !o->meta().deletion_timestamp.empty() ||
        st.cache.is_assumed(key)) {
      continue;
    }
    const api::Pod& pod = o->as<api::Pod>();
    sched::ScheduleOptions options;
    options.start_index = st.start_index;
    sched::ScheduleResult result = sched::schedule_one(pod, st.cache, options);
    st.start_index = result.next_start_index;
    if (!result.ok()) {
      report_unschedulable(self, *o, result.message);
      continue;
    }
    st.unschedulable.erase(key);
    st.cache.assume(key, pod, result.node);
    api::Value data = api::Value::object();
    data.set("nodeName", api::Value::string(result.node));
    send(self, Command::record(key, pod.metadata.uid, std::string(events::types::kPodScheduled), std::move(data),
                               std::string(kActor)),
         [self, key](const CommandResult& r) {
           // The binding failed (the pod went away or changed): undo the assumption.
           if (!r.status.ok() && self->state.cache.is_assumed(key)) self->state.cache.remove_pod(key);
         });
  }
  queue_pass(self);
}

void on_changed(Self self, const ObjectPtr& before, const ObjectPtr& after) {
  SchedulerState& st = self->state;
  const StoredObject& any = after ? *after : *before;
  if (any.is<api::Node>()) {
    // Only a change scheduling reads (a new node, allocatable, labels,
    // taints, readiness) can make room; a plain heartbeat cannot, and with
    // thousands of nodes heartbeats would otherwise retry every
    // unschedulable pod many times a second. A removed node makes no room.
    if (after) {
      if (st.cache.update_node(after->as<api::Node>())) retry_unschedulable(self);
    } else {
      st.cache.remove_node(before->meta().name);
    }
    return;
  }
  if (!after) {
    st.cache.remove_pod(before->key);
    st.unschedulable.erase(before->key);
    if (!before->as<api::Pod>().spec.node_name.empty()) retry_unschedulable(self);
    return;
  }
  const api::Pod& pod = after->as<api::Pod>();
  if (!pod.spec.node_name.empty()) {
    st.cache.add_pod(after->key, pod, pod.spec.node_name);
    if (pod.status.phase == "Succeeded" || pod.status.phase == "Failed") retry_unschedulable(self);
  } else if (pod.metadata.deletion_timestamp.empty() && !st.unschedulable.count(after->key)) {
    enqueue(self, after->key);
    queue_pass(self);
  }
}

}  // namespace

SchedulerActor spawn_scheduler(caf::actor_system& system, Context& ctx) {
  SchedulerActor scheduler = system.spawn([&ctx](Self self) -> SchedulerActor::behavior_type {
    self->state.ctx = &ctx;
    self->state.cache = sched::SchedulerCache::from_store(ctx.store);
    for (const ObjectPtr& p : ctx.store.unscheduled_pods()) enqueue(self, p->key);
    queue_pass(self);
    return {
        [self](changed_atom, ObjectPtr& before, ObjectPtr& after) {
          on_changed(self, before, after);
          self->state.ctx->in_flight--;
        },
        [self](schedule_atom) { run_pass(self); },
    };
  });
  ctx.scheduler = scheduler;
  return scheduler;
}

}  // namespace herd::actors
