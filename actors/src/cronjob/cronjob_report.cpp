#include "cronjob/cronjob_report.hpp"

#include <cctype>

#include "core/controller.hpp"
#include "job/batch_time.hpp"

namespace herd::actors {
namespace {

constexpr std::string_view kComponent = "cronjob-controller";

std::string event_name(std::string_view cronjob, std::string_view reason, std::string_view occasion) {
  std::string name = std::string(cronjob) + ".";
  for (char c : reason) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name + "." + std::string(occasion);
}

}  // namespace

void report_cronjob_warning(const StoredObject& self, const ObjectStore& store, std::string_view reason,
                            std::string message, std::string_view occasion, Clock::TimePoint now, Plan& plan) {
  const api::ObjectMeta& cj = self.meta();
  std::string name = event_name(cj.name, reason, occasion);
  if (store.get("Event", cj.namespace_, name) != nullptr) return;
  api::Event e;
  e.api_version = "v1";
  e.kind = "Event";
  e.metadata.name = name;
  e.metadata.namespace_ = cj.namespace_;
  e.metadata.owner_references.push_back(api::OwnerReference{"batch/v1", "CronJob", cj.name, cj.uid, false, false});
  e.involved_object = api::ObjectReference{"CronJob", cj.namespace_, cj.name, cj.uid, "batch/v1", "", ""};
  e.reason = std::string(reason);
  e.message = std::move(message);
  e.source.component = std::string(kComponent);
  e.reporting_component = std::string(kComponent);
  e.type = "Warning";
  e.count = 1;
  e.first_timestamp = batch_time_text(now);
  e.last_timestamp = e.first_timestamp;
  plan.commands.push_back(Command::create(std::move(e), controller_actor("CronJob")));
}

}  // namespace herd::actors
