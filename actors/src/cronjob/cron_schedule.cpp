#include "cronjob/cron_schedule.hpp"

#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace herd::actors {
namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::seconds;
using TimePoint = CronSchedule::TimePoint;

constexpr int64_t kMinutesPerDay = 24 * 60;
/// robfig/cron gives up after five years (a schedule such as "0 0 30 2 *"
/// never fires); 5 * 366 days covers five years with any leap days.
constexpr int64_t kSearchDays = 5 * 366;

/// The range of one cron field and, for month and day of week, its names
/// (names[i] stands for min + i).
struct FieldRange {
  std::string_view what;
  int min;
  int max;
  std::vector<std::string_view> names;
};

const std::array<FieldRange, 5>& field_ranges() {
  static const std::array<FieldRange, 5> ranges{{
      {"minute", 0, 59, {}},
      {"hour", 0, 23, {}},
      {"day of month", 1, 31, {}},
      {"month", 1, 12, {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}},
      {"day of week", 0, 6, {"sun", "mon", "tue", "wed", "thu", "fri", "sat"}},
  }};
  return ranges;
}

/// The descriptors and the five fields each stands for.
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kDescriptors{{
    {"@yearly", "0 0 1 1 *"},
    {"@annually", "0 0 1 1 *"},
    {"@monthly", "0 0 1 * *"},
    {"@weekly", "0 0 * * 0"},
    {"@daily", "0 0 * * *"},
    {"@midnight", "0 0 * * *"},
    {"@hourly", "0 * * * *"},
}};

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// A number or a name of `range`.
Result<int> parse_value(std::string_view text, const FieldRange& range) {
  std::string name = lower(text);
  for (std::size_t i = 0; i < range.names.size(); ++i) {
    if (range.names[i] == name) return range.min + static_cast<int>(i);
  }
  bool digits = !text.empty() && text.size() <= 9;
  for (char c : text) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  if (!digits) return Status::invalid_argument("failed to parse int from " + std::string(text));
  return std::stoi(std::string(text));
}

/// One comma-separated part of a field: sets its values in `bits`, and
/// `star` when it starts with "*" or "?" (which decides how day of month and
/// day of week combine).
Status parse_expr(std::string_view expr, const FieldRange& range, uint64_t& bits, bool& star) {
  std::string e(expr);
  std::size_t slash = expr.find('/');
  if (slash != std::string_view::npos && expr.find('/', slash + 1) != std::string_view::npos) {
    return Status::invalid_argument("too many slashes: " + e);
  }
  std::string_view span = expr.substr(0, slash);
  int low = range.min;
  int high = range.max;
  bool is_star = span == "*" || span == "?";
  if (!is_star) {
    std::size_t dash = span.find('-');
    if (dash != std::string_view::npos && span.find('-', dash + 1) != std::string_view::npos) {
      return Status::invalid_argument("too many hyphens: " + e);
    }
    HERD_ASSIGN_OR_RETURN(low, parse_value(span.substr(0, dash), range));
    high = low;
    if (dash != std::string_view::npos) {
      HERD_ASSIGN_OR_RETURN(high, parse_value(span.substr(dash + 1), range));
    } else if (slash != std::string_view::npos) {
      high = range.max;  // "N/step" runs from N to the maximum
    }
  }
  int step = 1;
  if (slash != std::string_view::npos) {
    HERD_ASSIGN_OR_RETURN(step, parse_value(expr.substr(slash + 1), FieldRange{}));
  }
  auto text = [](int v) { return std::to_string(v); };
  if (low < range.min) {
    return Status::invalid_argument("beginning of range (" + text(low) + ") below minimum (" + text(range.min) +
                                    "): " + e);
  }
  if (high > range.max) {
    return Status::invalid_argument("end of range (" + text(high) + ") above maximum (" + text(range.max) + "): " + e);
  }
  if (low > high) {
    return Status::invalid_argument("beginning of range (" + text(low) + ") beyond end of range (" + text(high) +
                                    "): " + e);
  }
  if (step <= 0) return Status::invalid_argument("step of range should be a positive number: " + e);
  for (int v = low; v <= high; v += step) bits |= uint64_t{1} << v;
  star = star || is_star;
  return Status();
}

