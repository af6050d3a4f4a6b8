#pragma once

// The node lifecycle controller (Kubernetes' node-lifecycle-controller in
// kube-controller-manager): notices nodes that stopped heartbeating, keeps
// new pods off them, and moves their pods elsewhere.
//
// A node agent heartbeats by writing its Node's status with condition Ready
// "True" and a fresh lastHeartbeatTime (every 10 s by default). One step,
// for one Node, reading only the Node (and its pods when evicting):
//
//            heartbeat older than grace_period
//   Ready ───────────────────────────────────────► Ready "Unknown"
//   "True"   (reason NodeStatusUnknown)             + taints node.kubernetes.io/unreachable
//     ▲                                               :NoSchedule and :NoExecute (timeAdded now)
//     │  heartbeat again                                    │
//     └──────────────── taints removed ◄────────────────────┤
//                                                           │ eviction_timeout after timeAdded
//                                                           ▼
//                                  every pod on the node that is not terminating
//                                  or finished is deleted, so its controller
//                                  creates a replacement on a healthy node
//
// A node that reports Ready "False" itself gets the node.kubernetes.io/not-ready
// taints instead and is evicted the same way.
//
// Eviction per pod follows its tolerations of the NoExecute taint, as
// Kubernetes' taint-based eviction: a matching toleration with
// tolerationSeconds keeps the pod that long, one without keeps it forever,
// and a pod without one stays eviction_timeout (Kubernetes' admission gives
// every pod such a toleration of 300 s; herd applies it here instead).
// Evicted pods stay terminating until their node comes back and stops them,
// as in Kubernetes; their replacements do not wait for that.
//
// Status changes are a StatusUpdated own event, taint changes an
// ObjectUpdated own event (the taints are spec), pod evictions
// Command::remove by "controller:node-lifecycle". The step requeues itself
// for the moment the heartbeat goes stale or the next pod is due.

#include <chrono>
#include <memory>

#include "core/controller.hpp"

namespace herd::actors {

/// The actor named on eviction commands.
inline constexpr std::string_view kNodeLifecycleActor = "controller:node-lifecycle";
/// Taint keys the controller owns (Kubernetes' well-known taints).
inline constexpr std::string_view kTaintUnreachable = "node.kubernetes.io/unreachable";
inline constexpr std::string_view kTaintNotReady = "node.kubernetes.io/not-ready";

struct NodeLifecycleOptions {
  /// How long a node may go without a heartbeat before it is Unknown
  /// (Kubernetes' --node-monitor-grace-period).
  std::chrono::milliseconds grace_period{40'000};
  /// How long pods without a matching toleration stay on a NotReady or
  /// Unknown node (Kubernetes' default-unreachable-toleration-seconds).
  std::chrono::milliseconds eviction_timeout{300'000};
};

class NodeLifecycleController final : public Controller {
 public:
  explicit NodeLifecycleController(NodeLifecycleOptions options = {}) : options_(options) {}
  /// One step for the Node `self`; see the file comment. Pure.
  Plan reconcile(const StoredObject& self, const ObjectStore& store, Clock::TimePoint now) override;

 private:
  NodeLifecycleOptions options_;
};

/// The Node controller with Kubernetes' default durations.
std::unique_ptr<Controller> make_node_lifecycle_controller(NodeLifecycleOptions options = {});

}  // namespace herd::actors
