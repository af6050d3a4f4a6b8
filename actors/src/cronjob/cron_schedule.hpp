#pragma once

// CronSchedule: a CronJob's spec.schedule, parsed, and the times it names.
// Kubernetes parses schedules with github.com/robfig/cron/v3 ParseStandard;
// this follows it (and so Vixie cron) field by field:
//
//   schedule   ::= minute hour day-of-month month day-of-week | descriptor
//   field      ::= expr ("," expr)*
//   expr       ::= ("*" | "?" | value ("-" value)?) ("/" step)?
//   descriptor ::= @yearly | @annually | @monthly | @weekly | @daily | @midnight | @hourly
//                | "@every " go-duration
//
// minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of
// week 0-6 or SUN-SAT (names in any case). "N/step" runs from N to the
// field's maximum. Day of month and day of week combine as in Vixie cron:
// when both are restricted (neither field starts with "*" or "?") a day
// matches if EITHER matches ("0 0 13 * 5" fires on every 13th and every
// Friday); otherwise both must match.
//
// Times are UTC only: herd has no time zone database, so a CronJob's
// spec.timeZone other than "UTC" is refused by the controller, not here.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "herd/base/clock.hpp"
#include "herd/base/result.hpp"

namespace herd::actors {

/// A parsed schedule. Plain value type; every method is pure and thread-safe.
class CronSchedule {
 public:
  using TimePoint = Clock::TimePoint;

  /// Parses `text`. Returns kInvalidArgument naming the problem ("expected
  /// exactly 5 fields, found 4: [...]", "end of range (60) above maximum (59):
  /// 0-60", "unrecognized descriptor: @sometimes", ...).
  static Result<CronSchedule> parse(std::string_view text);

  /// The first scheduled time strictly after `t`, or nullopt when there is
  /// none within five years (a schedule such as "0 0 30 2 *" never fires).
  std::optional<TimePoint> next(TimePoint t) const;

  /// The latest scheduled time in (after, until], or nullopt when there is
  /// none. Cost does not grow with the length of the interval.
  std::optional<TimePoint> latest(TimePoint after, TimePoint until) const;

  /// How many scheduled times fall in (after, until], counting no further
  /// than `limit` (the CronJob controller only needs to know "more than 100").
  int count(TimePoint after, TimePoint until, int limit) const;

 private:
  CronSchedule() = default;

  // Cron fields: bit i set when value i is allowed.
  uint64_t minutes_ = 0;
  uint32_t hours_ = 0;
  uint32_t days_of_month_ = 0;
  uint32_t months_ = 0;
  uint32_t days_of_week_ = 0;
  bool day_of_month_star_ = false;
  bool day_of_week_star_ = false;
  /// Set for "@every": a fixed delay in whole seconds, instead of the fields.
  std::optional<std::chrono::seconds> every_;

  bool day_matches(int64_t day) const;
  /// First (or last) allowed minute of the day within [from, to], or -1.
  int first_minute(int from, int to) const;
  int last_minute(int from, int to) const;
  bool minute_matches(int minute_of_day) const;

  static Result<CronSchedule> parse_fields(std::string_view text);
  static Result<CronSchedule> parse_every(std::string_view duration);
};

}  // namespace herd::actors
