// Rules of Job and CronJob. Kubernetes sources: pkg/apis/batch/v1/defaults.go
// and pkg/apis/batch/validation/validation.go; the schedule checker follows
// github.com/robfig/cron/v3 ParseStandard, which Kubernetes uses, including
// its error messages.
//
// Schedule grammar (five fields, or a descriptor):
//   schedule   ::= field " " field " " field " " field " " field | descriptor
//   field      ::= expr ("," expr)*
//   expr       ::= range ("/" step)?
//   range      ::= "*" | "?" | value ("-" value)?      value ::= number | name
//   descriptor ::= "@yearly" | "@annually" | "@monthly" | "@weekly" | "@daily"
//                | "@midnight" | "@hourly" | "@every " duration
// Fields: minute 0-59, hour 0-23, day of month 1-31, month 1-12 (jan-dec),
// day of week 0-6 (sun-sat); names are case-insensitive. "N/step" means
// "N-max/step".

#include <array>
#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/names.hpp"
#include "rules/kind_rules.hpp"

namespace herd::api::rules {
namespace {

const FieldPath kMetadata("metadata");
const FieldPath kSpec("spec");

/// Kubernetes caps these so that the Job controller's bookkeeping stays small.
constexpr int32_t kMaxFailedIndexesLimit = 100000;
/// The CronJob controller appends "-<11 digits>" to a CronJob's name to name its
/// Jobs, and a Job name must fit in a 63-character label.
constexpr std::size_t kMaxCronJobNameLength = 52;

// Schedule checking ----------------------------------------------------------------

struct CronBounds {
  int min;
  int max;
  const std::array<std::string_view, 12>* names;  ///< names[i] stands for min + i; may be null.
};

constexpr std::array<std::string_view, 12> kMonthNames{"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> kDayNames{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr std::array<CronBounds, 5> kCronFields{{
    {0, 59, nullptr}, {0, 23, nullptr}, {1, 31, nullptr}, {1, 12, &kMonthNames}, {0, 6, &kDayNames}}};

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

/// Go's strconv.Atoi, with robfig's wording on failure. Sets `error` and returns 0 on failure.
int parse_cron_int(std::string_view text, std::string& error) {
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  int64_t value = 0;
  bool in_range = true;
  bool syntax_ok = !digits.empty();
  for (char c : digits) {
    if (c < '0' || c > '9') syntax_ok = false;
    if (syntax_ok && in_range) {
      value = value * 10 + (c - '0');
      in_range = value <= std::numeric_limits<int32_t>::max();
    }
  }
  std::string quoted = "\"" + std::string(text) + "\"";
  if (!syntax_ok || !in_range) {
    error = "failed to parse int from " + std::string(text) + ": strconv.Atoi: parsing " + quoted +
            (syntax_ok ? ": value out of range" : ": invalid syntax");
    return 0;
  }
  if (negative && value != 0) {
    error = "negative number (-" + std::to_string(value) + ") not allowed: " + std::string(text);
    return 0;
  }
  return static_cast<int>(value);
}

int parse_cron_value(std::string_view text, const CronBounds& bounds, std::string& error) {
  if (bounds.names != nullptr) {
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::size_t i = 0; i < bounds.names->size(); ++i) {
      if (!(*bounds.names)[i].empty() && (*bounds.names)[i] == lower) return bounds.min + static_cast<int>(i);
    }
  }
  return parse_cron_int(text, error);
}

