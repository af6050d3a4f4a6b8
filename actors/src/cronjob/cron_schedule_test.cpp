#include "cronjob/cron_schedule.hpp"

#include <gtest/gtest.h>

#include "job/batch_time.hpp"

namespace herd::actors {
namespace {

using TimePoint = CronSchedule::TimePoint;

TimePoint utc(std::string_view text) {
  std::optional<TimePoint> t = batch_time_point(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t.value_or(TimePoint{});
}

std::string show(std::optional<TimePoint> t) { return t ? batch_time_text(*t) : "never"; }

CronSchedule parse(std::string_view text) {
  Result<CronSchedule> s = CronSchedule::parse(text);
  EXPECT_TRUE(s.ok()) << text << ": " << s.status().to_string();
  return s.ok() ? *s : *CronSchedule::parse("* * * * *");
}

std::string next(std::string_view schedule, std::string_view after) {
  return show(parse(schedule).next(utc(after)));
}

std::string error_of(std::string_view schedule) {
  Result<CronSchedule> s = CronSchedule::parse(schedule);
  return s.ok() ? "ok" : s.status().message();
}

TEST(CronSchedule, EveryMinuteIsStrictlyAfter) {
  EXPECT_EQ(next("* * * * *", "2026-03-01T10:00:00Z"), "2026-03-01T10:01:00Z");
  EXPECT_EQ(next("* * * * *", "2026-03-01T10:00:59.999Z"), "2026-03-01T10:01:00Z");
  EXPECT_EQ(next("*/1 * * * *", "2026-03-01T23:59:30Z"), "2026-03-02T00:00:00Z");
}

TEST(CronSchedule, ListsRangesAndSteps) {
  EXPECT_EQ(next("5,35 * * * *", "2026-03-01T10:05:00Z"), "2026-03-01T10:35:00Z");
  EXPECT_EQ(next("*/15 9-17 * * *", "2026-03-01T17:45:00Z"), "2026-03-02T09:00:00Z");
  EXPECT_EQ(next("10-20/5 * * * *", "2026-03-01T10:16:00Z"), "2026-03-01T10:20:00Z");
  EXPECT_EQ(next("50/5 * * * *", "2026-03-01T10:56:00Z"), "2026-03-01T11:50:00Z");  // "50/5" = 50-59/5
  EXPECT_EQ(next("0 0,12 * * *", "2026-03-01T00:00:00Z"), "2026-03-01T12:00:00Z");
}

TEST(CronSchedule, MonthAndDayNamesInAnyCase) {
  // 2026-03-06 is a Friday.
  EXPECT_EQ(next("0 9 * * MON-fri", "2026-03-06T09:00:00Z"), "2026-03-09T09:00:00Z");
  EXPECT_EQ(next("0 0 1 jan,JUL *", "2026-03-01T00:00:00Z"), "2026-07-01T00:00:00Z");
  EXPECT_EQ(next("0 0 * * sun", "2026-03-06T00:00:00Z"), "2026-03-08T00:00:00Z");
}

TEST(CronSchedule, AcrossMonthEnds) {
  EXPECT_EQ(next("0 0 31 * *", "2026-01-31T00:00:00Z"), "2026-03-31T00:00:00Z");  // Feb has no 31st
  EXPECT_EQ(next("30 12 30 * *", "2026-04-30T12:30:00Z"), "2026-05-30T12:30:00Z");
  EXPECT_EQ(next("0 0 1 * *", "2026-12-31T23:59:00Z"), "2027-01-01T00:00:00Z");
  EXPECT_EQ(next("59 23 * * *", "2026-04-30T23:59:00Z"), "2026-05-01T23:59:00Z");
}

TEST(CronSchedule, LeapYears) {
  EXPECT_EQ(next("0 0 29 2 *", "2026-03-01T00:00:00Z"), "2028-02-29T00:00:00Z");
  EXPECT_EQ(next("0 0 29 2 *", "2028-02-29T00:00:00Z"), "2032-02-29T00:00:00Z");
  // 2100 is not a leap year (divisible by 100, not by 400); 2000 was.
  EXPECT_EQ(next("0 0 29 2 *", "2099-03-01T00:00:00Z"), "2104-02-29T00:00:00Z");
  // Like robfig/cron, the search gives up after five years: from 2096 the next one is 8 years away.
  EXPECT_EQ(next("0 0 29 2 *", "2096-03-01T00:00:00Z"), "never");
  EXPECT_EQ(next("0 0 29 2 *", "1999-01-01T00:00:00Z"), "2000-02-29T00:00:00Z");
}

TEST(CronSchedule, ImpossibleDateNeverFires) {
  EXPECT_EQ(next("0 0 30 2 *", "2026-01-01T00:00:00Z"), "never");
  EXPECT_EQ(next("59 23 31 4 *", "2026-01-01T00:00:00Z"), "never");
}

TEST(CronSchedule, DayOfMonthOrDayOfWeekWhenBothRestricted) {
  // Vixie cron: the 13th OR any Friday. 2026-03-06 is a Friday, 2026-03-13 a Friday too.
  CronSchedule s = parse("0 0 13 * 5");
  EXPECT_EQ(show(s.next(utc("2026-03-01T00:00:00Z"))), "2026-03-06T00:00:00Z");
  EXPECT_EQ(show(s.next(utc("2026-03-13T00:00:00Z"))), "2026-03-20T00:00:00Z");
  EXPECT_EQ(show(s.next(utc("2026-04-10T00:00:00Z"))), "2026-04-13T00:00:00Z");  // a Monday
}

TEST(CronSchedule, DayOfMonthAndDayOfWeekWhenOneIsStar) {
  // "*" (or "*/N") in a day field makes both fields have to match.
  EXPECT_EQ(next("0 0 * * 1", "2026-03-01T00:00:00Z"), "2026-03-02T00:00:00Z");
  EXPECT_EQ(next("0 0 */2 * 1", "2026-03-01T00:00:00Z"), "2026-03-09T00:00:00Z");  // odd day and Monday
  EXPECT_EQ(next("0 0 ? * 1", "2026-03-01T00:00:00Z"), "2026-03-02T00:00:00Z");
}

TEST(CronSchedule, Descriptors) {
  EXPECT_EQ(next("@yearly", "2026-03-01T00:00:00Z"), "2027-01-01T00:00:00Z");
  EXPECT_EQ(next("@annually", "2026-03-01T00:00:00Z"), "2027-01-01T00:00:00Z");
  EXPECT_EQ(next("@monthly", "2026-03-01T00:00:00Z"), "2026-04-01T00:00:00Z");
  EXPECT_EQ(next("@weekly", "2026-03-01T00:00:00Z"), "2026-03-08T00:00:00Z");  // Sundays
  EXPECT_EQ(next("@daily", "2026-03-01T00:00:00Z"), "2026-03-02T00:00:00Z");
  EXPECT_EQ(next("@midnight", "2026-02-28T13:00:00Z"), "2026-03-01T00:00:00Z");
  EXPECT_EQ(next("@hourly", "2026-03-01T23:00:00Z"), "2026-03-02T00:00:00Z");
}

TEST(CronSchedule, EveryDurationCountsFromThePreviousRun) {
  EXPECT_EQ(next("@every 90s", "2026-03-01T10:00:00.5Z"), "2026-03-01T10:01:30Z");
  EXPECT_EQ(next("@every 1h30m", "2026-03-01T10:00:00Z"), "2026-03-01T11:30:00Z");
  EXPECT_EQ(next("@every 100ms", "2026-03-01T10:00:00Z"), "2026-03-01T10:00:01Z");  // at least a second
  CronSchedule s = parse("@every 10m");
  EXPECT_EQ(show(s.latest(utc("2026-03-01T10:00:00Z"), utc("2026-03-01T10:35:00Z"))), "2026-03-01T10:30:00Z");
  EXPECT_EQ(show(s.latest(utc("2026-03-01T10:00:00Z"), utc("2026-03-01T10:09:59Z"))), "never");
  EXPECT_EQ(s.count(utc("2026-03-01T10:00:00Z"), utc("2026-03-01T10:35:00Z"), 100), 3);
}

TEST(CronSchedule, LatestIsTheLastTimeInTheInterval) {
  CronSchedule s = parse("*/5 * * * *");
  EXPECT_EQ(show(s.latest(utc("2026-03-01T10:00:00Z"), utc("2026-03-01T10:17:30Z"))), "2026-03-01T10:15:00Z");
  // `until` itself counts, `after` does not.
  EXPECT_EQ(show(s.latest(utc("2026-03-01T10:00:00Z"), utc("2026-03-01T10:05:00Z"))), "2026-03-01T10:05:00Z");
  EXPECT_EQ(show(s.latest(utc("2026-03-01T10:00:00Z"), utc("2026-03-01T10:04:59Z"))), "never");
  EXPECT_EQ(show(s.latest(utc("2026-03-01T10:05:00Z"), utc("2026-03-01T10:05:00Z"))), "never");
  // Across a month end and a leap day, going backwards.
  EXPECT_EQ(show(parse("0 12 29 2 *").latest(utc("2020-01-01T00:00:00Z"), utc("2026-03-01T00:00:00Z"))),
            "2024-02-29T12:00:00Z");
  EXPECT_EQ(show(parse("0 0 31 * *").latest(utc("2026-01-01T00:00:00Z"), utc("2026-04-15T00:00:00Z"))),
            "2026-03-31T00:00:00Z");
}

TEST(CronSchedule, LatestOverALongOutageIsCheap) {
  // Ten years of every-minute schedules: the answer is found without walking them.
  CronSchedule s = parse("* * * * *");
  EXPECT_EQ(show(s.latest(utc("2016-01-01T00:00:00Z"), utc("2026-03-01T10:17:30Z"))), "2026-03-01T10:17:00Z");
  EXPECT_EQ(s.count(utc("2016-01-01T00:00:00Z"), utc("2026-03-01T10:17:30Z"), 101), 101);
}

TEST(CronSchedule, CountStopsAtTheLimit) {
  CronSchedule s = parse("0 * * * *");
  EXPECT_EQ(s.count(utc("2026-03-01T00:00:00Z"), utc("2026-03-01T05:30:00Z"), 100), 5);
  EXPECT_EQ(s.count(utc("2026-03-01T00:00:00Z"), utc("2026-03-01T05:30:00Z"), 3), 3);
  EXPECT_EQ(s.count(utc("2026-03-01T00:00:00Z"), utc("2026-03-01T00:59:00Z"), 3), 0);
}

TEST(CronSchedule, RejectsBadSchedules) {
  EXPECT_EQ(error_of(""), "empty spec string");
  EXPECT_EQ(error_of("* * * *"), "expected exactly 5 fields, found 4: [* * * *]");
  EXPECT_EQ(error_of("0-60 * * * *"), "minute: end of range (60) above maximum (59): 0-60");
  EXPECT_EQ(error_of("* * 0 * *"), "day of month: beginning of range (0) below minimum (1): 0");
  EXPECT_EQ(error_of("* * * * 7"), "day of week: end of range (7) above maximum (6): 7");
  EXPECT_EQ(error_of("5-1 * * * *"), "minute: beginning of range (5) beyond end of range (1): 5-1");
  EXPECT_EQ(error_of("*/0 * * * *"), "minute: step of range should be a positive number: */0");
  EXPECT_EQ(error_of("1/2/3 * * * *"), "minute: too many slashes: 1/2/3");
  EXPECT_EQ(error_of("1-2-3 * * * *"), "minute: too many hyphens: 1-2-3");
  EXPECT_EQ(error_of("* * * foo *"), "month: failed to parse int from foo");
  EXPECT_EQ(error_of("0 0 L * *"), "day of month: failed to parse int from L");
  EXPECT_EQ(error_of("1,,2 * * * *"), "minute: failed to parse int from ");
  EXPECT_EQ(error_of("@sometimes"), "unrecognized descriptor: @sometimes");
  EXPECT_EQ(error_of("@every 5x"), "failed to parse duration @every 5x: time: invalid duration \"5x\"");
  EXPECT_EQ(error_of("CRON_TZ=UTC * * * * *"), "a time zone in the schedule is not supported; use spec.timeZone");
  EXPECT_EQ(error_of(" \t*/5  *  * * *\n"), "ok");
}

}  // namespace
}  // namespace herd::actors
