// The one list of controllers: which kinds have reconcile logic, and where it
// lives. Kinds not named here (ConfigMap, Secret, Role, ...) are plain
// stored objects with no controller.

#include "core/controller.hpp"

#include <functional>
#include <map>

#include "cronjob/cronjob_controller.hpp"
#include "deployment/deployment_controller.hpp"
#include "job/job_controller.hpp"
#include "namespace/namespace_controller.hpp"
#include "node/node_lifecycle.hpp"
#include "replicaset/replicaset_controller.hpp"
#include "service/service_controller.hpp"

namespace herd::actors {
namespace {

using Factory = std::function<std::unique_ptr<Controller>()>;

const std::map<std::string_view, Factory>& factories() {
  static const std::map<std::string_view, Factory> table{
      {"CronJob", [] { return make_cronjob_controller(); }},
      {"Deployment", [] { return make_deployment_controller(); }},
      {"Job", [] { return make_job_controller(); }},
      {"Namespace", [] { return make_namespace_controller(); }},
      {"Node", [] { return make_node_lifecycle_controller(); }},
      {"ReplicaSet", [] { return make_replicaset_controller(); }},
      {"ReplicationController", [] { return make_replication_controller_controller(); }},
      {"Service", [] { return make_service_controller(); }},
  };
  return table;
}

}  // namespace

std::unique_ptr<Controller> make_controller(std::string_view kind) {
  auto it = factories().find(kind);
  return it == factories().end() ? nullptr : it->second();
}

std::string controller_actor(std::string_view kind) {
  std::string name = "controller:";
  for (char c : kind) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace herd::actors
