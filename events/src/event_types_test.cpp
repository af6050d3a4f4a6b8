#include "herd/events/event_types.hpp"

#include <gtest/gtest.h>

#include "herd/api/manifest.hpp"

namespace herd::events {
namespace {

api::Object decode(const std::string& yaml) {
  api::Manifest m = api::decode_manifest(yaml, api::DecodeOptions{"t", true});
  EXPECT_EQ(m.error_count(), 0u);
  return m.objects.at(0).object;
}

api::Object pod() {
  return decode("apiVersion: v1\nkind: Pod\nmetadata: {name: web-1, namespace: default, uid: u1}\n"
                "spec:\n  containers: [{name: app, image: nginx:1.27}]\n");
}

Event typed(const api::Object& o, std::string_view type, uint64_t seq, api::Value data) {
  Event e = event_about(o, seq, "test", "");
  e.type = std::string(type);
  e.data = std::move(data);
  return e;
}

api::Value obj(std::initializer_list<std::pair<const char*, api::Value>> members) {
  api::Value v = api::Value::object();
  for (const auto& [k, m] : members) v.set(k, m);
  return v;
}

TEST(ApplyLifecycle, CreateUpdateDelete) {
  std::optional<api::Object> state;
  api::Object p = pod();
  ASSERT_TRUE(events::apply(state, object_created(p, "user:a")).ok());
  EXPECT_EQ(*state, p);
  api::Object changed = p;
  std::get<api::Pod>(changed).spec.containers[0].image = "nginx:1.28";
  Event update = object_updated(p, changed, 2, "user:a");
  EXPECT_EQ(update.data.find("changed")->as_array().at(0).as_string(), "spec.containers[0].image");
  ASSERT_TRUE(events::apply(state, update).ok());
  EXPECT_EQ(*state, changed);
  ASSERT_TRUE(events::apply(state, object_deleted(changed, 3, "user:a")).ok());
  EXPECT_FALSE(state.has_value());
}

TEST(ApplyLifecycle, EventsThatDoNotFitTheStateAreErrors) {
  std::optional<api::Object> state;
  api::Object p = pod();
  EXPECT_EQ(events::apply(state, object_deleted(p, 1, "x")).code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(events::apply(state, object_created(p, "x")).ok());
  EXPECT_EQ(events::apply(state, object_created(p, "x")).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(events::apply(state, typed(p, "NoSuchType", 2, api::Value::object())).code(), StatusCode::kUnimplemented);
}

TEST(ApplyPod, NodeEventsDriveStatusAsAKubeletWould) {
  api::Object p = pod();
  std::optional<api::Object> state = p;
  ASSERT_TRUE(events::apply(state, typed(p, types::kPodScheduled, 2, obj({{"nodeName", api::Value::string("node-1")}}))).ok());
  ASSERT_TRUE(events::apply(state, typed(p, types::kPodStarted, 3, obj({{"podIP", api::Value::string("10.88.0.5")}}))).ok());
  ASSERT_TRUE(events::apply(state, typed(p, types::kContainerStarted, 4, obj({{"container", api::Value::string("app")}}))).ok());
  ASSERT_TRUE(events::apply(state, typed(p, types::kPodReady, 5, obj({{"ready", api::Value::boolean(true)}}))).ok());
  ASSERT_TRUE(events::apply(state, typed(p, types::kContainerExited, 6,
                                 obj({{"container", api::Value::string("app")}, {"exitCode", api::Value::integer(137)},
                                      {"reason", api::Value::string("OOMKilled")}})))
                  .ok());
  ASSERT_TRUE(events::apply(state, typed(p, types::kContainerStarted, 7, obj({{"container", api::Value::string("app")}}))).ok());
  const api::Pod& got = std::get<api::Pod>(*state);
  EXPECT_EQ(got.spec.node_name, "node-1");
  EXPECT_EQ(got.status.phase, "Running");
  EXPECT_EQ(got.status.pod_ip, "10.88.0.5");
  const api::ContainerStatus& c = got.status.container_statuses.at(0);
  EXPECT_EQ(c.restart_count, 1);
  EXPECT_TRUE(c.state.running.has_value());
  EXPECT_EQ(c.last_state.terminated->exit_code, 137);
  EXPECT_EQ(c.last_state.terminated->reason, "OOMKilled");
  EXPECT_FALSE(c.ready);  // restarted after being ready: not ready until probed again
}

TEST(ApplyPod, StartingClearsWhyThePodWasPending) {
  api::Object p = pod();
  std::optional<api::Object> state = p;
  ASSERT_TRUE(events::apply(state, typed(p, types::kPodPhaseChanged, 2,
                                         obj({{"phase", api::Value::string("Pending")},
                                              {"reason", api::Value::string("FailedMount")},
                                              {"message", api::Value::string("configmap \"x\" not found")}})))
                  .ok());
  EXPECT_EQ(std::get<api::Pod>(*state).status.reason, "FailedMount");
  ASSERT_TRUE(events::apply(state, typed(p, types::kPodStarted, 3, obj({{"podIP", api::Value::string("10.244.0.9")}}))).ok());
  EXPECT_EQ(std::get<api::Pod>(*state).status.phase, "Running");
  EXPECT_EQ(std::get<api::Pod>(*state).status.reason, "");
  EXPECT_EQ(std::get<api::Pod>(*state).status.message, "");
}

TEST(ApplyPod, InitContainerEventsGoToInitContainerStatuses) {
  api::Object p = pod();
  std::optional<api::Object> state = p;
  ASSERT_TRUE(events::apply(state, typed(p, types::kContainerStarted, 2,
                                         obj({{"container", api::Value::string("setup")},
                                              {"init", api::Value::boolean(true)}})))
                  .ok());
  ASSERT_TRUE(events::apply(state, typed(p, types::kContainerExited, 3,
                                         obj({{"container", api::Value::string("setup")},
                                              {"init", api::Value::boolean(true)},
                                              {"exitCode", api::Value::integer(0)},
                                              {"reason", api::Value::string("Completed")}})))
                  .ok());
  const api::Pod& got = std::get<api::Pod>(*state);
  EXPECT_TRUE(got.status.container_statuses.empty());
  ASSERT_EQ(got.status.init_container_statuses.size(), 1u);
  EXPECT_EQ(got.status.init_container_statuses[0].name, "setup");
  EXPECT_EQ(got.status.init_container_statuses[0].state.terminated->reason, "Completed");
}

TEST(ApplyPod, WaitingKeepsTheLastExitAndTheNodesRestartCountWins) {
  api::Object p = pod();
  std::optional<api::Object> state = p;
  auto container = [](std::vector<std::pair<const char*, api::Value>> extra) {
    api::Value v = api::Value::object();
    v.set("container", api::Value::string("app"));
    for (auto& [k, m] : extra) v.set(k, m);
    return v;
  };
  ASSERT_TRUE(events::apply(state, typed(p, types::kContainerWaiting, 2,
                                         container({{"reason", api::Value::string("ErrImagePull")},
                                                    {"message", api::Value::string("manifest unknown")}})))
                  .ok());
  const api::ContainerStatus* c = &std::get<api::Pod>(*state).status.container_statuses.at(0);
  ASSERT_TRUE(c->state.waiting.has_value());
  EXPECT_EQ(c->state.waiting->reason, "ErrImagePull");
  EXPECT_EQ(c->state.waiting->message, "manifest unknown");

  ASSERT_TRUE(events::apply(state, typed(p, types::kContainerStarted, 3,
                                         container({{"restartCount", api::Value::integer(0)}})))
                  .ok());
  ASSERT_TRUE(events::apply(state, typed(p, types::kContainerExited, 4,
                                         container({{"exitCode", api::Value::integer(1)},
                                                    {"reason", api::Value::string("Error")}})))
                  .ok());
  ASSERT_TRUE(events::apply(state, typed(p, types::kContainerWaiting, 5,
                                         container({{"reason", api::Value::string("CrashLoopBackOff")}})))
                  .ok());
  c = &std::get<api::Pod>(*state).status.container_statuses.at(0);
  EXPECT_EQ(c->state.waiting->reason, "CrashLoopBackOff");
  ASSERT_TRUE(c->last_state.terminated.has_value());
  EXPECT_EQ(c->last_state.terminated->exit_code, 1);

  ASSERT_TRUE(events::apply(state, typed(p, types::kContainerStarted, 6,
                                         container({{"restartCount", api::Value::integer(1)}})))
                  .ok());
  c = &std::get<api::Pod>(*state).status.container_statuses.at(0);
  EXPECT_EQ(c->restart_count, 1);
  EXPECT_TRUE(c->state.running.has_value());
  EXPECT_EQ(c->last_state.terminated->exit_code, 1);

  EXPECT_EQ(events::apply(state, typed(p, types::kContainerWaiting, 7, container({}))).code(),
            StatusCode::kInvalidArgument);
}

TEST(ApplyPod, ScheduledWithoutNodeIsRejectedAndLeavesThePodAlone) {
  api::Object p = pod();
  std::optional<api::Object> state = p;
  EXPECT_EQ(events::apply(state, typed(p, types::kPodScheduled, 2, api::Value::object())).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*state, p);
}

TEST(ApplyWorkloads, ScaleRevisionRollbackAndJobOutcome) {
  api::Object rs = decode("apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r, namespace: default}\n"
                          "spec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n"
                          "    spec: {containers: [{name: c, image: i:1}]}\n");
  std::optional<api::Object> state = rs;
  ASSERT_TRUE(events::apply(state, typed(rs, types::kReplicaSetScaled, 2,
                                 obj({{"from", api::Value::integer(1)}, {"to", api::Value::integer(5)}})))
                  .ok());
  EXPECT_EQ(std::get<api::ReplicaSet>(*state).spec.replicas, 5);

  api::Object d = decode("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: default}\n"
                         "spec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n"
                         "    spec: {containers: [{name: c, image: i:2}]}\n");
  state = d;
  ASSERT_TRUE(events::apply(state, typed(d, types::kDeploymentRevisionCreated, 2, obj({{"revision", api::Value::integer(2)}}))).ok());
  api::Value encoded = api::encode_object(d);
  api::Value old_template = *encoded.find("spec")->find("template");
  old_template.find("spec")->find("containers")->as_array()[0].set("image", api::Value::string("i:1"));
  ASSERT_TRUE(events::apply(state, typed(d, types::kDeploymentRolledBack, 3,
                                 obj({{"toRevision", api::Value::integer(1)}, {"template", old_template}})))
                  .ok());
  const api::Deployment& got = std::get<api::Deployment>(*state);
  EXPECT_EQ(got.metadata.annotations.at("deployment.kubernetes.io/revision"), "2");
  EXPECT_EQ(got.spec.pod_template.spec.containers[0].image, "i:1");

  api::Object job = decode("apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi, namespace: default}\nspec:\n"
                           "  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: perl}]\n");
  state = job;
  ASSERT_TRUE(events::apply(state, typed(job, types::kJobFailed, 2, obj({{"reason", api::Value::string("DeadlineExceeded")}}))).ok());
  const api::Condition& failed = std::get<api::Job>(*state).status.conditions.at(0);
  EXPECT_EQ(failed.type, "Failed");
  EXPECT_EQ(failed.reason, "DeadlineExceeded");
}

TEST(ApplyWorkloads, RollbackClearsTheRollbackToRequest) {
  api::Object d = decode("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: default\n"
                         "  annotations: {deployment.kubernetes.io/rollback-to: \"1\", keep: me}\n"
                         "spec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n"
                         "    spec: {containers: [{name: c, image: i:2}]}\n");
  std::optional<api::Object> state = d;
  api::Value same_template = *api::encode_object(d).find("spec")->find("template");
  ASSERT_TRUE(events::apply(state, typed(d, types::kDeploymentRolledBack, 2,
                                 obj({{"toRevision", api::Value::integer(2)}, {"template", same_template},
                                      {"reason", api::Value::string("revision 7 does not exist")}})))
                  .ok());
  const api::Deployment& got = std::get<api::Deployment>(*state);
  EXPECT_EQ(got.metadata.annotations, (api::StringMap{{"keep", "me"}}));
  EXPECT_EQ(got.spec, std::get<api::Deployment>(d).spec);
}

TEST(Summaries, SayWhatHappened) {
  api::Object p = pod();
  EXPECT_EQ(summarize(typed(p, types::kPodScheduled, 2, obj({{"nodeName", api::Value::string("node-1")}}))),
            "scheduled to node-1");
  EXPECT_EQ(summarize(typed(p, types::kReplicaSetScaled, 2,
                            obj({{"from", api::Value::integer(3)}, {"to", api::Value::integer(5)}}))),
            "replicas 3 -> 5");
}

TEST(EventTypes, EveryTypeIsDocumented) {
  for (const EventTypeInfo& t : all_event_types()) {
    EXPECT_FALSE(t.description.empty()) << t.type;
  }
  EXPECT_GE(all_event_types().size(), 15u);
}

}  // namespace
}  // namespace herd::events
