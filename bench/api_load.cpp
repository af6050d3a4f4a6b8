#include "api_load.hpp"

#include <algorithm>
#include <atomic>
#include <latch>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "api_client.hpp"

namespace herd::bench {
namespace {

using Clock = std::chrono::steady_clock;

// How long one request may take before its client gives up on it.
constexpr std::chrono::seconds kRequestTimeout{30};
// A paced request sent later than this after its due time counts as late.
constexpr std::chrono::milliseconds kLate{1};

// What the clients share. Each client keeps its own counts and merges them
// once, at its end.
struct Phase {
  const LoadShape& shape;
  const RequestMaker& make;
  uint16_t port;
  std::atomic<uint64_t> next{0};
  std::latch connected;
  std::latch go{1};
  Clock::time_point start;  // written before `go` opens
  std::mutex mutex;
  LoadResult result;
  std::vector<double> samples_ms;
  Clock::time_point last_reply;

  Phase(const LoadShape& s, const RequestMaker& m, uint16_t p)
      : shape(s), make(m), port(p), connected(s.clients) {}

  Clock::time_point due(uint64_t index) const { return start + due_after(index, shape.rate); }
};

struct ClientCounts {
  LoadResult result;
  std::vector<double> samples_ms;
  Clock::time_point last_reply;
};

void note_failure(ClientCounts& mine, std::string error) {
  ++mine.result.failed;
  if (mine.result.first_error.empty()) mine.result.first_error = std::move(error);
}

// One request: sent at its due time when paced, timed from then.
void put(Phase& phase, ApiConnection& connection, uint64_t index, ClientCounts& mine,
         bool& broken) {
  std::string request = phase.make(index);
  Clock::time_point from = Clock::now();
  if (phase.shape.rate > 0) {
    Clock::time_point due = phase.due(index);
    std::this_thread::sleep_until(due);
    if (Clock::now() - due > kLate) ++mine.result.late;
    from = due;
  }
  Result<ApiReply> reply = connection.exchange(request);
  Clock::time_point done = Clock::now();
  mine.last_reply = std::max(mine.last_reply, done);
  if (!reply.ok()) {
    broken = true;
    note_failure(mine, reply.status().to_string());
  } else if (reply->status != phase.shape.expected_status) {
    note_failure(mine,
                 "status " + std::to_string(reply->status) + ": " + reply->body.substr(0, 200));
  } else {
    ++mine.result.ok;
    mine.samples_ms.push_back(std::chrono::duration<double, std::milli>(done - from).count());
  }
}

void client(Phase& phase) {
  ClientCounts mine;
  Result<std::unique_ptr<ApiConnection>> connection =
      ApiConnection::connect(phase.port, kRequestTimeout);
  phase.connected.count_down();
  phase.go.wait();
  Clock::time_point stop = phase.start + phase.shape.limit;
  while (connection.ok() && Clock::now() < stop) {
    uint64_t index = phase.next.fetch_add(1);
    if (index >= phase.shape.requests) break;
    bool broken = false;
    put(phase, **connection, index, mine, broken);
    if (broken) connection = ApiConnection::connect(phase.port, kRequestTimeout);
  }
  if (!connection.ok()) note_failure(mine, connection.status().to_string());
  std::lock_guard lock(phase.mutex);
  phase.result.ok += mine.result.ok;
  phase.result.failed += mine.result.failed;
  phase.result.late += mine.result.late;
  if (phase.result.first_error.empty()) phase.result.first_error = mine.result.first_error;
  phase.samples_ms.insert(phase.samples_ms.end(), mine.samples_ms.begin(), mine.samples_ms.end());
  phase.last_reply = std::max(phase.last_reply, mine.last_reply);
}

}  // namespace

Clock::duration due_after(uint64_t index, double rate) {
  return std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(static_cast<double>(index) / rate));
}

LoadResult run_load(uint16_t port, const LoadShape& shape, const RequestMaker& make) {
  Phase phase(shape, make, port);
  std::vector<std::thread> clients;
  for (int i = 0; i < shape.clients; ++i) clients.emplace_back([&phase] { client(phase); });
  phase.connected.wait();
  double cpu_before = own_cpu_seconds();
  phase.start = Clock::now();
  phase.last_reply = phase.start;
  phase.go.count_down();
  for (std::thread& t : clients) t.join();
  LoadResult result = std::move(phase.result);
  result.cpu_seconds = own_cpu_seconds() - cpu_before;
  if (!phase.samples_ms.empty()) {
    result.max_ms = *std::max_element(phase.samples_ms.begin(), phase.samples_ms.end());
  }
  result.latency = latency_of(std::move(phase.samples_ms));
  result.seconds = std::chrono::duration<double>(phase.last_reply - phase.start).count();
  // Requests were left when the clients stopped, and the time was up.
  result.cut_by_time =
      phase.next.load() < shape.requests && Clock::now() >= phase.start + shape.limit;
  return result;
}

}  // namespace herd::bench
