#include "node/node_agent.hpp"

#include <set>
#include <unordered_map>

#include "herd/base/logging.hpp"
#include "herd/events/event_types.hpp"
#include "core/object_commands.hpp"
#include "node/store_config_source.hpp"

namespace herd::actors {
namespace {

struct PodOnNode {
  std::string uid;
  bool stopping = false;
};

struct NodeAgentState {
  static inline const char* name = "herd.node-agent";
  Context* ctx = nullptr;
  NodeAgentConfig config;
  // Declared before the runtime, which reads it until destroyed.
  std::unique_ptr<StoreConfigSource> configs;
  std::unique_ptr<runtime::PodRuntime> runtime;
  std::unordered_map<std::string, PodOnNode> pods;
};

using Self = NodeAgentActor::stateful_pointer<NodeAgentState>;

std::string actor_name(const NodeAgentState& st) { return "node:" + st.config.name; }

// Sends `c` to the object's actor; `then` sees the reply.
void send(Self self, Command c, std::function<void(const CommandResult&)> then = {}) {
  Context* ctx = self->state.ctx;
  ctx->in_flight++;
  std::string key = c.key;
  self->request(ctx->registry, caf::infinite, std::move(c))
      .then(
          [ctx, then, key](const CommandResult& r) {
            ctx->in_flight--;
            if (!r.status.ok()) {
              HERD_LOG(kDebug, "node") << key << ": " << r.status.to_string();
            }
            if (then) then(r);
          },
          [ctx, key](caf::error&) {
            ctx->in_flight--;
            HERD_LOG(kWarning, "node") << key << ": control plane did not answer";
          });
}

api::Node node_object(const NodeAgentState& st, Clock::TimePoint now) {
  api::Node node;
  node.metadata.name = st.config.name;
  node.metadata.labels = st.config.labels;
  node.metadata.labels["kubernetes.io/hostname"] = st.config.name;
  node.metadata.labels["kubernetes.io/os"] = "linux";
  node.metadata.labels["herd.io/runtime"] = st.runtime->name();
  runtime::NodeResources r = st.runtime->capacity();
  node.status.capacity = {{"cpu", r.cpu}, {"memory", r.memory}, {"pods", api::Quantity::from_int(r.pods)}};
  node.status.allocatable = node.status.capacity;
  std::string t = rfc3339_seconds(now);
  node.status.conditions.push_back(api::NodeCondition{"Ready", "True", t, t, "KubeletReady", "herd node agent is posting ready status"});
  node.status.node_info.container_runtime_version = st.runtime->name();
  node.status.node_info.kubelet_version = "herd";
  node.status.node_info.operating_system = "linux";
  node.status.node_info.architecture = "amd64";
  return node;
}

void heartbeat(Self self) {
  NodeAgentState& st = self->state;
  Clock::TimePoint now = st.ctx->clock.now();
  ObjectPtr current = st.ctx->store.get("Node", "", st.config.name);
  api::Node fresh = node_object(st, now);
  if (!current) {
    send(self, Command::create(fresh, actor_name(st)));
  } else {
    api::Node node = current->as<api::Node>();
    std::string transition;
    for (const api::NodeCondition& c : node.status.conditions) {
      if (c.type == "Ready" && c.status == "True") transition = c.last_transition_time;
    }
    node.status = fresh.status;
    if (!transition.empty()) node.status.conditions[0].last_transition_time = transition;
    send(self, Command::status(node, actor_name(st)));
  }
  Context* ctx = st.ctx;
  NodeAgentActor me = caf::actor_cast<NodeAgentActor>(self);
  ctx->timers.after(st.config.heartbeat_interval, [me] { caf::anon_send(me, beat_atom::value); });
}

api::Value data(std::initializer_list<std::pair<const char*, api::Value>> members) {
  api::Value v = api::Value::object();
  for (const auto& [k, m] : members) v.set(k, m);
  return v;
}

void record(Self self, const runtime::PodEvent& e, std::string_view type, api::Value d,
            std::function<void(const CommandResult&)> then = {}) {
  if (e.init && !e.container.empty()) d.set("init", api::Value::boolean(true));
  send(self, Command::record(e.pod_key, e.pod_uid, std::string(type), std::move(d), actor_name(self->state)),
       std::move(then));
}

void on_runtime_event(Self self, runtime::PodEvent e) {
  NodeAgentState& st = self->state;
  std::string now = events::format_time(
      std::chrono::duration_cast<std::chrono::nanoseconds>(st.ctx->clock.now().time_since_epoch()).count());
  using T = runtime::PodEvent::Type;
  switch (e.type) {
    case T::kPodStarted:
      record(self, e, events::types::kPodStarted,
             data({{"podIP", api::Value::string(e.pod_ip)}, {"hostIP", api::Value::string("127.0.0.1")},
                   {"startTime", api::Value::string(now)}}));
      break;
    case T::kContainerStarted: {
      api::Value d = data({{"container", api::Value::string(e.container)},
                           {"containerID", api::Value::string(e.container_id)},
                           {"image", api::Value::string(e.image)}, {"startedAt", api::Value::string(now)}});
      if (!e.image_id.empty()) d.set("imageID", api::Value::string(e.image_id));
      if (e.restart_count >= 0) d.set("restartCount", api::Value::integer(e.restart_count));
      record(self, e, events::types::kContainerStarted, std::move(d));
      break;
    }
    case T::kContainerWaiting:
      record(self, e, events::types::kContainerWaiting,
             data({{"container", api::Value::string(e.container)}, {"reason", api::Value::string(e.reason)},
                   {"message", api::Value::string(e.message)}}));
      break;
    case T::kContainerExited: {
      runtime::PodEvent copy = e;
      record(self, e, events::types::kContainerExited,
             data({{"container", api::Value::string(e.container)}, {"exitCode", api::Value::integer(e.exit_code)},
                   {"signal", api::Value::integer(e.signal)}, {"reason", api::Value::string(e.reason)},
                   {"message", api::Value::string(e.message)}, {"finishedAt", api::Value::string(now)}}),
             [self, copy](const CommandResult& r) {
               if (!r.status.ok() || !r.object) return;
               const api::Pod& pod = std::get<api::Pod>(*r.object);
               std::string phase = final_phase(pod);
               if (phase.empty() || phase == pod.status.phase || !pod.metadata.deletion_timestamp.empty()) return;
               record(self, copy, events::types::kPodPhaseChanged, data({{"phase", api::Value::string(phase)}}));
             });
      break;
    }
    case T::kReady:
      record(self, e, events::types::kPodReady,
             data({{"ready", api::Value::boolean(e.ready)}, {"time", api::Value::string(now)}}));
      break;
    case T::kPodFailed:
      record(self, e, events::types::kPodPhaseChanged,
             data({{"phase", api::Value::string("Pending")}, {"reason", api::Value::string(e.reason)},
                   {"message", api::Value::string(e.message)}}));
      break;
    case T::kPodStopped: {
      st.pods.erase(e.pod_key);
      Command c = Command::remove(e.pod_key, e.pod_uid, actor_name(st));
      c.grace_seconds = 0;
      send(self, std::move(c));
      break;
    }
  }
}

// The pods bound to this node that are not being deleted, but `except`:
// what the runtime keeps (a finished pod's logs stay until it is deleted).
std::set<std::string> pods_to_keep(const NodeAgentState& st, const std::string& except) {
  std::set<std::string> keep;
  for (const ObjectPtr& p : st.ctx->store.pods_on_node(st.config.name)) {
    const api::ObjectMeta& m = p->meta();
    if (m.deletion_timestamp.empty() && m.uid != except) keep.insert(m.uid);
  }
  for (const auto& [key, pod] : st.pods) {
    if (pod.uid != except) keep.insert(pod.uid);
  }
  return keep;
}

void start_pod(Self self, const StoredObject& o) {
  NodeAgentState& st = self->state;
  const api::Pod& pod = o.as<api::Pod>();
  st.pods[o.key] = PodOnNode{pod.metadata.uid, false};
  NodeAgentActor me = caf::actor_cast<NodeAgentActor>(self);
  st.runtime->start_pod(o.key, pod, [me](runtime::PodEvent e) { caf::anon_send(me, runtime_atom::value, std::move(e)); });
}

void on_pod_changed(Self self, const ObjectPtr& before, const ObjectPtr& after) {
  NodeAgentState& st = self->state;
  const std::string& key = after ? after->key : before->key;
  auto known = st.pods.find(key);
  bool ours = after && after->as<api::Pod>().spec.node_name == st.config.name;
  if (!ours) {
    // Deleted for good (forced) or moved away: make sure nothing of it runs.
    if (known != st.pods.end()) {
      st.runtime->stop_pod(key, std::chrono::seconds(0));
      st.pods.erase(known);
    }
    return;
  }
  const api::Pod& pod = after->as<api::Pod>();
  if (!pod.metadata.deletion_timestamp.empty()) {
    if (known == st.pods.end()) {
      // A pod that finished before this agent started: nothing of it runs,
      // but the runtime may still hold its logs and network.
      st.runtime->remove_pods_except(pods_to_keep(st, pod.metadata.uid));
      Command c = Command::remove(key, pod.metadata.uid, actor_name(st));
      c.grace_seconds = 0;
      send(self, std::move(c));
    } else if (!known->second.stopping) {
      known->second.stopping = true;
      st.runtime->stop_pod(key, std::chrono::seconds(pod.metadata.deletion_grace_period_seconds.value_or(30)));
    }
    return;
  }
  if (known == st.pods.end() && pod.status.phase != "Succeeded" && pod.status.phase != "Failed") start_pod(self, *after);
}

NodeAgentActor::behavior_type node_agent(Self self, Context* ctx, NodeAgentConfig config,
                                         std::function<std::unique_ptr<runtime::PodRuntime>(runtime::RuntimeServices)> make) {
  NodeAgentState& st = self->state;
  st.ctx = ctx;
  st.config = std::move(config);
  st.configs = std::make_unique<StoreConfigSource>(ctx->store);
  runtime::RuntimeServices services;
  services.scheduler = [ctx](std::chrono::milliseconds delay, std::function<void()> fn) {
    ctx->timers.after(delay, std::move(fn));
  };
  services.configs = st.configs.get();
  st.runtime = make(std::move(services));
  if (!st.runtime) {
    // make_runtime logged why; without a runtime the node does not register,
    // so nothing is scheduled to it.
    HERD_LOG(kError, "node") << st.config.name << ": no runtime, the node stays away";
    return {
        [ctx](changed_atom, ObjectPtr&, ObjectPtr&) { ctx->in_flight--; },
        [](runtime_atom, runtime::PodEvent&) {},
        [](beat_atom) {},
    };
  }
  ctx->nodes.add(st.config.name, caf::actor_cast<WatcherActor>(self));
  heartbeat(self);
  for (const ObjectPtr& p : ctx->store.pods_on_node(st.config.name)) on_pod_changed(self, nullptr, p);
  st.runtime->remove_pods_except(pods_to_keep(st, ""));
  return {
      [self](changed_atom, ObjectPtr& before, ObjectPtr& after) {
        on_pod_changed(self, before, after);
        self->state.ctx->in_flight--;
      },
      [self](runtime_atom, runtime::PodEvent& e) { on_runtime_event(self, std::move(e)); },
      [self](beat_atom) { heartbeat(self); },
  };
}

}  // namespace

std::string final_phase(const api::Pod& pod) {
  if (pod.spec.restart_policy == "Never") {
    // A failed init container is not run again, and nothing after it runs.
    for (const api::ContainerStatus& s : pod.status.init_container_statuses) {
      if (s.state.terminated && s.state.terminated->exit_code != 0) return "Failed";
    }
  }
  if (pod.spec.restart_policy == "Always" || pod.spec.restart_policy.empty()) return "";
  if (pod.status.container_statuses.size() < pod.spec.containers.size()) return "";
  bool failed = false;
  for (const api::ContainerStatus& s : pod.status.container_statuses) {
    if (!s.state.terminated) return "";
    if (s.state.terminated->exit_code != 0) failed = true;
  }
  if (!failed) return "Succeeded";
  return pod.spec.restart_policy == "Never" ? "Failed" : "";
}

NodeAgentActor spawn_node_agent(
    caf::actor_system& system, Context& ctx, NodeAgentConfig config,
    const std::function<std::unique_ptr<runtime::PodRuntime>(runtime::RuntimeServices)>& make_runtime) {
  return system.spawn(node_agent, &ctx, std::move(config), make_runtime);
}

}  // namespace herd::actors
