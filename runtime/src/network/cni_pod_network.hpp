#pragma once

// CniPodNetwork, the PodNetwork of herd/runtime/pod_network.hpp, with the
// plugin executor as a seam: open_cni_pod_network gives it the process
// executor; tests may give it another.

#include <memory>

#include "herd/runtime/pod_network.hpp"
#include "network/plugin_exec.hpp"

namespace herd::runtime::network {

/// Pod netns are named kNetnsPrefix + pod uid.
inline constexpr const char* kNetnsPrefix = "herd-";

/// open_cni_pod_network with `exec` running the plugins.
Result<std::unique_ptr<PodNetwork>> open_cni_pod_network(const CniNetworkConfig& config,
                                                         std::unique_ptr<PluginExecutor> exec);

}  // namespace herd::runtime::network
