#pragma once

// Reading the whole retained log of one kind, for the history routes.

#include <functional>
#include <string>

#include "herd/events/cluster_state.hpp"
#include "herd/events/event_log.hpp"

namespace herd::server::history {

/// Calls `fn` for every retained event of `kind`, in log order.
Status scan_log(events::EventLog& log, const std::string& kind, const std::function<void(const events::Event&)>& fn);

/// The objects of `kind` as they were at `at_ns`: the fold of their events
/// up to that time. kNotFound when the log no longer holds the start of that
/// history (compacted), naming the earliest time it can answer for.
Result<events::ClusterState> state_at(events::EventLog& log, const std::string& kind, int64_t at_ns);

}  // namespace herd::server::history
