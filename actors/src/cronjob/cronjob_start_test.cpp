#include "cronjob/cronjob_start.hpp"

#include <gtest/gtest.h>

#include "job/batch_testing.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;
using Op = Command::Op;
using std::chrono::milliseconds;
using std::chrono::seconds;

CronSchedule parse(std::string_view text) { return *CronSchedule::parse(text); }

/// One scheduling step of `cj` at `now` with `store`; the status it leaves.
struct Step {
  Plan plan;
  api::CronJobStatus status;
};
Step schedule(const api::CronJob& cj, const ObjectStore& store, Clock::TimePoint now) {
  Step s;
  s.status = cj.status;
  schedule_cronjob(*stored(cj), s.status, classify_cronjob_jobs(cj, store), store, now, s.plan);
  return s;
}

std::vector<std::string> ops(const Plan& plan) {
  std::vector<std::string> out;
  for (const Command& c : plan.commands) {
    std::string kind = c.object ? std::string(api::kind_of(*c.object).kind) : c.key.substr(0, c.key.find('/'));
    out.push_back((c.op == Op::kCreate ? "create " : c.op == Op::kDelete ? "delete " : "other ") +
                  (c.op == Op::kCreate ? kind + "/" + api::meta(*c.object).name : c.key));
  }
  return out;
}

TEST(CronJobStart, DueIsTheLatestUnmetTime) {
  api::CronJob cj = cronjob_with("* * * * *", "", kT0);
  DueTime due = cronjob_due_time(cj, parse("* * * * *"), at(kT0 + 210));
  EXPECT_EQ(due.due, at(kT0 + 180));
  EXPECT_EQ(due.unmet, 3);
  EXPECT_EQ(due.next, at(kT0 + 240));
}

TEST(CronJobStart, NothingDueBeforeTheFirstTime) {
  api::CronJob cj = cronjob_with("0 * * * *", "", kT0 + 1);
  DueTime due = cronjob_due_time(cj, parse("0 * * * *"), at(kT0 + 1800));
  EXPECT_EQ(due.due, std::nullopt);
  EXPECT_EQ(due.next, at(kT0 + 3600));
}

TEST(CronJobStart, LastScheduleTimeIsWhereCountingResumes) {
  api::CronJob cj = cronjob_with("*/5 * * * *", "", kT0 - 86400);
  cj.status.last_schedule_time = batch_time_text(at(kT0));
  EXPECT_EQ(cronjob_due_time(cj, parse("*/5 * * * *"), at(kT0 + 299)).due, std::nullopt);
  DueTime due = cronjob_due_time(cj, parse("*/5 * * * *"), at(kT0 + 300));
  EXPECT_EQ(due.due, at(kT0 + 300));
  EXPECT_EQ(due.unmet, 1);
}

TEST(CronJobStart, StartingDeadlineDropsTimesTooOldToStart) {
  api::CronJob cj = cronjob_with("*/5 * * * *", "  startingDeadlineSeconds: 30\n", kT0 - 1);
  EXPECT_EQ(cronjob_due_time(cj, parse("*/5 * * * *"), at(kT0 + 40)).due, std::nullopt);
  EXPECT_EQ(cronjob_due_time(cj, parse("*/5 * * * *"), at(kT0 + 20)).due, at(kT0));
  Step late = schedule(cj, ObjectStore{}, at(kT0 + 40));
  EXPECT_TRUE(late.plan.commands.empty());
  EXPECT_EQ(late.plan.requeue_after, milliseconds(seconds(260)));
}

TEST(CronJobStart, StartsTheDueJobAndRequeuesAtTheNextTime) {
  api::CronJob cj = cronjob_with("* * * * *", "", kT0 - 30);
  Step s = schedule(cj, ObjectStore{}, at(kT0) + milliseconds(250));
  EXPECT_EQ(ops(s.plan), (std::vector<std::string>{"create Job/hello-29539320"}));
  EXPECT_EQ(s.plan.commands[0].actor, "controller:cronjob");
  EXPECT_EQ(s.status.last_schedule_time, "2026-03-01T10:00:00Z");
  EXPECT_EQ(s.plan.requeue_after, milliseconds(59750));
}

TEST(CronJobStart, TooManyMissedTimesIsReportedAndOnlyTheLatestStarts) {
  api::CronJob cj = cronjob_with("* * * * *", "", kT0 - 86400);
  Step s = schedule(cj, ObjectStore{}, at(kT0 + 10));
  EXPECT_EQ(ops(s.plan), (std::vector<std::string>{"create Event/hello.toomanymissedtimes.29539320",
                                                   "create Job/hello-29539320"}));
  const api::Event& e = std::get<api::Event>(*s.plan.commands[0].object);
  EXPECT_EQ(e.reason, "TooManyMissedTimes");
  EXPECT_EQ(e.type, "Warning");
  EXPECT_EQ(e.involved_object.uid, "uid-hello");
  // A hundred missed times are not "too many".
  Step few = schedule(cronjob_with("* * * * *", "", kT0 - 6000), ObjectStore{}, at(kT0 + 10));
  EXPECT_EQ(ops(few.plan), (std::vector<std::string>{"create Job/hello-29539320"}));
}

