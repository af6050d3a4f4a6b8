#pragma once

// herd-bench api's table: each phase's herd figures beside the baseline's
// (p50, p99, requests/s, CPU per request, with herd / baseline), a note per
// phase with what herd adds, and the target line of the paced run.

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "api_load.hpp"

namespace herd::bench {

/// herd's p99 of a create at the paced rate must stay below this (ms).
inline constexpr double kPacedCreateP99TargetMs = 20;

/// One phase, put to herd and then to the baseline.
struct ApiComparison {
  std::string name;  ///< "create x16", "get x1".
  LoadResult herd;
  LoadResult baseline;
};

struct ApiRun {
  std::string title;
  std::vector<ApiComparison> closed;  ///< The closed-loop phases, in run order.
  ApiComparison paced;                ///< Creates at `rate` per second.
  double rate = 0;
  int paced_clients = 0;
  std::size_t create_reply_bytes = 0;  ///< herd's answer to a create, as the baseline mimics it.
  std::size_t get_reply_bytes = 0;
  /// write+fdatasync paced like the creates in the log's directory, after
  /// the phases (api_disk.hpp): the disk's share of a create.
  LoadResult disk;
  std::size_t disk_record_bytes = 0;
  std::vector<std::string> notes;  ///< Printed last (where the data went).
};

/// Prints the table, its notes and the line "create p99 at RATE/s: X ms
/// (target < 20 ms)  PASS|ABOVE".
void print_api_report(const ApiRun& run, std::ostream& out);

}  // namespace herd::bench
