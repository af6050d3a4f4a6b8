#include "kube/change_cause.hpp"

#include "kube/api_context.hpp"

namespace herd::server::kube {
namespace {

// "image of sise to nginx:1.27", "containers web, log", or "the pod template".
std::string template_change(const api::PodTemplateSpec* before, const api::PodTemplateSpec& after) {
  if (before == nullptr) return "";
  std::string images;
  for (const api::Container& c : after.spec.containers) {
    for (const api::Container& old : before->spec.containers) {
      if (old.name == c.name && old.image != c.image) {
        images += (images.empty() ? "image of " : ", ") + c.name + " to " + c.image;
      }
    }
  }
  if (!images.empty()) return images;
  std::string changed;
  for (const api::Container& c : after.spec.containers) {
    bool same = false;
    for (const api::Container& old : before->spec.containers) same = same || old == c;
    if (!same) changed += (changed.empty() ? "container " : ", ") + c.name;
  }
  return changed.empty() ? "the pod template" : changed;
}

std::string annotation(const api::ObjectMeta& meta) {
  auto it = meta.annotations.find(kChangeCauseAnnotation);
  return it == meta.annotations.end() ? "" : it->second;
}

}  // namespace

std::string request_cause(const HttpRequest& request) {
  std::string command = request.header("herd-command");
  if (command.empty()) command = request.header("kubectl-command");
  if (command.empty()) {
    std::string agent = request.header("user-agent");
    command = agent.substr(0, agent.find('/'));
  }
  std::string user = actor_of(request);
  if (user.rfind("user:", 0) == 0) user = user.substr(5);
  return (command.empty() ? "a request" : command) + " by " + user;
}

void record_change_cause(const api::Object* stored, api::Object& incoming, const HttpRequest& request) {
  auto* deployment = std::get_if<api::Deployment>(&incoming);
  if (deployment == nullptr) return;
  const auto* before = stored != nullptr ? std::get_if<api::Deployment>(stored) : nullptr;
  if (before != nullptr && before->spec.pod_template == deployment->spec.pod_template) return;
  // A rollback (kubectl rollout undo) brings the old revision's annotations
  // along; its cause is the rollback itself.
  bool rollback = request.header("kubectl-command").find("rollout undo") != std::string::npos ||
                  request.header("herd-command").find("rollout undo") != std::string::npos;
  std::string given = annotation(deployment->metadata);
  bool clients_own = !given.empty() && (before == nullptr || given != annotation(before->metadata));
  if (clients_own && !rollback) return;
  std::string what = template_change(before ? &before->spec.pod_template : nullptr, deployment->spec.pod_template);
  deployment->metadata.annotations[kChangeCauseAnnotation] = request_cause(request) + (what.empty() ? "" : ": " + what);
}

}  // namespace herd::server::kube