/// One comma-separated part of a field; returns an empty string when valid.
std::string check_cron_expr(std::string_view expr, const CronBounds& bounds) {
  std::string e(expr);
  std::vector<std::string_view> range_and_step = split(expr, '/');
  if (range_and_step.size() > 2) return "too many slashes: " + e;
  std::vector<std::string_view> low_and_high = split(range_and_step[0], '-');
  if (low_and_high.size() > 2) return "too many hyphens: " + e;
  std::string error;
  int start = bounds.min;
  int end = bounds.max;
  if (low_and_high[0] != "*" && low_and_high[0] != "?") {
    start = parse_cron_value(low_and_high[0], bounds, error);
    end = low_and_high.size() == 2 ? parse_cron_value(low_and_high[1], bounds, error) : start;
  }
  int step = 1;
  if (range_and_step.size() == 2) {
    step = parse_cron_int(range_and_step[1], error);
    if (low_and_high.size() == 1) end = bounds.max;  // "N/step" runs from N to the maximum
  }
  if (!error.empty()) return error;
  if (start < bounds.min) {
    return "beginning of range (" + std::to_string(start) + ") below minimum (" + std::to_string(bounds.min) +
           "): " + e;
  }
  if (end > bounds.max) {
    return "end of range (" + std::to_string(end) + ") above maximum (" + std::to_string(bounds.max) + "): " + e;
  }
  if (start > end) {
    return "beginning of range (" + std::to_string(start) + ") beyond end of range (" + std::to_string(end) +
           "): " + e;
  }
  if (step == 0) return "step of range should be a positive number: " + e;
  return {};
}

/// Go's time.ParseDuration, shape only: [-+]? (number unit)+ or "0".
bool is_go_duration(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s == "0") return true;
  if (s.empty()) return false;
  static constexpr std::array<std::string_view, 7> kUnits{"ns", "us", "µs", "ms", "s", "m", "h"};
  while (!s.empty()) {
    std::size_t i = 0;
    bool digits = false;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) {
      digits = digits || s[i] != '.';
      ++i;
    }
    if (!digits) return false;
    s.remove_prefix(i);
    std::size_t best = 0;
    for (std::string_view unit : kUnits) {
      if (s.substr(0, unit.size()) == unit && unit.size() > best) best = unit.size();
    }
    if (best == 0) return false;
    s.remove_prefix(best);
  }
  return true;
}

std::string check_descriptor(std::string_view spec) {
  static constexpr std::array<std::string_view, 7> kDescriptors{
      "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"};
  for (std::string_view d : kDescriptors) {
    if (spec == d) return {};
  }
  constexpr std::string_view kEvery = "@every ";
  if (spec.substr(0, kEvery.size()) == kEvery) {
    std::string_view duration = spec.substr(kEvery.size());
    if (is_go_duration(duration)) return {};
    return "failed to parse duration " + std::string(spec) + ": time: invalid duration \"" +
           std::string(duration) + "\"";
  }
  return "unrecognized descriptor: " + std::string(spec);
}

/// Checks a cron schedule as robfig/cron's ParseStandard does; returns the
/// error message, or an empty string when `schedule` is valid.
std::string check_cron_schedule(std::string_view schedule) {
  std::vector<std::string_view> fields;
  for (std::string_view f : split(schedule, ' ')) {
    // Fields are separated by any run of blanks (Go's strings.Fields).
    for (std::string_view g : split(f, '\t')) {
      if (!g.empty()) fields.push_back(g);
    }
  }
  // A TZ=/CRON_TZ= prefix names a location; Kubernetes rejects it separately.
  if (!fields.empty() && (fields[0].substr(0, 3) == "TZ=" || fields[0].substr(0, 8) == "CRON_TZ=")) {
    fields.erase(fields.begin());
  }
  if (fields.empty()) return "empty spec string";
  if (fields[0][0] == '@') {
    std::string rest(fields[0]);
    for (std::size_t i = 1; i < fields.size(); ++i) rest += " " + std::string(fields[i]);
    return check_descriptor(rest);
  }
  if (fields.size() != kCronFields.size()) {
    std::string shown;
    for (std::string_view f : fields) shown += (shown.empty() ? "" : " ") + std::string(f);
    return "expected exactly 5 fields, found " + std::to_string(fields.size()) + ": [" + shown + "]";
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    for (std::string_view expr : split(fields[i], ',')) {
      std::string error = check_cron_expr(expr, kCronFields[i]);
      if (!error.empty()) return error;
    }
  }
  return {};
}

