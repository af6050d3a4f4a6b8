// Job's and CronJob's rows, after Kubernetes' printJob and printCronJob.

#include "printers/human_duration.hpp"
#include "printers/printer.hpp"

namespace herd::server::printers {
namespace {

constexpr std::string_view kJobSelectorDescription =
    "A label query over pods that should match the pod count. Normally, the system sets this field "
    "for you. More info: "
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";
constexpr std::string_view kSucceededDescription =
    "The number of pods which reached phase Succeeded. The value increases monotonically for a "
    "given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.";
constexpr std::string_view kTimeZoneDescription =
    "The time zone name for the given schedule, see "
    "https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will "
    "default to the time zone of the kube-controller-manager process. The set of valid time zone "
    "names and the time zone offset is loaded from the system-wide time zone database by the API "
    "server during CronJob validation and the controller manager during execution. If no "
    "system-wide time zone database can be found a bundled version of the database is used "
    "instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a "
    "change in host configuration, the controller will stop creating new new Jobs and will create a "
    "system event with the reason UnknownTimeZone. More information can be found in "
    "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones";

// Kubernetes' hasJobCondition: the first condition of that type decides.
bool has_condition(const api::Job& job, std::string_view type) {
  for (const api::Condition& c : job.status.conditions) {
    if (c.type == type) return c.status == "True";
  }
  return false;
}

std::string job_status(const api::Job& job) {
  if (has_condition(job, "Complete")) return "Complete";
  if (has_condition(job, "Failed")) return "Failed";
  if (!job.metadata.deletion_timestamp.empty()) return "Terminating";
  if (has_condition(job, "Suspended")) return "Suspended";
  if (has_condition(job, "FailureTarget")) return "FailureTarget";
  return "Running";
}

// "1/3"; without completions, "1/1", or "1/1 of 4" when pods run in parallel.
std::string completions(const api::Job& job) {
  std::string succeeded = std::to_string(job.status.succeeded);
  if (job.spec.completions) return succeeded + "/" + std::to_string(*job.spec.completions);
  int32_t parallelism = job.spec.parallelism.value_or(0);
  if (parallelism > 1) return succeeded + "/1 of " + std::to_string(parallelism);
  return succeeded + "/1";
}

// Start to completion, or start to now while running; "" before it starts.
std::string job_duration(const api::Job& job, int64_t now_ns) {
  std::optional<int64_t> start = parse_model_time(job.status.start_time);
  if (!start) return "";
  std::optional<int64_t> completion = parse_model_time(job.status.completion_time);
  return human_duration(completion.value_or(now_ns) - *start);
}

Row job_row(const api::Job& job, int64_t now_ns) {
  Row row;
  row.cells = {
      text(job.metadata.name),         text(job_status(job)),     text(completions(job)),
      text(job_duration(job, now_ns)), age(job.metadata, now_ns),
  };
  append_container_cells(job.spec.pod_template.spec.containers, row);
  row.cells.push_back(text(format_label_selector(job.spec.selector)));
  return row;
}

// Kubernetes' printBoolPtr.
std::string bool_cell(const std::optional<bool>& value) {
  if (!value) return "<unset>";
  return *value ? "True" : "False";
}

Row cron_job_row(const api::CronJob& cron, int64_t now_ns) {
  const api::CronJobStatus& status = cron.status;
  std::string last_schedule =
      status.last_schedule_time.empty() ? "<none>" : time_since(status.last_schedule_time, now_ns);
  Row row;
  row.cells = {
      text(cron.metadata.name),
      text(cron.spec.schedule),
      text(cron.spec.time_zone.value_or("<none>")),
      text(bool_cell(cron.spec.suspend)),
      integer(static_cast<int64_t>(status.active.size())),
      text(last_schedule),
      age(cron.metadata, now_ns),
  };
  const api::JobSpec& job = cron.spec.job_template.spec;
  append_container_cells(job.pod_template.spec.containers, row);
  row.cells.push_back(text(format_label_selector(job.selector)));
  return row;
}

}  // namespace

KindPrinter job_printer() {
  return KindPrinter{
      with_template_columns(
          {
              name_column(),
              column("Status", "Status of the job."),
              column("Completions", kSucceededDescription),
              column("Duration", "Time required to complete the job."),
              age_column(),
          },
          kJobSelectorDescription),
      &print_as<api::Job, job_row>,
  };
}

KindPrinter cron_job_printer() {
  return KindPrinter{
      with_template_columns(
          {
              name_column(),
              column("Schedule", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
              column("Timezone", kTimeZoneDescription),
              column("Suspend",
                     "This flag tells the controller to suspend subsequent executions, it does not apply "
                     "to already started executions.  Defaults to false.",
                     "boolean"),
              column("Active", "A list of pointers to currently running jobs.", "integer"),
              column("Last Schedule", "Information when was the last time the job was successfully scheduled."),
              age_column(),
          },
          kJobSelectorDescription),
      &print_as<api::CronJob, cron_job_row>,
  };
}

}  // namespace herd::server::printers
