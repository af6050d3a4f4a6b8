#include "core/startup.hpp"

#include "herd/base/logging.hpp"
#include "herd/events/cluster_state.hpp"
#include "node/node_agent.hpp"
#include "scheduler/scheduler_actor.hpp"

namespace herd::actors {

Status load_objects(events::EventLog& log, ObjectStore& store) {
  events::ClusterState state;
  HERD_ASSIGN_OR_RETURN(events::ReplayStats stats, events::replay(log, state));
  for (const auto& [key, record] : state.objects()) {
    store.put(std::make_shared<StoredObject>(StoredObject{key, record.object, record.seq}));
  }
  HERD_LOG(kInfo, "actors") << "replayed " << stats.events_read << " events"
                            << (stats.from_snapshot ? " after a snapshot of " + std::to_string(stats.snapshot_objects) + " objects" : "")
                            << ": " << store.size() << " live objects";
  return Status();
}

std::vector<ObjectPtr> all_objects(const ObjectStore& store) {
  std::vector<ObjectPtr> out;
  for (const auto& [kind, n] : store.count_by_kind()) {
    std::vector<ObjectPtr> of_kind = store.list(kind);
    out.insert(out.end(), of_kind.begin(), of_kind.end());
  }
  return out;
}

std::vector<WatcherActor> start_agents(caf::actor_system& system, Context& ctx, const ControlPlaneOptions& options) {
  std::vector<WatcherActor> started;
  started.push_back(spawn_scheduler(system, ctx));
  for (const ControlPlaneOptions::NodeSpec& node : options.nodes) {
    NodeAgentConfig config{node.name, node.labels, options.heartbeat_interval};
    started.push_back(spawn_node_agent(system, ctx, std::move(config), node.make_runtime));
  }
  return started;
}

void stop_agents(caf::actor_system&, const std::vector<WatcherActor>& agents) {
  for (const WatcherActor& a : agents) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
}

void resume_all(Context& ctx) {
  std::vector<std::string> keys;
  for (const ObjectPtr& o : all_objects(ctx.store)) keys.push_back(o->key);
  if (keys.empty()) return;
  ctx.in_flight++;
  caf::anon_send(ctx.registry, sync_atom::value, std::move(keys));
}

}  // namespace herd::actors
