#include "core/registry.hpp"

#include <random>
#include <unordered_map>

#include "herd/events/event.hpp"
#include "core/object_actor.hpp"

namespace herd::actors {
namespace {

struct RegistryState {
  static inline const char* name = "herd.registry";
  Context* ctx = nullptr;
  std::unordered_map<std::string, ObjectActor> actors;
};

using Self = RegistryActor::stateful_pointer<RegistryState>;

// Kubernetes' generateName alphabet: no vowels (no words), no look-alikes.
std::string random_suffix() {
  static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string s;
  for (int i = 0; i < 5; ++i) s += kAlphabet[rng() % (sizeof kAlphabet - 1)];
  return s;
}

ObjectActor actor_for(Self self, const std::string& key, bool create) {
  auto it = self->state.actors.find(key);
  if (it != self->state.actors.end()) return it->second;
  if (!create) return ObjectActor{};
  ObjectActor a = spawn_object_actor(self->system(), *self->state.ctx, key, nullptr);
  self->state.actors.emplace(key, a);
  return a;
}

}  // namespace

void prepare_create(Command& c, const std::function<bool(const std::string&)>& taken) {
  api::ObjectMeta& m = api::meta(*c.object);
  const api::KindInfo& kind = api::kind_of(*c.object);
  if (kind.namespaced && m.namespace_.empty()) m.namespace_ = "default";
  if (!kind.namespaced) m.namespace_.clear();
  if (m.name.empty() && !m.generate_name.empty()) {
    do {
      m.name = m.generate_name + random_suffix();
    } while (taken(events::object_key(kind.kind, m.namespace_, m.name)));
  }
  c.key = events::object_key(kind.kind, m.namespace_, m.name);
}

RegistryActor spawn_registry(caf::actor_system& system, Context& ctx) {
  return system.spawn([&ctx](Self self) -> RegistryActor::behavior_type {
    self->state.ctx = &ctx;
    // Shutdown reaches every object actor through the registry, so that the
    // control plane can wait for all of them before its Context goes.
    self->set_exit_handler([self](caf::exit_msg& m) {
      for (auto& entry : self->state.actors) self->send_exit(entry.second, m.reason);
      self->state.actors.clear();
      self->quit(m.reason);
    });
    return {
        [self](Command& c) -> caf::result<CommandResult> {
          bool create = c.op == Command::Op::kCreate;
          if (create) prepare_create(c, [self](const std::string& k) { return self->state.actors.count(k) > 0; });
          ObjectActor target = actor_for(self, c.key, create);
          if (!target) return CommandResult{Status::not_found(c.key + " not found"), std::nullopt, 0};
          return self->delegate(target, std::move(c));
        },
        [self](sync_atom, std::vector<std::string>& keys) {
          Context& ctx = *self->state.ctx;
          for (const std::string& key : keys) {
            ObjectActor a = actor_for(self, key, false);
            if (!a) continue;
            ctx.in_flight++;  // until the actor took the poke
            self->send(a, sync_atom::value);
          }
          ctx.in_flight--;  // the sender's count of this message
        },
        [self](forget_atom, std::string& key, ObjectActor& actor) {
          auto it = self->state.actors.find(key);
          if (it != self->state.actors.end() && it->second == actor) self->state.actors.erase(it);
          self->send(actor, forget_atom::value);
        },
        [self](load_atom, ObjectPtr& object) {
          std::string key = object->key;
          self->state.actors[key] = spawn_object_actor(self->system(), *self->state.ctx, key, std::move(object));
        },
    };
  });
}

}  // namespace herd::actors
