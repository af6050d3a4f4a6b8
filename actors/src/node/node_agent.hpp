#pragma once

// NodeAgent: the actor of one machine (herd's kubelet). It registers the Node
// object with its runtime's capacity, heartbeats its Ready condition, starts
// the pods bound to it through its PodRuntime and stops those being deleted,
// and reports what the runtime says as domain events on each pod:
//
//   runtime event       pod event (event_types.hpp)
//   kPodStarted         PodStarted {podIP, hostIP, startTime}
//   kContainerStarted   ContainerStarted {container, containerID, image, imageID, startedAt, restartCount}
//   kContainerWaiting   ContainerWaiting {container, reason, message}
//   kContainerExited    ContainerExited {...}, then PodPhaseChanged Succeeded /
//                       Failed once no container will run again
//   kReady              PodReady {ready}
//   kPodFailed          PodPhaseChanged {phase: Pending, reason, message}
//   kPodStopped         the pod's final removal (delete with grace 0)
//
// Whether the runtime runs real containers (containerd) or none (simulated,
// for scale tests only) the Node says in its label herd.io/runtime.

#include <memory>
#include <string>

#include "herd/runtime/pod_runtime.hpp"
#include "core/context.hpp"

namespace herd::actors {

using NodeAgentActor = WatcherActor::extend<caf::reacts_to<runtime_atom, runtime::PodEvent>,
                                            caf::reacts_to<beat_atom>>;

struct NodeAgentConfig {
  std::string name;
  std::map<std::string, std::string> labels;
  std::chrono::milliseconds heartbeat_interval{10'000};
};

/// Spawns the agent; it registers its Node at once, starts (or adopts) the
/// pods bound to it and then lets the runtime remove what it holds for any
/// other pod. `make_runtime` gets the timer function the runtime must use
/// instead of sleeping and the ConfigMaps and Secrets of the control plane.
NodeAgentActor spawn_node_agent(
    caf::actor_system& system, Context& ctx, NodeAgentConfig config,
    const std::function<std::unique_ptr<runtime::PodRuntime>(runtime::RuntimeServices)>& make_runtime);

/// The phase a pod reaches once its containers' states say so: "Succeeded"
/// when every container terminated with 0, "Failed" when every container
/// terminated and one failed and none will restart (restartPolicy Never, or
/// OnFailure... which restarts failures, so never Failed), or when an init
/// container failed under restartPolicy Never; "" otherwise.
std::string final_phase(const api::Pod& pod);

}  // namespace herd::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(herd::runtime::PodEvent)