Status parse_field(std::string_view field, const FieldRange& range, uint64_t& bits, bool& star) {
  std::size_t start = 0;
  while (true) {
    std::size_t comma = field.find(',', start);
    std::string_view expr = field.substr(start, comma == std::string_view::npos ? comma : comma - start);
    Status s = parse_expr(expr, range, bits, star);
    if (!s.ok()) return s.with_context(std::string(range.what));
    if (comma == std::string_view::npos) return Status();
    start = comma + 1;
  }
}

/// Go's time.ParseDuration: [-+]? (number unit)+ or "0"; units ns us µs ms s m h.
Result<std::chrono::nanoseconds> parse_go_duration(std::string_view text) {
  Status bad = Status::invalid_argument("time: invalid duration \"" + std::string(text) + "\"");
  std::string_view s = text;
  bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s == "0") return std::chrono::nanoseconds(0);
  if (s.empty()) return bad;
  static const std::array<std::pair<std::string_view, int64_t>, 8> kUnits{{
      {"ns", 1}, {"us", 1000}, {"\xC2\xB5s", 1000}, {"\xCE\xBCs", 1000},
      {"ms", 1000000}, {"s", 1000000000}, {"m", 60000000000}, {"h", 3600000000000}}};
  long double total = 0;
  while (!s.empty()) {
    std::size_t i = 0;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    std::string number(s.substr(0, i));
    if (number.find_first_of("0123456789") == std::string::npos || number.find('.') != number.rfind('.')) return bad;
    s.remove_prefix(i);
    std::size_t best = 0;
    int64_t scale = 0;
    for (const auto& [unit, ns] : kUnits) {
      if (s.substr(0, unit.size()) == unit && unit.size() > best) {
        best = unit.size();
        scale = ns;
      }
    }
    if (best == 0) return bad;
    s.remove_prefix(best);
    total += std::stold(number) * static_cast<long double>(scale);
  }
  return std::chrono::nanoseconds(static_cast<int64_t>(negative ? -total : total));
}

// Times as whole minutes since the epoch; days likewise (floor, also before 1970).
int64_t minute_of(TimePoint t) { return std::chrono::floor<minutes>(t.time_since_epoch()).count(); }
int64_t day_of_minute(int64_t minute) { return std::chrono::floor<days>(minutes(minute)).count(); }
TimePoint at_minute(int64_t minute) { return TimePoint(minutes(minute)); }

}  // namespace

Result<CronSchedule> CronSchedule::parse(std::string_view text) {
  std::vector<std::string_view> fields = words(text);
  if (fields.empty()) return Status::invalid_argument("empty spec string");
  if (fields[0].substr(0, 3) == "TZ=" || fields[0].substr(0, 8) == "CRON_TZ=") {
    return Status::invalid_argument("a time zone in the schedule is not supported; use spec.timeZone");
  }
  if (fields[0][0] != '@') return parse_fields(text);
  std::string descriptor;
  for (std::string_view f : fields) descriptor += (descriptor.empty() ? "" : " ") + std::string(f);
  for (const auto& [name, expansion] : kDescriptors) {
    if (descriptor == name) return parse_fields(expansion);
  }
  constexpr std::string_view kEvery = "@every ";
  if (descriptor.substr(0, kEvery.size()) == kEvery) {
    return parse_every(std::string_view(descriptor).substr(kEvery.size()));
  }
  return Status::invalid_argument("unrecognized descriptor: " + descriptor);
}

Result<CronSchedule> CronSchedule::parse_fields(std::string_view text) {
  std::vector<std::string_view> fields = words(text);
  if (fields.size() != field_ranges().size()) {
    std::string shown;
    for (std::string_view f : fields) shown += (shown.empty() ? "" : " ") + std::string(f);
    return Status::invalid_argument("expected exactly 5 fields, found " + std::to_string(fields.size()) + ": [" +
                                    shown + "]");
  }
  std::array<uint64_t, 5> bits{};
  std::array<bool, 5> star{};
  for (std::size_t i = 0; i < fields.size(); ++i) {
    HERD_RETURN_IF_ERROR(parse_field(fields[i], field_ranges()[i], bits[i], star[i]));
  }
  CronSchedule s;
  s.minutes_ = bits[0];
  s.hours_ = static_cast<uint32_t>(bits[1]);
  s.days_of_month_ = static_cast<uint32_t>(bits[2]);
  s.months_ = static_cast<uint32_t>(bits[3]);
  s.days_of_week_ = static_cast<uint32_t>(bits[4]);
  s.day_of_month_star_ = star[2];
  s.day_of_week_star_ = star[4];
  return s;
}

