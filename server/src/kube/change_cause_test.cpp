#include "kube/change_cause.hpp"

#include <gtest/gtest.h>

namespace herd::server::kube {
namespace {

api::Object deployment(const std::string& image, const std::string& cause = "") {
  api::Deployment d;
  d.metadata.name = "web";
  api::Container c;
  c.name = "web";
  c.image = image;
  d.spec.pod_template.spec.containers.push_back(c);
  if (!cause.empty()) d.metadata.annotations[kChangeCauseAnnotation] = cause;
  return d;
}

std::string cause_of(const api::Object& o) {
  const auto& annotations = api::meta(o).annotations;
  auto it = annotations.find(kChangeCauseAnnotation);
  return it == annotations.end() ? "<none>" : it->second;
}

HttpRequest from(const std::string& command) {
  HttpRequest request;
  request.headers.emplace_back("kubectl-command", command);
  return request;
}

TEST(ChangeCauseTest, NamesTheCommandTheUserAndTheNewImage) {
  api::Object created = deployment("nginx:1");
  record_change_cause(nullptr, created, from("kubectl apply"));
  EXPECT_EQ(cause_of(created), "kubectl apply by admin");

  api::Object updated = deployment("nginx:2", cause_of(created));
  record_change_cause(&created, updated, from("kubectl set image"));
  EXPECT_EQ(cause_of(updated), "kubectl set image by admin: image of web to nginx:2");
}

TEST(ChangeCauseTest, OnlyATemplateChangeIsARevision) {
  api::Object stored = deployment("nginx:1", "kubectl apply by admin");
  api::Object scaled = stored;
  std::get<api::Deployment>(scaled).spec.replicas = 5;
  record_change_cause(&stored, scaled, from("kubectl scale"));
  EXPECT_EQ(cause_of(scaled), "kubectl apply by admin");
  api::Object configmap = api::ConfigMap{};
  record_change_cause(nullptr, configmap, from("kubectl apply"));
  EXPECT_EQ(cause_of(configmap), "<none>");
}

TEST(ChangeCauseTest, TheClientsOwnCauseIsKeptButNotInARollback) {
  api::Object stored = deployment("nginx:1", "kubectl apply by admin");
  api::Object annotated = deployment("nginx:2", "upgrade to 2 for CVE-1");
  record_change_cause(&stored, annotated, from("kubectl apply"));
  EXPECT_EQ(cause_of(annotated), "upgrade to 2 for CVE-1");

  api::Object rolled_back = deployment("nginx:0", "what revision 1 said");
  record_change_cause(&stored, rolled_back, from("kubectl rollout undo"));
  EXPECT_EQ(cause_of(rolled_back), "kubectl rollout undo by admin: image of web to nginx:0");

  HttpRequest herdctl_undo;
  herdctl_undo.headers.emplace_back("herd-command", "herdctl rollout undo");
  api::Object undone = deployment("nginx:0", "what revision 1 said");
  record_change_cause(&stored, undone, herdctl_undo);
  EXPECT_EQ(cause_of(undone), "herdctl rollout undo by admin: image of web to nginx:0");

  HttpRequest herdctl;
  herdctl.headers.emplace_back("user-agent", "herdctl/0.1.0 (linux/amd64)");
  api::Object other = deployment("nginx:3", "kubectl apply by admin");
  record_change_cause(&stored, other, herdctl);
  EXPECT_EQ(cause_of(other), "herdctl by admin: image of web to nginx:3");
}

}  // namespace
}  // namespace herd::server::kube
