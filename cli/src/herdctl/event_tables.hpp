#pragma once

// Events (core/v1) as `events` and `describe` print them, newest last.

#include <chrono>
#include <string>
#include <vector>

#include "herd/api/value.hpp"
#include "herdctl/table.hpp"

namespace herd::cli::herdctl {

/// `events` sorted oldest first by their last time (lastTimestamp, else
/// eventTime, else firstTimestamp, else creation).
std::vector<api::Value> sorted_events(std::vector<api::Value> events);

/// `herdctl events`' table: LAST SEEN, TYPE, REASON, OBJECT (kind/name),
/// MESSAGE.
Table events_table(const std::vector<api::Value>& events, std::chrono::system_clock::time_point now);

/// describe's Events table: Type, Reason, Age ("5m (x3 over 10m)" when
/// repeated), From, Message.
Table describe_events_table(const std::vector<api::Value>& events, std::chrono::system_clock::time_point now);

}  // namespace herd::cli::herdctl
