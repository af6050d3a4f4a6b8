#include "job/job_status.hpp"

namespace herd::actors {
namespace {

constexpr int32_t kDefaultBackoffLimit = 6;

}  // namespace

const api::Condition* find_job_condition(const api::JobStatus& status, std::string_view type) {
  for (const api::Condition& c : status.conditions) {
    if (c.type == type) return &c;
  }
  return nullptr;
}

bool job_condition_true(const api::JobStatus& status, std::string_view type) {
  const api::Condition* c = find_job_condition(status, type);
  return c != nullptr && c->status == "True";
}

bool job_finished(const api::Job& job) {
  return job_condition_true(job.status, kJobComplete) || job_condition_true(job.status, kJobFailed);
}

bool job_suspended(const api::Job& job) { return job.spec.suspend.value_or(false); }

bool ensure_job_condition(std::vector<api::Condition>& conditions, std::string_view type, bool value,
                          std::string_view reason, std::string_view message, const std::string& time) {
  std::string status = value ? "True" : "False";
  api::Condition* c = nullptr;
  for (api::Condition& existing : conditions) {
    if (existing.type == type) c = &existing;
  }
  if (c != nullptr && c->status == status) return false;
  if (c == nullptr) {
    if (!value) return false;
    c = &conditions.emplace_back();
    c->type = std::string(type);
  }
  c->status = status;
  c->reason = std::string(reason);
  c->message = std::string(message);
  c->last_probe_time = time;
  c->last_transition_time = time;
  return true;
}

int32_t job_parallelism(const api::JobSpec& spec) { return spec.parallelism.value_or(1); }

std::optional<int32_t> job_completions(const api::JobSpec& spec) {
  if (spec.completions) return spec.completions;
  if (spec.parallelism) return std::nullopt;
  return 1;
}

int32_t job_backoff_limit(const api::JobSpec& spec) { return spec.backoff_limit.value_or(kDefaultBackoffLimit); }

}  // namespace herd::actors
