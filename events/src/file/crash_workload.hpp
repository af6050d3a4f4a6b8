#pragma once

// The workload of the crash-safety test, shared by the test and its child
// process (crash_child_main.cpp): which event the child appends, and the
// line it reports for each acknowledged append. Test-only.

#include <cstdint>
#include <cstdio>
#include <string>

#include "file/file_event_log.hpp"
#include "herd/api/value.hpp"
#include "herd/events/event.hpp"

namespace herd::events::file::crash {

/// Log options of the crash test: 1 MiB segments so rounds roll segments.
inline FileLogOptions crash_log_options() {
  FileLogOptions options;
  options.segment_bytes = 1u << 20;
  options.index_interval_bytes = 1024;
  return options;
}

/// The n-th event (n from 1) that thread `thread` of round `round` appends:
/// a pure function of its arguments, so the parent can check what it reads.
inline Event crash_event(int round, int thread, uint64_t n) {
  Event e;
  e.id = "crash-r" + std::to_string(round) + "-t" + std::to_string(thread) + "-" +
         std::to_string(n);
  e.type = n == 1 ? "ObjectCreated" : "ObjectUpdated";
  e.kind = "Pod";
  e.namespace_ = "crash";
  e.name = "r" + std::to_string(round) + "-t" + std::to_string(thread);
  e.uid = "uid-" + e.name;
  e.seq = n;
  e.time_ns = 1'790'000'000'000'000'000 + static_cast<int64_t>(n) * 1'000'003;
  e.actor = "test:crash";
  e.cause = n == 1 ? "" : "crash-r" + std::to_string(round) + "-t" + std::to_string(thread) +
                              "-" + std::to_string(n - 1);
  e.data = api::Value::object();
  e.data.set("n", api::Value::integer(static_cast<int64_t>(n)));
  std::string pad((n * 37) % 700, static_cast<char>('a' + n % 26));
  e.data.set("pad", api::Value::string(std::move(pad)));
  return e;
}

/// One acknowledged append as the child reports it.
struct Ack {
  int64_t first_offset = 0;
  int64_t count = 0;
  int thread = 0;
  uint64_t first_n = 0;
};

/// The line the child writes for `ack`: "A <first> <count> <thread> <first_n>\n".
inline std::string format_ack(const Ack& ack) {
  char line[96];
  std::snprintf(line, sizeof line, "A %lld %lld %d %llu\n",
                static_cast<long long>(ack.first_offset), static_cast<long long>(ack.count),
                ack.thread, static_cast<unsigned long long>(ack.first_n));
  return line;
}

/// Parses a line made by format_ack (without the newline); false otherwise.
inline bool parse_ack(const std::string& line, Ack* ack) {
  long long first = 0, count = 0;
  unsigned long long n = 0;
  int thread = 0;
  if (std::sscanf(line.c_str(), "A %lld %lld %d %llu", &first, &count, &thread, &n) != 4) {
    return false;
  }
  *ack = Ack{first, count, thread, n};
  return true;
}

}  // namespace herd::events::file::crash
