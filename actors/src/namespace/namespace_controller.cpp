#include "namespace/namespace_controller.hpp"

#include "namespace/namespace_lifecycle.hpp"
#include "replicaset/pod_filters.hpp"

namespace herd::actors {
namespace {

class NamespaceController final : public Controller {
 public:
  Plan reconcile(const StoredObject& self, const ObjectStore& store, Clock::TimePoint /*now*/) override {
    if (is_terminating(self.meta())) return terminate_namespace(self, store);
    return activate_namespace(self);
  }
};

}  // namespace

std::unique_ptr<Controller> make_namespace_controller() { return std::make_unique<NamespaceController>(); }

}  // namespace herd::actors
