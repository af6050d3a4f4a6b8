#include "job/job_status.hpp"

#include <gtest/gtest.h>

#include "job/batch_testing.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;

TEST(JobStatus, ConditionTransitionTimeMovesOnlyWithItsStatus) {
  std::vector<api::Condition> conditions;
  EXPECT_FALSE(ensure_job_condition(conditions, "Suspended", false, "JobResumed", "Job resumed", "t0"));
  EXPECT_TRUE(conditions.empty());  // never "False" before it was ever "True"
  EXPECT_TRUE(ensure_job_condition(conditions, "Suspended", true, "JobSuspended", "Job suspended", "t1"));
  EXPECT_FALSE(ensure_job_condition(conditions, "Suspended", true, "Other", "other", "t2"));
  ASSERT_EQ(conditions.size(), 1u);
  EXPECT_EQ(conditions[0].reason, "JobSuspended");
  EXPECT_EQ(conditions[0].last_transition_time, "t1");
  EXPECT_TRUE(ensure_job_condition(conditions, "Suspended", false, "JobResumed", "Job resumed", "t3"));
  EXPECT_EQ(conditions[0].status, "False");
  EXPECT_EQ(conditions[0].reason, "JobResumed");
  EXPECT_EQ(conditions[0].last_transition_time, "t3");
  EXPECT_EQ(conditions[0].last_probe_time, "t3");
}

TEST(JobStatus, FinishedOnceCompleteOrFailedIsTrue) {
  api::Job job = job_with("");
  EXPECT_FALSE(job_finished(job));
  job.status.conditions = {api::Condition{"Complete", "False", "", "", "", "", ""}};
  EXPECT_FALSE(job_finished(job));
  job.status.conditions = {api::Condition{"Failed", "True", "", "", "", "", ""}};
  EXPECT_TRUE(job_finished(job));
  job.status.conditions = {api::Condition{"Complete", "True", "", "", "", "", ""}};
  EXPECT_TRUE(job_finished(job));
}

TEST(JobStatus, UnsetSpecFieldsTakeKubernetesDefaults) {
  api::JobSpec spec;
  EXPECT_EQ(job_parallelism(spec), 1);
  EXPECT_EQ(job_completions(spec), 1);
  EXPECT_EQ(job_backoff_limit(spec), 6);
  spec.parallelism = 4;
  EXPECT_EQ(job_completions(spec), std::nullopt);  // a work queue
  spec.completions = 8;
  EXPECT_EQ(job_completions(spec), 8);
}

}  // namespace
}  // namespace herd::actors
