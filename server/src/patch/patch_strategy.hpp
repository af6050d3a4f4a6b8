#pragma once

// How a list field of the model merges under a strategic merge patch, as
// Kubernetes' Go types declare it with `patchStrategy` and `patchMergeKey`
// tags. One table serves both sides: the server applies kubectl's patches
// with it (strategic_merge_patch.hpp), and the OpenAPI documents publish it
// as x-kubernetes-patch-strategy / x-kubernetes-patch-merge-key, which is
// where kubectl learns how to compute those patches.

#include <span>
#include <string_view>

namespace herd::server::patch {

struct ListStrategy {
  /// Elements are objects matched by this field ("name", "containerPort");
  /// "" for a list of scalars merged as a set (e.g. finalizers).
  std::string_view merge_key;
  /// Kubernetes' `retainKeys`: when a patch sets one member of a union
  /// (a Volume's source), the members the patch does not name are dropped.
  bool retain_keys = false;
};

/// One line of the table: a list field and how it merges.
struct ListStrategyEntry {
  std::string_view type;
  std::string_view field;
  ListStrategy strategy;
};

/// Every list field that is not atomic.
std::span<const ListStrategyEntry> all_list_strategies();

/// The strategy of field `field` of the model struct `type` (the schema
/// table's name, e.g. "PodSpec", "containers"), or nullptr when the list is
/// atomic: a patch replaces it whole.
const ListStrategy* list_strategy(std::string_view type, std::string_view field);

/// Kubernetes' `retainKeys` on a struct field that is itself a union
/// (DeploymentSpec.strategy): a patch that sets it drops the members it does
/// not name.
bool retains_keys(std::string_view type, std::string_view field);

}  // namespace herd::server::patch