void validate_schedule(const CronJobSpec& spec, FieldErrors& errors) {
  FieldPath path = kSpec.child("schedule");
  if (spec.schedule.empty()) return;  // the table reports it as required
  std::string error = check_cron_schedule(spec.schedule);
  if (!error.empty()) errors.invalid(path, spec.schedule, error);
  if (spec.schedule.find("TZ") != std::string::npos) {
    errors.invalid(path, spec.schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
  }
}

/// An IANA zone name such as "Europe/Oslo"; never the server's local zone.
void validate_time_zone(const std::optional<std::string>& tz, FieldErrors& errors) {
  if (!tz) return;
  FieldPath path = kSpec.child("timeZone");
  if (tz->empty()) {
    errors.invalid(path, *tz, "timeZone must be nil or non-empty string");
    return;
  }
  for (std::string_view part : split(*tz, '/')) {
    bool chars_ok = !part.empty() && part.size() <= 14;
    for (char c : part) {
      chars_ok = chars_ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
                              c == '_' || c == '+');
    }
    if (part == "." || part == ".." || (!part.empty() && part[0] == '-') || !chars_ok) {
      errors.invalid(path, *tz, "unknown time zone " + *tz);
      return;
    }
  }
  std::string lower = *tz;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "local") {
    errors.invalid(path, *tz, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
  }
}

void validate_template_meta(const ObjectMeta& meta, const FieldPath& path, FieldErrors& errors) {
  validate_labels(meta.labels, path.child("labels"), errors);
  validate_annotations(meta.annotations, path.child("annotations"), errors);
}

/// The checks shared by a Job's spec and a CronJob's jobTemplate.spec.
void validate_job_spec(const JobSpec& spec, const FieldPath& path, FieldErrors& errors) {
  auto non_negative = [&](const auto& v, std::string_view name) {
    if (v) validate_non_negative(*v, path.child(name), errors);
  };
  non_negative(spec.parallelism, "parallelism");
  non_negative(spec.completions, "completions");
  non_negative(spec.active_deadline_seconds, "activeDeadlineSeconds");
  non_negative(spec.backoff_limit, "backoffLimit");
  non_negative(spec.ttl_seconds_after_finished, "ttlSecondsAfterFinished");
  non_negative(spec.backoff_limit_per_index, "backoffLimitPerIndex");
  non_negative(spec.max_failed_indexes, "maxFailedIndexes");
  bool indexed = spec.completion_mode == "Indexed";
  if (spec.backoff_limit_per_index && !indexed) {
    errors.forbidden(path.child("backoffLimitPerIndex"), "requires indexed completion mode");
  }
  if (spec.max_failed_indexes) {
    FieldPath at = path.child("maxFailedIndexes");
    std::string shown = std::to_string(*spec.max_failed_indexes);
    if (!spec.backoff_limit_per_index) {
      errors.required(path.child("backoffLimitPerIndex"), "when maxFailedIndexes is specified");
    }
    if (spec.completions && *spec.max_failed_indexes > *spec.completions) {
      errors.invalid(at, shown, "must be less than or equal to completions");
    }
    if (*spec.max_failed_indexes > kMaxFailedIndexesLimit) {
      errors.invalid(at, shown, "must be less than or equal to " + std::to_string(kMaxFailedIndexesLimit));
    }
  }
  if (indexed && !spec.completions) {
    errors.required(path.child("completions"), "when completion mode is Indexed");
  }
  FieldPath template_path = path.child("template");
  if (spec.selector) {
    validate_label_selector(*spec.selector, path.child("selector"), errors);
    validate_selector_matches(*spec.selector, spec.pod_template.metadata.labels,
                              template_path.child("metadata").child("labels"), errors);
  }
  validate_template_meta(spec.pod_template.metadata, template_path.child("metadata"), errors);
  validate_pod_spec(spec.pod_template.spec, PodSpecContext{.job_template = true}, template_path.child("spec"),
                    errors);
}

}  // namespace

