// Dispatch of one Service reconcile, as the endpoints controller's
// syncService: a Service being deleted, or one without a selector (its
// Endpoints are managed by hand), is left alone; otherwise the Endpoints are
// brought to what the pods say.

#include "service/service_controller.hpp"

#include "replicaset/pod_filters.hpp"
#include "service/service_endpoints.hpp"

namespace herd::actors {
namespace {

class ServiceController final : public Controller {
 public:
  Plan reconcile(const StoredObject& self, const ObjectStore& store, Clock::TimePoint /*now*/) override {
    Plan plan;
    const api::Service& service = self.as<api::Service>();
    if (is_terminating(service.metadata) || service.spec.selector.empty()) return plan;
    const std::string& ns = service.metadata.namespace_;
    api::Endpoints desired = desired_endpoints(service, store.list("Pod", ns));
    ObjectPtr current = store.get("Endpoints", ns, service.metadata.name);
    if (auto c = endpoints_command(desired, current.get(), controller_actor("Service"))) {
      plan.commands.push_back(std::move(*c));
    }
    return plan;
  }
};

}  // namespace

std::unique_ptr<Controller> make_service_controller() { return std::make_unique<ServiceController>(); }

}  // namespace herd::actors