TEST(CronJobStart, AllowStartsBesideActiveJobs) {
  api::CronJob cj = cronjob_with("* * * * *", "", kT0 - 30);
  ObjectStore store;
  store.put(stored(cronjob_child(cj, "hello-29539319", kT0 - 60)));
  EXPECT_EQ(ops(schedule(cj, store, at(kT0)).plan), (std::vector<std::string>{"create Job/hello-29539320"}));
}

TEST(CronJobStart, ForbidWaitsWhileAJobIsActive) {
  api::CronJob cj = cronjob_with("* * * * *", "  concurrencyPolicy: Forbid\n", kT0 - 30);
  ObjectStore store;
  store.put(stored(cronjob_child(cj, "hello-29539319", kT0 - 60)));
  Step blocked = schedule(cj, store, at(kT0));
  EXPECT_TRUE(blocked.plan.commands.empty());
  EXPECT_EQ(blocked.status.last_schedule_time, "");  // still due: starts late once the other finishes
  store.put(stored(cronjob_child(cj, "hello-29539319", kT0 - 60, "Complete", kT0 + 20)));
  EXPECT_EQ(ops(schedule(cj, store, at(kT0 + 20)).plan), (std::vector<std::string>{"create Job/hello-29539320"}));
}

TEST(CronJobStart, ReplaceDeletesActiveJobsThenStarts) {
  api::CronJob cj = cronjob_with("* * * * *", "  concurrencyPolicy: Replace\n", kT0 - 30);
  ObjectStore store;
  store.put(stored(cronjob_child(cj, "hello-29539319", kT0 - 60)));
  store.put(stored(cronjob_child(cj, "hello-29539318", kT0 - 120, "Complete", kT0 - 100)));
  cj.status.active = {cronjob_job_reference(cronjob_child(cj, "hello-29539319", kT0 - 60))};
  Step s = schedule(cj, store, at(kT0));
  EXPECT_EQ(ops(s.plan), (std::vector<std::string>{"delete Job/default/hello-29539319", "create Job/hello-29539320"}));
  EXPECT_EQ(s.plan.commands[0].propagation, Propagation::kBackground);
  EXPECT_TRUE(s.status.active.empty());
}

TEST(CronJobStart, ARepeatedStepNeverStartsTheSameTimeTwice) {
  api::CronJob cj = cronjob_with("* * * * *", "", kT0 - 30);
  ObjectStore store;
  store.put(stored(cronjob_child(cj, "hello-29539320", kT0)));  // created, but the status write was lost
  Step s = schedule(cj, store, at(kT0 + 5));
  EXPECT_TRUE(s.plan.commands.empty());
  EXPECT_EQ(s.status.last_schedule_time, "2026-03-01T10:00:00Z");
  // Someone else's Job of that name: left alone, and nothing recorded.
  api::Job theirs = cronjob_child(cj, "hello-29539320", kT0);
  theirs.metadata.owner_references.clear();
  ObjectStore other;
  other.put(stored(theirs));
  Step blocked = schedule(cj, other, at(kT0 + 5));
  EXPECT_TRUE(blocked.plan.commands.empty());
  EXPECT_EQ(blocked.status.last_schedule_time, "");
}

TEST(CronJobStart, OnlyUtcTimeZoneIsSupported) {
  api::CronJob utc = cronjob_with("* * * * *", "  timeZone: UTC\n", kT0 - 30);
  EXPECT_EQ(ops(schedule(utc, ObjectStore{}, at(kT0)).plan), (std::vector<std::string>{"create Job/hello-29539320"}));
  api::CronJob oslo = cronjob_with("* * * * *", "  timeZone: Europe/Oslo\n", kT0 - 30);
  Step s = schedule(oslo, ObjectStore{}, at(kT0));
  EXPECT_EQ(ops(s.plan), (std::vector<std::string>{"create Event/hello.unknowntimezone.1"}));
  EXPECT_FALSE(s.plan.requeue_after.has_value());
  const api::Event& e = std::get<api::Event>(*s.plan.commands[0].object);
  EXPECT_EQ(e.reason, "UnknownTimeZone");
  EXPECT_NE(e.message.find("Europe/Oslo"), std::string::npos);
  EXPECT_EQ(e.metadata.owner_references.at(0).uid, "uid-hello");
  // Reported once: the Event exists now.
  ObjectStore reported;
  reported.put(stored(*s.plan.commands[0].object));
  EXPECT_TRUE(schedule(oslo, reported, at(kT0 + 60)).plan.commands.empty());
}

TEST(CronJobStart, BadSchedulesAreReported) {
  api::CronJob cj = cronjob_with("* * * * *", "", kT0 - 30);
  cj.spec.schedule = "61 * * * *";  // as if it got past validation
  Step unparseable = schedule(cj, ObjectStore{}, at(kT0));
  EXPECT_EQ(ops(unparseable.plan), (std::vector<std::string>{"create Event/hello.unparseableschedule.1"}));
  cj.spec.schedule = "0 0 30 2 *";
  Step never = schedule(cj, ObjectStore{}, at(kT0));
  EXPECT_EQ(ops(never.plan), (std::vector<std::string>{"create Event/hello.invalidschedule.1"}));
  EXPECT_FALSE(never.plan.requeue_after.has_value());
}

}  // namespace
}  // namespace herd::actors
