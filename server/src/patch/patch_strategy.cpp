#include "patch/patch_strategy.hpp"

#include <array>

namespace herd::server::patch {
namespace {

// From the patchStrategy/patchMergeKey tags of k8s.io/api (v1.32) for the
// fields herd's model has. Lists not named here are atomic, as in Kubernetes.
constexpr std::array kLists = {
    ListStrategyEntry{"ObjectMeta", "ownerReferences", {"uid"}},
    ListStrategyEntry{"ObjectMeta", "finalizers", {""}},
    ListStrategyEntry{"PodSpec", "volumes", {"name", true}},
    ListStrategyEntry{"PodSpec", "initContainers", {"name"}},
    ListStrategyEntry{"PodSpec", "containers", {"name"}},
    ListStrategyEntry{"PodSpec", "imagePullSecrets", {"name"}},
    ListStrategyEntry{"Container", "ports", {"containerPort"}},
    ListStrategyEntry{"Container", "env", {"name"}},
    ListStrategyEntry{"Container", "volumeMounts", {"mountPath"}},
    ListStrategyEntry{"PodStatus", "conditions", {"type"}},
    ListStrategyEntry{"PodStatus", "podIPs", {"ip"}},
    ListStrategyEntry{"PodStatus", "hostIPs", {"ip"}},
    ListStrategyEntry{"ServiceSpec", "ports", {"port"}},
    ListStrategyEntry{"NodeSpec", "podCIDRs", {""}},
    ListStrategyEntry{"NodeStatus", "conditions", {"type"}},
    ListStrategyEntry{"NodeStatus", "addresses", {"type"}},
    ListStrategyEntry{"NamespaceStatus", "conditions", {"type"}},
    ListStrategyEntry{"DeploymentStatus", "conditions", {"type"}},
    ListStrategyEntry{"ReplicaStatus", "conditions", {"type"}},
    ListStrategyEntry{"JobStatus", "conditions", {"type"}},
};

constexpr std::array<std::pair<std::string_view, std::string_view>, 1> kRetainKeys = {{
    {"DeploymentSpec", "strategy"},
}};

}  // namespace

std::span<const ListStrategyEntry> all_list_strategies() { return kLists; }

const ListStrategy* list_strategy(std::string_view type, std::string_view field) {
  for (const ListStrategyEntry& e : kLists) {
    if (e.type == type && e.field == field) return &e.strategy;
  }
  return nullptr;
}

bool retains_keys(std::string_view type, std::string_view field) {
  for (const auto& [t, f] : kRetainKeys) {
    if (t == type && f == field) return true;
  }
  return false;
}

}  // namespace herd::server::patch