Result<CronSchedule> CronSchedule::parse_every(std::string_view duration) {
  Result<std::chrono::nanoseconds> d = parse_go_duration(duration);
  if (!d.ok()) return d.status().with_context("failed to parse duration @every " + std::string(duration));
  // robfig/cron's Every: at least one second, whole seconds only.
  CronSchedule s;
  s.every_ = std::max(seconds(1), std::chrono::floor<seconds>(*d));
  return s;
}

bool CronSchedule::day_matches(int64_t day) const {
  std::chrono::sys_days date{days(day)};
  std::chrono::year_month_day ymd{date};
  if (((months_ >> static_cast<unsigned>(ymd.month())) & 1u) == 0) return false;
  bool dom = ((days_of_month_ >> static_cast<unsigned>(ymd.day())) & 1u) != 0;
  bool dow = ((days_of_week_ >> std::chrono::weekday(date).c_encoding()) & 1u) != 0;
  // Vixie cron: a "*" in either day field makes the other one decide alone.
  if (day_of_month_star_ || day_of_week_star_) return dom && dow;
  return dom || dow;
}

bool CronSchedule::minute_matches(int minute_of_day) const {
  return ((hours_ >> (minute_of_day / 60)) & 1u) != 0 && ((minutes_ >> (minute_of_day % 60)) & 1u) != 0;
}

int CronSchedule::first_minute(int from, int to) const {
  for (int m = from; m <= to; ++m) {
    if (minute_matches(m)) return m;
  }
  return -1;
}

int CronSchedule::last_minute(int from, int to) const {
  for (int m = to; m >= from; --m) {
    if (minute_matches(m)) return m;
  }
  return -1;
}

std::optional<TimePoint> CronSchedule::next(TimePoint t) const {
  if (every_) return std::chrono::floor<seconds>(t) + *every_;
  int64_t start = minute_of(t) + 1;  // the first whole minute after t
  int64_t first_day = day_of_minute(start);
  for (int64_t day = first_day; day <= first_day + kSearchDays; ++day) {
    if (!day_matches(day)) continue;
    int from = day == first_day ? static_cast<int>(start - day * kMinutesPerDay) : 0;
    int m = first_minute(from, kMinutesPerDay - 1);
    if (m >= 0) return at_minute(day * kMinutesPerDay + m);
  }
  return std::nullopt;
}

std::optional<TimePoint> CronSchedule::latest(TimePoint after, TimePoint until) const {
  if (until <= after) return std::nullopt;
  if (every_) {
    // Times are base + k * every for k >= 1, base being `after` in whole
    // seconds (robfig's Every counts from the previous run).
    TimePoint base = std::chrono::floor<seconds>(after);
    auto k = (until - base) / *every_;
    if (k < 1) return std::nullopt;
    return base + k * *every_;
  }
  int64_t low = minute_of(after) + 1;  // whole minutes strictly after `after`
  int64_t high = minute_of(until);
  if (high < low) return std::nullopt;
  int64_t low_day = std::max(day_of_minute(low), day_of_minute(high) - kSearchDays);
  for (int64_t day = day_of_minute(high); day >= low_day; --day) {
    if (!day_matches(day)) continue;
    int from = static_cast<int>(std::max<int64_t>(0, low - day * kMinutesPerDay));
    int to = static_cast<int>(std::min<int64_t>(kMinutesPerDay - 1, high - day * kMinutesPerDay));
    int m = last_minute(from, to);
    if (m >= 0) return at_minute(day * kMinutesPerDay + m);
  }
  return std::nullopt;
}

int CronSchedule::count(TimePoint after, TimePoint until, int limit) const {
  int n = 0;
  TimePoint t = after;
  while (n < limit) {
    std::optional<TimePoint> next_time = next(t);
    if (!next_time || *next_time > until) break;
    ++n;
    t = *next_time;
  }
  return n;
}

}  // namespace herd::actors
