// apply's update rules and rollout's status lines and revision choice.

#include "herdctl/apply.hpp"

#include <gtest/gtest.h>

#include "herd/api/codec.hpp"
#include "herdctl/fields.hpp"
#include "herdctl/rollout.hpp"

namespace herd::cli::herdctl {
namespace {

api::Value json(const char* text) {
  Result<api::Value> v = api::parse_json_value(text);
  EXPECT_TRUE(v.ok()) << text;
  return v.ok() ? *v : api::Value();
}

TEST(HerdctlApply, OutcomeComesFromTheResourceVersion) {
  EXPECT_EQ(update_outcome("41", "41"), ApplyOutcome::kUnchanged);
  EXPECT_EQ(update_outcome("41", "57"), ApplyOutcome::kConfigured);
  EXPECT_STREQ(outcome_word(ApplyOutcome::kCreated), "created");
}

TEST(HerdctlApply, KeepsWhatTheServerSetAndTheManifestDoesNotSay) {
  api::Value stored = json(R"({"kind":"Pod","metadata":{"name":"p","resourceVersion":"9",
      "annotations":{"a":"server","b":"old"},"ownerReferences":[{"uid":"u"}],"finalizers":["f"]},
      "spec":{"nodeName":"sim-node-1","containers":[]}})");
  api::Value given = json(R"({"kind":"Pod","metadata":{"name":"p","annotations":{"b":"mine"}},
      "spec":{"containers":[{"name":"c","image":"i"}]}})");
  keep_server_set_fields(stored, given);
  EXPECT_EQ(text_at(given, {"metadata", "resourceVersion"}), "9");
  EXPECT_EQ(text_at(given, {"metadata", "annotations", "a"}), "server");
  EXPECT_EQ(text_at(given, {"metadata", "annotations", "b"}), "mine");
  EXPECT_EQ(text_at(given, {"spec", "nodeName"}), "sim-node-1");
  ASSERT_NE(at(given, {"metadata", "ownerReferences"}), nullptr);
  ASSERT_NE(at(given, {"metadata", "finalizers"}), nullptr);
  EXPECT_EQ(at(given, {"spec", "containers"})->as_array().size(), 1u);
}

TEST(HerdctlApply, ServiceKeepsItsClusterIPButADeploymentGetsNoNodeName) {
  api::Value service =
      json(R"({"kind":"Service","metadata":{"resourceVersion":"3"},"spec":{"clusterIP":"10.96.0.5"}})");
  api::Value given = json(R"({"kind":"Service","metadata":{},"spec":{"ports":[]}})");
  keep_server_set_fields(service, given);
  EXPECT_EQ(text_at(given, {"spec", "clusterIP"}), "10.96.0.5");
  api::Value deployment = json(R"({"kind":"Deployment","metadata":{},"spec":{"nodeName":"x"}})");
  api::Value manifest = json(R"({"kind":"Deployment","metadata":{},"spec":{}})");
  keep_server_set_fields(deployment, manifest);
  EXPECT_EQ(at(manifest, {"spec", "nodeName"}), nullptr);
}

TEST(HerdctlRollout, StatusLinesFollowKubectls) {
  auto line = [](const char* status, int64_t generation = 2) {
    api::Value d = json(status);
    d.set("metadata", json(R"({"name":"web"})"));
    d.find("metadata")->set("generation", api::Value::integer(generation));
    return rollout_progress(d);
  };
  EXPECT_EQ(line(R"({"spec":{"replicas":2},"status":{"observedGeneration":1}})").message,
            "Waiting for deployment spec update to be observed...");
  EXPECT_EQ(line(R"({"spec":{"replicas":2},"status":{"observedGeneration":2,"updatedReplicas":1}})").message,
            "Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...");
  EXPECT_EQ(
      line(R"({"spec":{"replicas":2},"status":{"observedGeneration":2,"updatedReplicas":2,"replicas":3}})").message,
      "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...");
  EXPECT_EQ(line(R"({"spec":{"replicas":2},"status":{"observedGeneration":2,"updatedReplicas":2,"replicas":2,
                 "availableReplicas":1}})")
                .message,
            "Waiting for deployment \"web\" rollout to finish: 1 of 2 updated replicas are available...");
  RolloutProgress done = line(R"({"spec":{"replicas":2},"status":{"observedGeneration":2,"updatedReplicas":2,
                              "replicas":2,"availableReplicas":2}})");
  EXPECT_TRUE(done.done);
  EXPECT_EQ(done.message, "deployment \"web\" successfully rolled out");
  RolloutProgress stuck = line(R"({"spec":{"replicas":2},"status":{"observedGeneration":2,"conditions":[
      {"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded"}]}})");
  EXPECT_TRUE(stuck.failed);
}

TEST(HerdctlRollout, RevisionsAreTheOwnedReplicaSetsAndUndoPicksThePreviousOne) {
  api::Value deployment = json(R"({"metadata":{"uid":"d1"}})");
  auto rs = [](const char* revision, const char* owner) {
    return json((std::string(R"({"metadata":{"annotations":{"deployment.kubernetes.io/revision":")") + revision +
                 R"("},"ownerReferences":[{"uid":")" + owner + R"("}]}})")
                    .c_str());
  };
  std::vector<Revision> revisions =
      revisions_of(deployment, {rs("3", "d1"), rs("1", "d1"), rs("2", "other"), rs("x", "d1")});
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_EQ(revisions[0].number, 1);
  EXPECT_EQ(revisions[1].number, 3);
  EXPECT_EQ(undo_target(revisions, 3, 0)->number, 1);
  EXPECT_EQ(undo_target(revisions, 3, 3)->number, 3);
  EXPECT_EQ(undo_target(revisions, 3, 2), nullptr);
  EXPECT_EQ(undo_target(revisions, 1, 0), nullptr);
}

}  // namespace
}  // namespace herd::cli::herdctl
