#include "core/object_actor.hpp"

#include <deque>

#include "herd/base/logging.hpp"
#include "herd/events/event_types.hpp"
#include "core/change_fanout.hpp"
#include "core/controller.hpp"
#include "core/garbage_collection.hpp"
#include "core/object_commands.hpp"

namespace herd::actors {
namespace {

// One unit of work: a command from someone (with the promise to answer), or
// the own events of a reconcile step.
struct Work {
  std::optional<Command> command;
  caf::typed_response_promise<CommandResult> promise;
  std::vector<OwnEvent> own;
  std::string own_actor;
};

struct ObjectState {
  static inline const char* name = "herd.object";
  Context* ctx = nullptr;
  std::string key;
  ObjectPtr current;  // null: the object does not exist (yet, or any more)
  std::unique_ptr<Controller> controller;
  std::deque<Work> queue;
  std::optional<Work> appending;  // the work whose events the log has
  std::vector<events::Event> appending_events;
  uint64_t token = 0;
  int outstanding = 0;  // commands of our plans not yet answered
  bool dirty = false;
  bool sync_queued = false;
  std::optional<Clock::TimePoint> requeue_at;
  bool forgetting = false;
};

using Self = ObjectActor::stateful_pointer<ObjectState>;

void pump(Self self);

void mark_dirty(Self self) {
  self->state.dirty = true;
  if (self->state.sync_queued) return;
  self->state.sync_queued = true;
  self->state.ctx->in_flight++;  // until the step runs
  self->send(self, step_atom::value);
}

void deliver(Work& w, CommandResult result) {
  if (w.command && w.promise.pending()) w.promise.deliver(std::move(result));
}

// Watchers decrement in_flight when they handled the change.
void tell(Context& ctx, const WatcherActor& watcher, const ObjectPtr& before, const ObjectPtr& after) {
  if (!watcher) return;
  ctx.in_flight++;
  caf::anon_send(watcher, changed_atom::value, before, after);
}

// Tells the watchers of pods and nodes what changed.
void notify_watchers(Context& ctx, const ObjectPtr& before, const ObjectPtr& after) {
  const StoredObject& any = after ? *after : *before;
  if (any.is<api::Node>()) {
    tell(ctx, ctx.scheduler, before, after);
    return;
  }
  if (!any.is<api::Pod>()) return;
  tell(ctx, ctx.scheduler, before, after);
  std::set<std::string> nodes;
  if (before) nodes.insert(before->as<api::Pod>().spec.node_name);
  if (after) nodes.insert(after->as<api::Pod>().spec.node_name);
  for (const std::string& node : nodes) {
    if (node.empty()) continue;
    tell(ctx, ctx.nodes.find(node), before, after);
  }
}

void publish(Self self, ObjectPtr after) {
  ObjectState& st = self->state;
  ObjectPtr before = st.current;
  if (after) {
    st.ctx->store.put(after);
  } else {
    st.ctx->store.erase(st.key);
  }
  st.current = after;
  std::vector<std::string> keys = interested_keys(st.key, before, after, st.ctx->store);
  if (!keys.empty()) {
    st.ctx->in_flight++;  // until the registry passed the pokes on
    caf::anon_send(st.ctx->registry, sync_atom::value, std::move(keys));
  }
  notify_watchers(*st.ctx, before, after);
}

void on_appended(Self self, AppendOutcome outcome) {
  ObjectState& st = self->state;
  if (outcome.token != st.token || !st.appending) return;
  st.ctx->in_flight--;
  Work work = std::move(*st.appending);
  st.appending.reset();
  std::vector<events::Event> evs = std::move(st.appending_events);
  if (!outcome.status.ok()) {
    HERD_LOG(kWarning, "actors") << st.key << ": append failed: " << outcome.status.to_string();
    deliver(work, CommandResult{outcome.status, std::nullopt, 0});
    mark_dirty(self);  // level-based: the next step tries again
    pump(self);
    return;
  }
  std::optional<api::Object> object;
  if (st.current) object = st.current->object;
  uint64_t seq = st.current ? st.current->seq : 0;
  for (const events::Event& e : evs) {
    Status s = events::apply(object, e);
    // The events were checked before the append; failing now is a bug.
    HERD_CHECK(s.ok()) << st.key << ": acknowledged event does not apply: " << s.to_string();
    seq = e.seq;
  }
  ObjectPtr before = st.current;
  ObjectPtr after = object ? std::make_shared<StoredObject>(StoredObject{st.key, std::move(*object), seq}) : nullptr;
  publish(self, after);
  deliver(work, after ? CommandResult{Status(), after->object, after->seq}
                      : CommandResult{Status(), before->object, seq});
  mark_dirty(self);
  pump(self);
}

// Starts the next append when none is in flight.
void pump(Self self) {
  ObjectState& st = self->state;
  while (!st.appending && !st.queue.empty()) {
    Work work = std::move(st.queue.front());
    st.queue.pop_front();
    Clock::TimePoint now = st.ctx->clock.now();
    Result<std::vector<events::Event>> evs =
        work.command ? events_for(*work.command, st.current.get(), st.ctx->store, now)
        : st.current ? Result<std::vector<events::Event>>(envelopes_for(*st.current, std::move(work.own), work.own_actor, now))
                     : Result<std::vector<events::Event>>(std::vector<events::Event>{});
    if (!evs.ok()) {
      deliver(work, CommandResult{evs.status(), std::nullopt, 0});
      continue;
    }
    if (evs->empty()) {
      deliver(work, st.current ? CommandResult{Status(), st.current->object, st.current->seq}
                               : CommandResult{Status::not_found(st.key + " not found"), std::nullopt, 0});
      continue;
    }
    st.appending = std::move(work);
    st.appending_events = *evs;
    uint64_t token = ++st.token;
    st.ctx->in_flight++;
    ObjectActor handle = caf::actor_cast<ObjectActor>(self);
    st.ctx->log.append(std::move(*evs), [handle, token](Result<std::vector<events::StoredEvent>> r) {
      caf::anon_send(handle, appended_atom::value, AppendOutcome{token, r.status()});
    });
  }
  if (!st.appending && st.queue.empty() && !st.current && !st.forgetting && st.outstanding == 0) {
    st.forgetting = true;
    self->send(st.ctx->registry, forget_atom::value, st.key, caf::actor_cast<ObjectActor>(self));
  }
}

void send_commands(Self self, std::vector<Command> commands) {
  ObjectState& st = self->state;
  for (Command& c : commands) {
    st.outstanding++;
    st.ctx->in_flight++;
    auto done = [self] {
      self->state.outstanding--;
      self->state.ctx->in_flight--;
      if (self->state.outstanding == 0) mark_dirty(self);
    };
    std::string what = c.key;
    self->request(st.ctx->registry, caf::infinite, std::move(c))
        .then(
            [self, done, what](const CommandResult& r) {
              if (!r.status.ok()) {
                HERD_LOG(kDebug, "actors") << self->state.key << " -> " << what << ": " << r.status.to_string();
              }
              done();
            },
            [self, done, what](caf::error& err) {
              HERD_LOG(kWarning, "actors") << self->state.key << " -> " << what << ": " << self->system().render(err);
              done();
            });
  }
}

void schedule_requeue(Self self, std::chrono::milliseconds after) {
  ObjectState& st = self->state;
  Clock::TimePoint at = st.ctx->clock.now() + after;
  if (st.requeue_at && *st.requeue_at <= at) return;
  st.requeue_at = at;
  Context* ctx = st.ctx;
  std::string key = st.key;
  ctx->timers.after(after, [ctx, key] {
    ctx->in_flight++;
    caf::anon_send(ctx->registry, sync_atom::value, std::vector<std::string>{key});
  });
}

void reconcile(Self self) {
  ObjectState& st = self->state;
  st.sync_queued = false;
  st.ctx->in_flight--;
  if (st.requeue_at && st.ctx->clock.now() >= *st.requeue_at) st.requeue_at.reset();
  // Not now: an append or our own commands are in flight; their completion marks us dirty again.
  if (!st.dirty || !st.current || st.appending || !st.queue.empty() || st.outstanding > 0) return;
  st.dirty = false;
  Plan plan = collect_garbage(*st.current, st.ctx->store);
  std::string actor(kGarbageCollector);
  if (plan.empty() && st.controller) {
    plan = st.controller->reconcile(*st.current, st.ctx->store, st.ctx->clock.now());
    actor = controller_actor(api::kind_of(st.current->object).kind);
  }
  if (plan.requeue_after) schedule_requeue(self, *plan.requeue_after);
  if (!plan.events.empty()) {
    Work w;
    w.own = std::move(plan.events);
    w.own_actor = actor;
    st.queue.push_back(std::move(w));
  }
  send_commands(self, std::move(plan.commands));
  pump(self);
}

ObjectActor::behavior_type object_actor(Self self, Context* ctx, std::string key, ObjectPtr initial) {
  self->state.ctx = ctx;
  self->state.key = std::move(key);
  self->state.current = std::move(initial);
  std::string_view kind(self->state.key.data(), self->state.key.find('/'));
  self->state.controller = make_controller(kind);
  return {
      [self](Command& c) -> caf::result<CommandResult> {
        if (self->state.forgetting) return self->delegate(self->state.ctx->registry, std::move(c));
        Work w;
        w.command = std::move(c);
        w.promise = self->make_response_promise<CommandResult>();
        auto promise = w.promise;
        self->state.queue.push_back(std::move(w));
        pump(self);
        return promise;
      },
      [self](sync_atom) {
        if (!self->state.forgetting) mark_dirty(self);
        self->state.ctx->in_flight--;  // counted by whoever poked us
      },
      [self](step_atom) {
        if (self->state.forgetting) {
          self->state.sync_queued = false;
          self->state.ctx->in_flight--;
          return;
        }
        reconcile(self);
      },
      [self](appended_atom, AppendOutcome& outcome) { on_appended(self, std::move(outcome)); },
      [self](forget_atom) { self->quit(); },  // the registry forgot us: nothing more can arrive
  };
}

}  // namespace

ObjectActor spawn_object_actor(caf::actor_system& system, Context& ctx, std::string key, ObjectPtr initial) {
  return system.spawn(object_actor, &ctx, std::move(key), std::move(initial));
}

}  // namespace herd::actors
