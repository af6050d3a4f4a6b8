#include "core/context.hpp"

namespace herd::actors {

void NodeDirectory::add(const std::string& node, WatcherActor agent) {
  std::lock_guard lock(mu_);
  agents_[node] = std::move(agent);
}

WatcherActor NodeDirectory::find(const std::string& node) const {
  std::lock_guard lock(mu_);
  auto it = agents_.find(node);
  return it == agents_.end() ? WatcherActor{} : it->second;
}

std::vector<WatcherActor> NodeDirectory::all() const {
  std::lock_guard lock(mu_);
  std::vector<WatcherActor> out;
  for (const auto& [name, agent] : agents_) out.push_back(agent);
  return out;
}

}  // namespace herd::actors
