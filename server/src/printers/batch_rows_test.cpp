// Job and CronJob rows as kubectl shows them.

#include <string>

#include <gtest/gtest.h>

#include "printers/printers_testing.hpp"

namespace herd::server::printers {
namespace {

// A Job "pi" created 10 minutes ago; `spec` adds spec fields, `status` is the status body.
std::string job(std::string_view spec, std::string_view status, std::string_view metadata = "") {
  return "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\n  creationTimestamp: " + ago(600) + "\n" +
         std::string(metadata) + "spec:\n" + std::string(spec) +
         "  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: pi, image: perl}\n"
         "status:\n" +
         std::string(status);
}

TEST(BatchPrinter, CompletedJobShowsCompletionsAndItsDuration) {
  api::Value t = table_of_yaml(
      job("  completions: 1\n", "  succeeded: 1\n  startTime: " + ago(600) + "\n  completionTime: " + ago(583) +
                                    "\n  conditions:\n  - {type: Complete, status: \"True\"}\n"));
  // NAME STATUS COMPLETIONS DURATION AGE | CONTAINERS IMAGES SELECTOR
  EXPECT_EQ(cells_json(t), R"(["pi","Complete","1/1","17s","10m","pi","perl","<none>"])");
}

TEST(BatchPrinter, RunningJobsDurationRunsUntilNow) {
  api::Value t = table_of_yaml(
      job("  completions: 5\n  parallelism: 2\n", "  active: 2\n  succeeded: 2\n  startTime: " + ago(190) + "\n"));
  EXPECT_EQ(text_cell(t, "Status"), "Running");
  EXPECT_EQ(text_cell(t, "Completions"), "2/5");
  EXPECT_EQ(text_cell(t, "Duration"), "3m10s");
}

TEST(BatchPrinter, JobWithoutCompletionsCountsToOne) {
  // A work queue: parallelism without completions.
  api::Value t = table_of_yaml(job("  parallelism: 3\n", "  active: 3\n"));
  EXPECT_EQ(text_cell(t, "Completions"), "0/1 of 3");
  EXPECT_EQ(text_cell(t, "Duration"), "");  // not started
}

TEST(BatchPrinter, JobStatusFollowsConditionsThenDeletion) {
  auto status = [](std::string_view conditions, std::string_view metadata = "") {
    return text_cell(table_of_yaml(job("", "  conditions:\n" + std::string(conditions), metadata)), "Status");
  };
  EXPECT_EQ(status("  - {type: Failed, status: \"True\", reason: BackoffLimitExceeded}\n"), "Failed");
  EXPECT_EQ(status("  - {type: Suspended, status: \"True\"}\n"), "Suspended");
  EXPECT_EQ(status("  - {type: FailureTarget, status: \"True\"}\n"), "FailureTarget");
  EXPECT_EQ(status("  - {type: Suspended, status: \"False\"}\n"), "Running");
  EXPECT_EQ(status("  - {type: Suspended, status: \"True\"}\n", "  deletionTimestamp: " + ago(1) + "\n"),
            "Terminating");
}

// A CronJob "backup" created 30s ago; `spec` adds spec fields, `rest` follows the spec.
std::string cron_job(std::string_view spec, std::string_view rest = "") {
  return "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\n  creationTimestamp: " + ago(30) +
         "\nspec:\n" + std::string(spec) +
         "  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n"
         "          containers:\n          - {name: dump, image: postgres:17}\n" +
         std::string(rest);
}

TEST(BatchPrinter, CronJobNeverScheduledShowsNone) {
  api::Value t = table_of_yaml(cron_job("  schedule: '*/5 * * * *'\n"));
  // NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE | CONTAINERS IMAGES SELECTOR
  EXPECT_EQ(cells_json(t),
            R"(["backup","*/5 * * * *","<none>","False",0,"<none>","30s","dump","postgres:17","<none>"])");
}

TEST(BatchPrinter, CronJobShowsTimeZoneActiveJobsAndLastSchedule) {
  api::Value t = table_of_yaml(
      cron_job("  schedule: '@hourly'\n  timeZone: Europe/Paris\n  suspend: true\n",
               "status:\n  lastScheduleTime: " + ago(300) + "\n  active:\n  - {kind: Job, name: backup-1}\n"));
  EXPECT_EQ(cells_json(t), R"(["backup","@hourly","Europe/Paris","True",1,"5m","30s","dump","postgres:17","<none>"])");
}

}  // namespace
}  // namespace herd::server::printers
