// Job and CronJob rows as kubectl shows them.

#include <string>

#include <gtest/gtest.h>

#include "printers/printers_testing.hpp"

namespace herd::server::printers {
namespace {

using testing::ago;
using testing::int_cell;
using testing::table_of;
using testing::text_cell;

// A Job "pi" created 10 minutes ago; `spec` adds spec fields, `status` is the status body.
std::string job(std::string_view spec, std::string_view status, std::string_view metadata = "") {
  return "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\n  creationTimestamp: " + ago(600) + "\n" +
         std::string(metadata) + "spec:\n" + std::string(spec) +
         "  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: pi, image: perl}\n"
         "status:\n" + std::string(status);
}

TEST(BatchPrinter, CompletedJobShowsCompletionsAndItsDuration) {
  api::Value t = table_of(testing::object(
      job("  completions: 1\n", "  succeeded: 1\n  startTime: " + ago(600) + "\n  completionTime: " + ago(583) +
                                    "\n  conditions:\n  - {type: Complete, status: \"True\"}\n")));
  EXPECT_EQ(text_cell(t, "Status"), "Complete");
  EXPECT_EQ(text_cell(t, "Completions"), "1/1");
  EXPECT_EQ(text_cell(t, "Duration"), "17s");
  EXPECT_EQ(text_cell(t, "Age"), "10m");
  EXPECT_EQ(text_cell(t, "Containers"), "pi");
  EXPECT_EQ(text_cell(t, "Images"), "perl");
}

TEST(BatchPrinter, RunningJobsDurationRunsUntilNow) {
  api::Value t = table_of(testing::object(job("  completions: 5\n  parallelism: 2\n",
                                              "  active: 2\n  succeeded: 2\n  startTime: " + ago(190) + "\n")));
  EXPECT_EQ(text_cell(t, "Status"), "Running");
  EXPECT_EQ(text_cell(t, "Completions"), "2/5");
  EXPECT_EQ(text_cell(t, "Duration"), "3m10s");
}

TEST(BatchPrinter, JobWithoutCompletionsCountsToOne) {
  // A work queue: parallelism without completions.
  api::Value t = table_of(testing::object(job("  parallelism: 3\n", "  active: 3\n")));
  EXPECT_EQ(text_cell(t, "Completions"), "0/1 of 3");
  EXPECT_EQ(text_cell(t, "Duration"), "");  // not started
}

TEST(BatchPrinter, JobStatusFollowsConditionsThenDeletion) {
  auto status = [](std::string_view conditions, std::string_view metadata = "") {
    api::Object o = testing::object(job("", "  conditions:\n" + std::string(conditions), metadata));
    return text_cell(table_of(o), "Status");
  };
  EXPECT_EQ(status("  - {type: Failed, status: \"True\", reason: BackoffLimitExceeded}\n"), "Failed");
  EXPECT_EQ(status("  - {type: Suspended, status: \"True\"}\n"), "Suspended");
  EXPECT_EQ(status("  - {type: FailureTarget, status: \"True\"}\n"), "FailureTarget");
  EXPECT_EQ(status("  - {type: Suspended, status: \"False\"}\n"), "Running");
  EXPECT_EQ(status("  - {type: Suspended, status: \"True\"}\n", "  deletionTimestamp: " + ago(1) + "\n"),
            "Terminating");
}

TEST(BatchPrinter, CronJobNeverScheduledShowsNone) {
  api::Value t = table_of(testing::object(
      "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\n  creationTimestamp: " + ago(30) +
      "\nspec:\n  schedule: '*/5 * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
      "          restartPolicy: OnFailure\n          containers:\n          - {name: dump, image: postgres:17}\n"));
  EXPECT_EQ(text_cell(t, "Name"), "backup");
  EXPECT_EQ(text_cell(t, "Schedule"), "*/5 * * * *");
  EXPECT_EQ(text_cell(t, "Timezone"), "<none>");
  EXPECT_EQ(text_cell(t, "Suspend"), "False");
  EXPECT_EQ(int_cell(t, "Active"), 0);
  EXPECT_EQ(text_cell(t, "Last Schedule"), "<none>");
  EXPECT_EQ(text_cell(t, "Age"), "30s");
  EXPECT_EQ(text_cell(t, "Images"), "postgres:17");
  EXPECT_EQ(text_cell(t, "Selector"), "<none>");
}

TEST(BatchPrinter, CronJobShowsTimeZoneActiveJobsAndLastSchedule) {
  api::Value t = table_of(testing::object(
      "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\nspec:\n  schedule: '@hourly'\n"
      "  timeZone: Europe/Paris\n  suspend: true\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
      "          restartPolicy: OnFailure\n          containers:\n          - {name: dump, image: postgres:17}\n"
      "status:\n  lastScheduleTime: " + ago(300) + "\n  active:\n  - {kind: Job, name: backup-1, namespace: default}\n"));
  EXPECT_EQ(text_cell(t, "Timezone"), "Europe/Paris");
  EXPECT_EQ(text_cell(t, "Suspend"), "True");
  EXPECT_EQ(int_cell(t, "Active"), 1);
  EXPECT_EQ(text_cell(t, "Last Schedule"), "5m");
}

}  // namespace
}  // namespace herd::server::printers
