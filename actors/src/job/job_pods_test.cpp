#include "job/job_pods.hpp"

#include <gtest/gtest.h>

#include "job/batch_testing.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;

std::vector<std::string> names(const std::vector<ObjectPtr>& pods) {
  std::vector<std::string> out;
  for (const ObjectPtr& p : pods) out.push_back(p->meta().name);
  return out;
}

TEST(JobPods, SortsOwnedPodsByState) {
  api::Job job = job_with("");
  ObjectStore store;
  store.put(job_pod(job, "pending").build());
  store.put(job_pod(job, "running").running("node-1").ready_since(5).build());
  store.put(job_pod(job, "done").phase("Succeeded").build());
  store.put(job_pod(job, "done-deleted").phase("Succeeded").terminating().build());
  store.put(job_pod(job, "broken").phase("Failed").build());
  store.put(job_pod(job, "broken-deleted").phase("Failed").terminating().build());
  store.put(job_pod(job, "stopping").running("node-1").terminating().build());
  // Not the Job's: another owner, and a non-controlling reference.
  store.put(PodBuilder("stranger").controlled_by("Job", "other", "uid-other", "batch/v1").build());
  PodBuilder weak("weak");
  weak.pod().metadata.owner_references.push_back({"batch/v1", "Job", "work", "uid-work", false, false});
  store.put(weak.build());

  JobPods pods = classify_job_pods(job, store);
  EXPECT_EQ(names(pods.active), (std::vector<std::string>{"pending", "running"}));
  EXPECT_EQ(names(pods.succeeded), (std::vector<std::string>{"done", "done-deleted"}));
  EXPECT_EQ(names(pods.failed), (std::vector<std::string>{"broken"}));  // failing while deleted is not held against it
  EXPECT_EQ(pods.terminating, 1);
  EXPECT_EQ(pods.ready, 1);
}

TEST(JobPods, RestartsAddUpOverUnfinishedPods) {
  api::Job job = job_with("", "OnFailure");
  ObjectStore store;
  PodBuilder a = job_pod(job, "a").running("node-1");
  a.pod().status.container_statuses = {container_restarted("main", 2)};
  a.pod().status.init_container_statuses = {container_restarted("init", 1)};
  PodBuilder done = job_pod(job, "done").phase("Succeeded");
  done.pod().status.container_statuses = {container_restarted("main", 5)};
  store.put(a.build());
  store.put(done.build());
  EXPECT_EQ(classify_job_pods(job, store).restarts, 3);
}

TEST(JobPods, PodFromTemplateCarriesLabelsAndControllerReference) {
  api::Job job = job_with("");
  api::Pod pod = job_pod_from_template(job);
  EXPECT_EQ(pod.metadata.name, "");
  EXPECT_EQ(pod.metadata.generate_name, "work-");
  EXPECT_EQ(pod.metadata.namespace_, "default");
  EXPECT_EQ(pod.metadata.labels.at("app"), "work");
  EXPECT_EQ(pod.metadata.labels.at("job-name"), "work");
  EXPECT_EQ(pod.metadata.labels.at("controller-uid"), "uid-work");
  EXPECT_EQ(pod.metadata.labels.at("batch.kubernetes.io/job-name"), "work");
  EXPECT_EQ(pod.metadata.labels.at("batch.kubernetes.io/controller-uid"), "uid-work");
  ASSERT_EQ(pod.metadata.owner_references.size(), 1u);
  EXPECT_EQ(pod.metadata.owner_references[0], (api::OwnerReference{"batch/v1", "Job", "work", "uid-work", true, true}));
  EXPECT_EQ(pod.spec, job.spec.pod_template.spec);
  EXPECT_EQ(pod.spec.restart_policy, "Never");
}

TEST(JobPods, DeletesTheLeastProgressedPodsFirst) {
  api::Job job = job_with("");
  PodBuilder restarted = job_pod(job, "ready-restarted").running("n").ready_since(1);
  restarted.pod().status.container_statuses = {container_restarted("main", 3)};
  std::vector<ObjectPtr> active{
      job_pod(job, "ready-old").running("n").ready_since(1).created(1).build(),
      job_pod(job, "ready-new").running("n").ready_since(1).created(2).build(),
      restarted.created(0).build(),
      job_pod(job, "running-not-ready").running("n").not_ready().build(),
      job_pod(job, "scheduled-pending").scheduled("n").build(),
      job_pod(job, "unscheduled").build(),
  };
  EXPECT_EQ(names(job_pods_to_delete(active, 6)),
            (std::vector<std::string>{"unscheduled", "scheduled-pending", "running-not-ready", "ready-restarted",
                                      "ready-new", "ready-old"}));
  EXPECT_EQ(names(job_pods_to_delete(active, 2)), (std::vector<std::string>{"unscheduled", "scheduled-pending"}));
}

TEST(JobPods, DeleteCommandsNameKeyAndUid) {
  api::Job job = job_with("");
  Plan plan;
  delete_job_pods({job_pod(job, "a").build()}, plan);
  ASSERT_EQ(plan.commands.size(), 1u);
  EXPECT_EQ(plan.commands[0].op, Command::Op::kDelete);
  EXPECT_EQ(plan.commands[0].key, "Pod/default/a");
  EXPECT_EQ(plan.commands[0].expect_uid, "uid-a");
  EXPECT_EQ(plan.commands[0].actor, "controller:job");
}

TEST(JobPods, FinishTimeFromContainersThenReadyThenStart) {
  api::Job job = job_with("");
  api::Pod pod = job_pod(job, "a").created(1).pod();
  EXPECT_EQ(job_pod_finish_time(pod), at(1));  // nothing else known: its creation
  pod.status.start_time = batch_time_text(at(2));
  EXPECT_EQ(job_pod_finish_time(pod), at(2));
  pod.status.conditions = {api::Condition{"Ready", "False", "", batch_time_text(at(7)), "", "", ""}};
  EXPECT_EQ(job_pod_finish_time(pod), at(7));
  finish_pod(pod, "Failed", 9);
  EXPECT_EQ(job_pod_finish_time(pod), at(9));
}

}  // namespace
}  // namespace herd::actors
