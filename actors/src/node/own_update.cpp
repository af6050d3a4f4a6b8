#include "node/own_update.hpp"

#include "herd/events/event_types.hpp"

namespace herd::actors {

std::optional<OwnEvent> own_update(const api::Object& before, const api::Object& after) {
  if (before == after) return std::nullopt;
  // Only the data is kept: the envelope (id, seq, time, actor) is the
  // object actor's to fill when it appends the event.
  events::Event e = events::object_updated(before, after, 0, {});
  return OwnEvent{std::move(e.type), std::move(e.data)};
}

}  // namespace herd::actors