// Job ---------------------------------------------------------------------------

void apply_kind_defaults(Job& job) {
  JobSpec& spec = job.spec;
  // A non-parallel job may leave both unset: it runs one pod to one completion.
  if (!spec.completions && !spec.parallelism) spec.completions = 1;
  if (!spec.parallelism) spec.parallelism = 1;
  // With per-index limits the global limit is effectively off.
  if (!spec.backoff_limit) {
    spec.backoff_limit = spec.backoff_limit_per_index ? std::numeric_limits<int32_t>::max() : 6;
  }
  if (job.metadata.labels.empty()) job.metadata.labels = spec.pod_template.metadata.labels;
  apply_pod_spec_defaults(spec.pod_template.spec, PodSpecContext{.job_template = true});
}

void validate_kind(const Job& job, FieldErrors& errors) {
  validate_object_meta(job.metadata, /*namespaced=*/true, /*name_is_label=*/false, kMetadata, errors);
  const JobSpec& spec = job.spec;
  // The server generates the selector unless the user asks to manage it.
  if (spec.manual_selector.value_or(false) && !spec.selector) errors.required(kSpec.child("selector"));
  validate_job_spec(spec, kSpec, errors);
  // Indexed pods are named <job>-<index>, which must stay a DNS label.
  if (spec.completion_mode == "Indexed" && spec.completions && *spec.completions > 0 &&
      !job.metadata.name.empty()) {
    std::string hostname = job.metadata.name + "-" + std::to_string(*spec.completions - 1);
    if (!is_dns1123_label(hostname).empty()) {
      errors.invalid(kMetadata.child("name"), job.metadata.name,
                     "will not able to create pod with invalid DNS label: " + hostname);
    }
  }
}

// CronJob -----------------------------------------------------------------------

void apply_kind_defaults(CronJob& cj) {
  apply_pod_spec_defaults(cj.spec.job_template.spec.pod_template.spec, PodSpecContext{.job_template = true});
}

void validate_kind(const CronJob& cj, FieldErrors& errors) {
  validate_object_meta(cj.metadata, /*namespaced=*/true, /*name_is_label=*/false, kMetadata, errors);
  if (cj.metadata.name.size() > kMaxCronJobNameLength) {
    errors.invalid(kMetadata.child("name"), cj.metadata.name,
                   "must be no more than " + std::to_string(kMaxCronJobNameLength) + " characters");
  }
  const CronJobSpec& spec = cj.spec;
  validate_schedule(spec, errors);
  validate_time_zone(spec.time_zone, errors);
  if (spec.starting_deadline_seconds) {
    validate_non_negative(*spec.starting_deadline_seconds, kSpec.child("startingDeadlineSeconds"), errors);
  }
  if (spec.successful_jobs_history_limit) {
    validate_non_negative(*spec.successful_jobs_history_limit, kSpec.child("successfulJobsHistoryLimit"), errors);
  }
  if (spec.failed_jobs_history_limit) {
    validate_non_negative(*spec.failed_jobs_history_limit, kSpec.child("failedJobsHistoryLimit"), errors);
  }
  FieldPath job_template = kSpec.child("jobTemplate");
  validate_template_meta(spec.job_template.metadata, job_template.child("metadata"), errors);
  FieldPath job_spec = job_template.child("spec");
  // Each Job the CronJob creates gets its own generated selector.
  if (spec.job_template.spec.selector) {
    errors.invalid(job_spec.child("selector"), "", "`selector` will be auto-generated");
  }
  if (spec.job_template.spec.manual_selector.value_or(false)) {
    static constexpr std::array<std::string_view, 2> kManual{"nil", "false"};
    errors.not_supported(job_spec.child("manualSelector"), "true", Choices{kManual.data(), kManual.size()});
  }
  validate_job_spec(spec.job_template.spec, job_spec, errors);
}

}  // namespace herd::api::rules
