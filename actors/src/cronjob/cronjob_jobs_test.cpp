#include "cronjob/cronjob_jobs.hpp"

#include <gtest/gtest.h>

#include "job/batch_testing.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;

std::vector<std::string> names(const std::vector<ObjectPtr>& objects) {
  std::vector<std::string> out;
  for (const ObjectPtr& o : objects) out.push_back(o->meta().name);
  return out;
}

TEST(CronJobJobs, JobNameIsTheScheduledMinute) {
  api::CronJob cj = cronjob_with("* * * * *");
  EXPECT_EQ(cronjob_job_name(cj, at(kT0)), "hello-29539320");
  EXPECT_EQ(cronjob_job_name(cj, at(kT0 + 60)), "hello-29539321");
}

TEST(CronJobJobs, JobFromTemplateCarriesTheTemplateAndAControllerReference) {
  api::CronJob cj = cronjob_with("* * * * *");
  cj.spec.job_template.metadata.annotations["team"] = "a";
  api::Job job = cronjob_job_from_template(cj, at(kT0));
  EXPECT_EQ(job.metadata.name, "hello-29539320");
  EXPECT_EQ(job.metadata.namespace_, "default");
  EXPECT_EQ(job.metadata.labels.at("app"), "hello");
  EXPECT_EQ(job.metadata.annotations.at("team"), "a");
  EXPECT_EQ(job.metadata.annotations.at("batch.kubernetes.io/cronjob-scheduled-timestamp"), "2026-03-01T10:00:00Z");
  ASSERT_EQ(job.metadata.owner_references.size(), 1u);
  EXPECT_EQ(job.metadata.owner_references[0],
            (api::OwnerReference{"batch/v1", "CronJob", "hello", "uid-hello", true, true}));
  EXPECT_EQ(job.spec, cj.spec.job_template.spec);
}

TEST(CronJobJobs, SortsControlledJobsByStateAndStartTime) {
  api::CronJob cj = cronjob_with("* * * * *");
  ObjectStore store;
  store.put(stored(cronjob_child(cj, "run-late", 300)));
  store.put(stored(cronjob_child(cj, "run-early", 100)));
  store.put(stored(cronjob_child(cj, "ok", 50, "Complete", 60)));
  store.put(stored(cronjob_child(cj, "bad", 70, "Failed", 80)));
  api::Job stranger = cronjob_child(cj, "stranger", 10);
  stranger.metadata.owner_references[0].controller = false;
  store.put(stored(stranger));
  CronJobJobs jobs = classify_cronjob_jobs(cj, store);
  EXPECT_EQ(names(jobs.active), (std::vector<std::string>{"run-early", "run-late"}));
  EXPECT_EQ(names(jobs.succeeded), (std::vector<std::string>{"ok"}));
  EXPECT_EQ(names(jobs.failed), (std::vector<std::string>{"bad"}));
}

}  // namespace
}  // namespace herd::actors
