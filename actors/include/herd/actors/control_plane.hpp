#pragma once

// ControlPlane: herd's orchestrator in one process — an actor per object, the
// controllers of every kind, the scheduler and the node agents — over one
// event log. `herd up` runs one; tests run many.
//
// Lifecycle: start() replays the log (from its latest snapshot), respawns an
// actor for every live object with its state, makes sure the namespaces
// `default` and `kube-system` exist, starts the scheduler and the node
// agents, and lets every controller resume (level-based: half-done rollouts
// continue, deadlines fire at their stored times). The destructor stops the
// actors; acknowledged changes are in the log.
//
// Thread-safe: the methods may be called from any thread (they wait for the
// object's actor to answer).

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "herd/api/object.hpp"
#include "herd/base/clock.hpp"
#include "herd/base/result.hpp"
#include "herd/events/event_log.hpp"
#include "herd/runtime/pod_runtime.hpp"

namespace herd::actors {

/// How a deleted owner's dependents go (Kubernetes' propagationPolicy).
enum class DeletePropagation { kBackground, kForeground, kOrphan };

struct ControlPlaneOptions {
  events::EventLog* log = nullptr;  ///< Required; outlives the ControlPlane.
  const Clock* clock = nullptr;     ///< Required; a FakeClock in tests.
  /// Node agents to run: each gets a name and a runtime. herd up passes one
  /// containerd node, or N simulated ones (named "sim-node-<i>").
  /// make_runtime may return nullptr after logging why: that node then never
  /// registers, so no pod is scheduled to it.
  struct NodeSpec {
    std::string name;
    std::function<std::unique_ptr<runtime::PodRuntime>(runtime::RuntimeServices)> make_runtime;
    std::map<std::string, std::string> labels;
  };
  std::vector<NodeSpec> nodes;
  /// How often node agents heartbeat (Node status) on the clock.
  std::chrono::milliseconds heartbeat_interval{10'000};
  /// Real-time period of the thread that fires due timers; 0 = no thread
  /// (tests call fire_timers() after advancing their FakeClock).
  std::chrono::milliseconds timer_tick{20};
  /// How long a call waits for an object's actor.
  std::chrono::milliseconds call_timeout{30'000};
  /// Actor scheduler threads (0 = CAF's default, one per core).
  int worker_threads = 0;
};

/// The stored form of an object with metadata.resourceVersion filled (the
/// object's seq, as a string).
struct ObjectView {
  api::Object object;
  uint64_t seq = 0;
};

class ControlPlane {
 public:
  /// Replays the log and starts everything. kCorrupt / kUnavailable when the
  /// log cannot be replayed.
  static Result<std::unique_ptr<ControlPlane>> start(ControlPlaneOptions options);
  ~ControlPlane();

  /// Creates an object (metadata.name or generateName). kAlreadyExists,
  /// kNotFound (its namespace), kConflict (namespace terminating).
  Result<ObjectView> create(api::Object object, std::string actor);
  /// Replaces metadata users own and spec; a non-empty resourceVersion must
  /// match (kConflict). kNotFound.
  Result<ObjectView> update(api::Object object, std::string actor);
  /// Replaces the status.
  Result<ObjectView> update_status(api::Object object, std::string actor);
  /// Deletes; returns the object as it was (or as it now is, terminating).
  Result<ObjectView> remove(std::string_view kind, std::string_view namespace_, std::string_view name,
                            DeletePropagation propagation, std::string actor,
                            std::optional<int64_t> grace_seconds = std::nullopt);
  /// Appends a domain event (event_types.hpp) on an object, e.g. to roll a
  /// Deployment back or, in tests, to report what a node would.
  Result<ObjectView> record(std::string_view kind, std::string_view namespace_, std::string_view name,
                            std::string event_type, api::Value data, std::string actor);

  std::optional<ObjectView> get(std::string_view kind, std::string_view namespace_, std::string_view name) const;
  /// Objects of `kind` ("" namespace = all), in key order.
  std::vector<ObjectView> list(std::string_view kind, std::string_view namespace_ = {}) const;
  std::map<std::string, std::size_t> count_by_kind() const;
  /// Digest of every live object; equals `herd log replay`'s for the same log.
  std::string digest() const;

  /// Runs timers that are due on the clock (tests with a FakeClock).
  std::size_t fire_timers();
  /// True when no append and no command between actors is in flight.
  bool idle() const;
  /// Waits (real time) until idle or `timeout`; returns idle().
  bool wait_idle(std::chrono::milliseconds timeout);

  class Impl;

 private:
  explicit ControlPlane(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace herd::actors
