#include "herd/events/event_log.hpp"

#include <future>

namespace herd::events {

Result<std::vector<StoredEvent>> EventLog::append_and_wait(std::vector<Event> events) {
  std::promise<Result<std::vector<StoredEvent>>> outcome;
  auto future = outcome.get_future();
  append(std::move(events), [&outcome](Result<std::vector<StoredEvent>> r) { outcome.set_value(std::move(r)); });
  return future.get();
}

}  // namespace herd::events
