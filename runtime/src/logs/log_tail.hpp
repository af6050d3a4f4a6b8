#pragma once

// Where `kubectl logs --tail=N` starts, found by reading the instance's files
// backwards from the end, so a tail of a few lines costs a few blocks, not
// the whole log.

#include <cstdint>
#include <vector>

#include "herd/base/result.hpp"
#include "logs/log_chain.hpp"

namespace herd::runtime::logs {

/// A position in a chain of files: file index (oldest first) and byte offset.
struct LogPosition {
  size_t file = 0;
  int64_t offset = 0;
};

/// The start of the last `lines` lines (>= 0) of `files`. A line ends with an
/// F record; the unfinished line at the very end (P records only) counts as
/// one. With fewer lines than asked, the start of the first file.
/// kUnavailable when a file cannot be read.
Result<LogPosition> find_tail_start(const std::vector<LogFile>& files, int64_t lines);

}  // namespace herd::runtime::logs
