// `delete`: the objects of -f files, or those named on the command line,
// deleted one by one with DeleteOptions (propagation policy from --cascade,
// gracePeriodSeconds from --grace-period).

#include <ostream>

#include "herdctl/commands.hpp"
#include "herdctl/manifest_objects.hpp"
#include "herdctl/resources.hpp"

namespace herd::cli::herdctl {
namespace {

Result<std::string> propagation_policy(const std::string& cascade) {
  if (cascade == "background" || cascade == "true") return std::string("Background");
  if (cascade == "foreground") return std::string("Foreground");
  if (cascade == "orphan" || cascade == "false") return std::string("Orphan");
  return Status::invalid_argument("invalid cascade value (" + cascade +
                                  "). Must be \"background\", \"foreground\", or \"orphan\"");
}

struct Target {
  const api::KindInfo* kind;
  std::string namespace_;
  std::string name;
};

Result<std::vector<Target>> targets_of(const DeleteOptions& options, const Session& session) {
  std::vector<Target> targets;
  if (!options.files.files.empty()) {
    if (!options.resources.empty()) {
      return Status::invalid_argument(
          "there is no need to specify a resource "
          "type as a separate argument when "
          "passing arguments with -f");
    }
    HERD_ASSIGN_OR_RETURN(std::vector<ManifestItem> items, load_manifest_items(options.files, session));
    for (const ManifestItem& item : items) targets.push_back({item.kind, item.namespace_, item.name});
    return targets;
  }
  HERD_ASSIGN_OR_RETURN(std::vector<ResourceRef> refs, parse_resource_args(options.resources));
  for (const ResourceRef& ref : refs) {
    if (ref.name.empty()) {
      return Status::invalid_argument("resource(s) were provided, but no name was specified");
    }
    targets.push_back({ref.kind, request_namespace(*ref.kind, session.namespace_, false), ref.name});
  }
  return targets;
}

}  // namespace

int run_delete(const DeleteOptions& options, Session& session) {
  Result<std::string> policy = propagation_policy(options.cascade);
  if (!policy.ok()) return report_error(policy.status(), session.err);
  Result<std::vector<Target>> targets = targets_of(options, session);
  if (!targets.ok()) return report_error(targets.status(), session.err);
  api::Value body = api::Value::object();
  body.set("kind", api::Value::string("DeleteOptions"));
  body.set("apiVersion", api::Value::string("v1"));
  body.set("propagationPolicy", api::Value::string(*policy));
  if (options.grace_period && *options.grace_period >= 0) {
    body.set("gracePeriodSeconds", api::Value::integer(*options.grace_period));
  }
  int code = 0;
  for (const Target& target : *targets) {
    Result<api::Value> deleted =
        session.api.send("DELETE", object_path(*target.kind, target.namespace_, target.name), body);
    if (!deleted.ok()) {
      if (options.ignore_not_found && deleted.status().code() == StatusCode::kNotFound) continue;
      code = report_error(deleted.status(), session.err);
      continue;
    }
    session.out << quoted_name(*target.kind, target.name) << " deleted\n";
  }
  return code;
}

}  // namespace herd::cli::herdctl
