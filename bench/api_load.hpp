#pragma once

// herd-bench api's load: client threads, each on its own keep-alive
// connection (api_client.hpp), putting numbered requests to one server.
//
// Closed loop: each client sends its next request when the last one is
// answered, so the rate is whatever the server sustains; latency is from
// send to reply.
//
// Paced (open loop): request i is due at start + i / rate whatever happened
// before; a free client sends it at that time. Latency is from the due time,
// not the send, so a server that falls behind shows its queueing in the
// figure instead of hiding it by slowing the clients (coordinated omission).

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "measurement.hpp"

namespace herd::bench {

/// The bytes of request `index` (0, 1, ...) of a phase, from api_request().
/// Called from every client thread at once.
using RequestMaker = std::function<std::string(uint64_t index)>;

struct LoadShape {
  int clients = 1;                          ///< Threads, one connection each.
  uint64_t requests = 1000;                 ///< At most this many requests...
  std::chrono::milliseconds limit{10'000};  ///< ...sent within this time.
  double rate = 0;                          ///< Requests per second when paced; 0: closed loop.
  int expected_status = 200;                ///< Any other reply counts as failed.
};

struct LoadResult {
  uint64_t ok = 0;      ///< Replies with the expected status.
  uint64_t failed = 0;  ///< Other statuses, broken connections, timeouts.
  std::string first_error;
  Latency latency;           ///< Of the ok replies.
  double max_ms = 0;         ///< The slowest ok reply.
  double seconds = 0;        ///< From the start to the last reply.
  bool cut_by_time = false;  ///< The limit stopped the phase before `requests`.
  uint64_t late = 0;         ///< Paced: requests sent more than 1 ms after they were due.
  /// CPU (user + system) of this whole process in the phase: the clients,
  /// the server under test and whatever else idles here.
  double cpu_seconds = 0;

  double per_second() const { return seconds > 0 ? static_cast<double>(ok) / seconds : 0; }
  double cpu_us_per_request() const {
    return ok > 0 ? cpu_seconds * 1e6 / static_cast<double>(ok) : 0;
  }
};

/// When request `index` of a schedule at `rate` per second is due, from its start.
std::chrono::steady_clock::duration due_after(uint64_t index, double rate);

/// Runs one phase against 127.0.0.1:`port`: the clients connect, then put
/// requests 0 .. shape.requests-1 (each taken by one free client) until all
/// are answered or shape.limit has passed. Failures are counted, not fatal;
/// a client whose connection broke connects again.
LoadResult run_load(uint16_t port, const LoadShape& shape, const RequestMaker& make);

}  // namespace herd::bench
