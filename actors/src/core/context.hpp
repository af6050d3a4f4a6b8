#pragma once

// Context: what every actor of one control plane shares. Owned by the
// ControlPlane, which outlives all its actors.

#include <atomic>
#include <map>
#include <mutex>
#include <string>

#include "herd/base/clock.hpp"
#include "herd/events/event_log.hpp"
#include "core/messages.hpp"
#include "core/object_store.hpp"
#include "core/timers.hpp"

namespace herd::actors {

/// Node agents by node name, for routing pod changes to the node a pod is
/// bound to. Thread-safe.
class NodeDirectory {
 public:
  void add(const std::string& node, WatcherActor agent);
  /// The agent of `node`, or a null handle.
  WatcherActor find(const std::string& node) const;
  std::vector<WatcherActor> all() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, WatcherActor> agents_;
};

struct Context {
  Context(events::EventLog& log_, const Clock& clock_) : log(log_), clock(clock_), timers(clock_) {}

  events::EventLog& log;
  const Clock& clock;
  ObjectStore store;
  Timers timers;
  RegistryActor registry;
  WatcherActor scheduler;  ///< Null until started.
  NodeDirectory nodes;
  /// Appends sent to the log and not yet acknowledged, and commands sent
  /// between actors and not yet answered: 0 means the control plane is idle
  /// (apart from timers).
  std::atomic<int64_t> in_flight{0};
};

}  // namespace herd::actors
