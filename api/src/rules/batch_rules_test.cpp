#include <limits>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "rules/rules_test_util.hpp"

namespace herd::api::rules {
namespace {

using testing::dump;
using testing::has_error;
using testing::validate;

PodTemplateSpec pi_template() {
  PodTemplateSpec t;
  t.metadata.labels = {{"app", "pi"}};
  Container c;
  c.name = "pi";
  c.image = "perl";
  c.command = {"perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"};
  t.spec.containers.push_back(c);
  t.spec.restart_policy = "Never";
  return t;
}

/// A Job as the table defaults leave it.
Job pi_job() {
  Job job;
  job.metadata.name = "pi-with-timeout";
  job.spec.pod_template = pi_template();
  job.spec.completion_mode = "NonIndexed";
  job.spec.suspend = false;
  job.spec.pod_replacement_policy = "TerminatingOrFailed";
  return job;
}

/// A CronJob as the table defaults leave it.
CronJob hello_cron_job() {
  CronJob cj;
  cj.metadata.name = "hello";
  cj.spec.schedule = "*/1 * * * *";
  cj.spec.concurrency_policy = "Allow";
  cj.spec.successful_jobs_history_limit = 3;
  cj.spec.failed_jobs_history_limit = 1;
  cj.spec.job_template.spec.pod_template = pi_template();
  cj.spec.job_template.spec.pod_template.spec.restart_policy = "OnFailure";
  return cj;
}

/// The schedule error of a CronJob with `schedule`, or "" when it has none.
std::string schedule_error(std::string_view schedule) {
  CronJob cj = hello_cron_job();
  cj.spec.schedule = std::string(schedule);
  FieldErrors errors = validate(cj);
  for (const FieldError& e : errors.list()) {
    if (e.path == "spec.schedule") return e.message;
  }
  return "";
}

// Job defaults --------------------------------------------------------------------

TEST(JobDefaults, BothUnsetMeansOneCompletionOnePod) {
  Job job = pi_job();
  apply_kind_defaults(job);
  EXPECT_EQ(job.spec.completions, 1);
  EXPECT_EQ(job.spec.parallelism, 1);
}

TEST(JobDefaults, CompletionsAloneKeepParallelismOne) {
  Job job = pi_job();
  job.spec.completions = 5;
  apply_kind_defaults(job);
  EXPECT_EQ(job.spec.completions, 5);
  EXPECT_EQ(job.spec.parallelism, 1);
}

TEST(JobDefaults, ParallelismAloneLeavesCompletionsUnset) {
  Job job = pi_job();
  job.spec.parallelism = 4;
  apply_kind_defaults(job);
  EXPECT_FALSE(job.spec.completions.has_value());
  EXPECT_EQ(job.spec.parallelism, 4);
}

TEST(JobDefaults, BackoffLimitIsSixOrUnlimitedPerIndex) {
  Job plain = pi_job();
  apply_kind_defaults(plain);
  EXPECT_EQ(plain.spec.backoff_limit, 6);
  Job per_index = pi_job();
  per_index.spec.backoff_limit_per_index = 2;
  apply_kind_defaults(per_index);
  EXPECT_EQ(per_index.spec.backoff_limit, std::numeric_limits<int32_t>::max());
}

TEST(JobDefaults, LabelsComeFromTemplateAndRestartPolicyStaysUnset) {
  Job job = pi_job();
  job.spec.pod_template.spec.restart_policy.clear();
  apply_kind_defaults(job);
  EXPECT_EQ(job.metadata.labels, (StringMap{{"app", "pi"}}));
  EXPECT_EQ(job.spec.pod_template.spec.restart_policy, "");
}

// Job validation ------------------------------------------------------------------

TEST(JobValidation, AcceptsAValidJob) {
  Job job = pi_job();
  job.spec.backoff_limit = 5;
  job.spec.active_deadline_seconds = 100;
  apply_kind_defaults(job);
  FieldErrors errors = validate(job);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(JobValidation, RejectsTemplateWithoutRestartPolicy) {
  // The seed's job-pi-with-timeout.yaml: restartPolicy sits under the container.
  Job job = pi_job();
  job.spec.pod_template.spec.restart_policy.clear();
  apply_kind_defaults(job);
  EXPECT_TRUE(has_error(validate(job), "spec.template.spec.restartPolicy", "Required value"));
}

TEST(JobValidation, RejectsNegativeCounts) {
  Job job = pi_job();
  job.spec.parallelism = -1;
  job.spec.completions = -1;
  job.spec.backoff_limit = -1;
  job.spec.active_deadline_seconds = -1;
  job.spec.ttl_seconds_after_finished = -1;
  FieldErrors errors = validate(job);
  for (std::string_view f : {"parallelism", "completions", "backoffLimit", "activeDeadlineSeconds",
                             "ttlSecondsAfterFinished"}) {
    EXPECT_TRUE(has_error(errors, "spec." + std::string(f), "greater than or equal to 0")) << f;
  }
}

TEST(JobValidation, BackoffLimitPerIndexNeedsIndexedMode) {
  Job job = pi_job();
  job.spec.backoff_limit_per_index = 1;
  EXPECT_TRUE(has_error(validate(job), "spec.backoffLimitPerIndex", "requires indexed completion mode"));
}

TEST(JobValidation, MaxFailedIndexesNeedsBackoffLimitPerIndexAndFitsCompletions) {
  Job job = pi_job();
  job.spec.completion_mode = "Indexed";
  job.spec.completions = 3;
  job.spec.max_failed_indexes = 4;
  FieldErrors errors = validate(job);
  EXPECT_TRUE(has_error(errors, "spec.backoffLimitPerIndex", "when maxFailedIndexes is specified"));
  EXPECT_TRUE(has_error(errors, "spec.maxFailedIndexes", "must be less than or equal to completions"));
}

TEST(JobValidation, IndexedModeNeedsCompletions) {
  Job job = pi_job();
  job.spec.completion_mode = "Indexed";
  EXPECT_TRUE(has_error(validate(job), "spec.completions", "when completion mode is Indexed"));
}

TEST(JobValidation, IndexedPodHostnamesMustBeLabels) {
  Job job = pi_job();
  job.metadata.name = std::string(60, 'a');
  job.spec.completion_mode = "Indexed";
  job.spec.completions = 1000;
  EXPECT_TRUE(has_error(validate(job), "metadata.name", "will not able to create pod"));
}

TEST(JobValidation, ManualSelectorNeedsSelector) {
  Job job = pi_job();
  job.spec.manual_selector = true;
  EXPECT_TRUE(has_error(validate(job), "spec.selector", "Required value"));
}

TEST(JobValidation, SelectorMustMatchTemplate) {
  Job job = pi_job();
  job.spec.manual_selector = true;
  job.spec.selector = LabelSelector{{{"app", "other"}}, {}};
  EXPECT_TRUE(has_error(validate(job), "spec.template.metadata.labels", "does not match template"));
}

TEST(JobValidation, ValidatesTemplateLabels) {
  Job job = pi_job();
  job.spec.pod_template.metadata.labels["app"] = "-bad-";
  EXPECT_TRUE(has_error(validate(job), "spec.template.metadata.labels[app]", "Invalid value"));
}

TEST(JobValidation, RejectsNegativePerIndexLimitsAndTooManyFailedIndexes) {
  Job job = pi_job();
  job.spec.completion_mode = "Indexed";
  job.spec.completions = 200000;
  job.spec.backoff_limit_per_index = -1;
  job.spec.max_failed_indexes = 100001;
  FieldErrors errors = validate(job);
  EXPECT_TRUE(has_error(errors, "spec.backoffLimitPerIndex", "greater than or equal to 0"));
  EXPECT_TRUE(has_error(errors, "spec.maxFailedIndexes", "must be less than or equal to 100000"));
  job.spec.max_failed_indexes = -1;
  EXPECT_TRUE(has_error(validate(job), "spec.maxFailedIndexes", "greater than or equal to 0"));
}

// CronJob validation ----------------------------------------------------------------

TEST(CronJobValidation, AcceptsTheSeedCronJob) {
  CronJob cj = hello_cron_job();
  apply_kind_defaults(cj);
  FieldErrors errors = validate(cj);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(CronJobValidation, AcceptsStandardSchedules) {
  for (std::string_view s : {"0 0 * * *", "*/15 9-17 * * mon-fri", "0 0 1,15 * *", "5 4 * jan,JUL sun",
                             "0 */2 1-31/2 * ?", "30 3 * * 6", "@hourly", "@daily", "@midnight", "@weekly",
                             "@monthly", "@yearly", "@annually", "@every 1h30m", "0  0 * * *"}) {
    EXPECT_EQ(schedule_error(s), "") << s;
  }
}

TEST(CronJobValidation, RejectsWrongFieldCount) {
  EXPECT_EQ(schedule_error("* * * *"), "Invalid value: \"* * * *\": expected exactly 5 fields, found 4: [* * * *]");
  EXPECT_NE(schedule_error("0 0 0 * * *"), "");
}

TEST(CronJobValidation, RejectsOutOfRangeFields) {
  EXPECT_NE(schedule_error("60 * * * *").find("end of range (60) above maximum (59): 60"), std::string::npos);
  EXPECT_NE(schedule_error("* 24 * * *").find("above maximum (23)"), std::string::npos);
  EXPECT_NE(schedule_error("* * 0 * *").find("beginning of range (0) below minimum (1): 0"), std::string::npos);
  EXPECT_NE(schedule_error("* * * 13 *").find("above maximum (12)"), std::string::npos);
  EXPECT_NE(schedule_error("* * * * 7").find("above maximum (6)"), std::string::npos);
}

TEST(CronJobValidation, RejectsMalformedRangesStepsAndNames) {
  EXPECT_NE(schedule_error("5-1 * * * *").find("beginning of range (5) beyond end of range (1)"), std::string::npos);
  EXPECT_NE(schedule_error("*/0 * * * *").find("step of range should be a positive number"), std::string::npos);
  EXPECT_NE(schedule_error("1/2/3 * * * *").find("too many slashes"), std::string::npos);
  EXPECT_NE(schedule_error("1-2-3 * * * *").find("too many hyphens"), std::string::npos);
  EXPECT_NE(schedule_error("* * * foo *").find("failed to parse int from foo"), std::string::npos);
  EXPECT_NE(schedule_error("@fortnightly").find("unrecognized descriptor: @fortnightly"), std::string::npos);
  EXPECT_NE(schedule_error("@every soon").find("failed to parse duration"), std::string::npos);
}

TEST(CronJobValidation, RejectsTimeZoneInSchedule) {
  EXPECT_NE(schedule_error("CRON_TZ=UTC 0 0 * * *").find("cannot use TZ or CRON_TZ in schedule"),
            std::string::npos);
}

TEST(CronJobValidation, RejectsLocalAndMalformedTimeZones) {
  CronJob cj = hello_cron_job();
  cj.spec.time_zone = "Local";
  EXPECT_TRUE(has_error(validate(cj), "spec.timeZone", "must be an explicit time zone"));
  cj.spec.time_zone = "";
  EXPECT_TRUE(has_error(validate(cj), "spec.timeZone", "must be nil or non-empty string"));
  cj.spec.time_zone = "Europe/../etc";
  EXPECT_TRUE(has_error(validate(cj), "spec.timeZone", "unknown time zone"));
  cj.spec.time_zone = "Europe/Oslo";
  FieldErrors errors = validate(cj);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(CronJobValidation, RejectsNegativeDeadlinesAndLimits) {
  CronJob cj = hello_cron_job();
  cj.spec.starting_deadline_seconds = -1;
  cj.spec.successful_jobs_history_limit = -1;
  cj.spec.failed_jobs_history_limit = -1;
  FieldErrors errors = validate(cj);
  EXPECT_TRUE(has_error(errors, "spec.startingDeadlineSeconds", "greater than or equal to 0"));
  EXPECT_TRUE(has_error(errors, "spec.successfulJobsHistoryLimit", "greater than or equal to 0"));
  EXPECT_TRUE(has_error(errors, "spec.failedJobsHistoryLimit", "greater than or equal to 0"));
}

TEST(CronJobValidation, RejectsLongNames) {
  CronJob cj = hello_cron_job();
  cj.metadata.name = std::string(53, 'a');
  EXPECT_TRUE(has_error(validate(cj), "metadata.name", "must be no more than 52 characters"));
}

TEST(CronJobValidation, ForbidsSelectorsInJobTemplate) {
  CronJob cj = hello_cron_job();
  cj.spec.job_template.spec.selector = LabelSelector{{{"app", "pi"}}, {}};
  cj.spec.job_template.spec.manual_selector = true;
  FieldErrors errors = validate(cj);
  EXPECT_TRUE(has_error(errors, "spec.jobTemplate.spec.selector", "`selector` will be auto-generated"));
  EXPECT_TRUE(has_error(errors, "spec.jobTemplate.spec.manualSelector", "Unsupported value"));
}

TEST(CronJobValidation, ValidatesJobTemplateAsAJob) {
  CronJob cj = hello_cron_job();
  cj.spec.job_template.spec.pod_template.spec.restart_policy = "Always";
  cj.spec.job_template.spec.parallelism = -3;
  FieldErrors errors = validate(cj);
  EXPECT_TRUE(has_error(errors, "spec.jobTemplate.spec.template.spec.restartPolicy", "Unsupported value"));
  EXPECT_TRUE(has_error(errors, "spec.jobTemplate.spec.parallelism", "greater than or equal to 0"));
}

TEST(CronJobValidation, ValidatesJobTemplateMetadata) {
  CronJob cj = hello_cron_job();
  cj.spec.job_template.metadata.labels["bad key!"] = "x";
  EXPECT_TRUE(has_error(validate(cj), "spec.jobTemplate.metadata.labels", "Invalid value"));
}

TEST(CronJobDefaults, TemplateRestartPolicyIsNotDefaulted) {
  CronJob cj = hello_cron_job();
  cj.spec.job_template.spec.pod_template.spec.restart_policy.clear();
  apply_kind_defaults(cj);
  EXPECT_EQ(cj.spec.job_template.spec.pod_template.spec.restart_policy, "");
  EXPECT_TRUE(has_error(validate(cj), "spec.jobTemplate.spec.template.spec.restartPolicy", "Required value"));
}

}  // namespace
}  // namespace herd::api::rules
