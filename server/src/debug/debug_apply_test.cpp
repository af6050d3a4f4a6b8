#include "debug/debug_apply.hpp"

#include <gtest/gtest.h>

namespace herd::server::debug {
namespace {

TEST(DebugApplyLine, NamesObjectsAsKubectlDoes) {
  EXPECT_EQ(resource_label(*api::find_kind("Deployment"), "sise-deploy"), "deployment.apps/sise-deploy");
  EXPECT_EQ(resource_label(*api::find_kind("ReplicationController"), "rcex"), "replicationcontroller/rcex");
  EXPECT_EQ(resource_label(*api::find_kind("NetworkPolicy"), "np"), "networkpolicy.networking.k8s.io/np");
  EXPECT_EQ(apply_line(*api::find_kind("Deployment"), "d", ApplyOutcome::kCreated), "deployment.apps/d created");
  EXPECT_EQ(apply_line(*api::find_kind("Pod"), "p", ApplyOutcome::kConfigured), "pod/p configured");
  EXPECT_EQ(apply_line(*api::find_kind("Service"), "s", ApplyOutcome::kUnchanged), "service/s unchanged");
}

TEST(DebugApplyLine, UnchangedWhenTheSeqDidNotMove) {
  EXPECT_EQ(update_outcome(4, 4), ApplyOutcome::kUnchanged);
  EXPECT_EQ(update_outcome(4, 5), ApplyOutcome::kConfigured);
}

TEST(DebugApplyMerge, KeepsWhatTheControlPlaneSetAndTheManifestDoesNotSay) {
  api::Pod stored;
  stored.metadata.name = "p";
  stored.metadata.labels = {{"app", "old"}, {"gone", "x"}};
  stored.metadata.annotations = {{"deployment.kubernetes.io/revision", "2"}, {"note", "old"}};
  stored.metadata.owner_references.push_back(api::OwnerReference{});
  stored.metadata.owner_references[0].name = "rs";
  stored.metadata.finalizers = {"foregroundDeletion"};
  stored.spec.node_name = "sim-node-1";
  api::Pod given;
  given.metadata.name = "p";
  given.metadata.labels = {{"app", "new"}};
  given.metadata.annotations = {{"note", "new"}};
  api::Object object = given;
  keep_server_set_fields(stored, object);
  const api::Pod& merged = std::get<api::Pod>(object);
  EXPECT_EQ(merged.metadata.labels, (api::StringMap{{"app", "new"}}));  // labels are the manifest's
  EXPECT_EQ(merged.metadata.annotations,
            (api::StringMap{{"deployment.kubernetes.io/revision", "2"}, {"note", "new"}}));
  ASSERT_EQ(merged.metadata.owner_references.size(), 1u);
  EXPECT_EQ(merged.metadata.owner_references[0].name, "rs");
  EXPECT_EQ(merged.metadata.finalizers, std::vector<std::string>{"foregroundDeletion"});
  EXPECT_EQ(merged.spec.node_name, "sim-node-1");
}

TEST(DebugApplyMerge, TheManifestWinsWhereItSpeaks) {
  api::Pod stored;
  stored.metadata.finalizers = {"a"};
  stored.spec.node_name = "sim-node-1";
  api::Pod given;
  given.metadata.finalizers = {"b"};
  given.spec.node_name = "sim-node-0";
  api::Object object = given;
  keep_server_set_fields(stored, object);
  EXPECT_EQ(std::get<api::Pod>(object).metadata.finalizers, std::vector<std::string>{"b"});
  EXPECT_EQ(std::get<api::Pod>(object).spec.node_name, "sim-node-0");
}

TEST(DebugApplyDiagnostics, ErrorsBecomeCausesWithTheirFieldPath) {
  api::Manifest m = api::decode_manifest("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containerz: []\n",
                                         api::DecodeOptions{"request", true});
  ASSERT_GT(m.error_count(), 0u);
  std::vector<StatusCause> causes = diagnostic_causes(m.diagnostics);
  ASSERT_EQ(causes.size(), m.error_count());
  bool found = false;
  for (const StatusCause& c : causes) {
    EXPECT_EQ(c.reason, "FieldValueInvalid");
    EXPECT_EQ(c.message.rfind("request:", 0), 0u) << c.message;
    if (c.field == "spec.containerz") found = true;
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace herd::server::debug
