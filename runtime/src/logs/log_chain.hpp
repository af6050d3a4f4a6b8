#pragma once

// The files of one container instance, as RotatingLogFile leaves them:
// `<n>.log.<k>` ... `<n>.log.1` (oldest to newest), then `<n>.log`. Readers
// open them by inode, because the driver may rename them at any moment.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <vector>

#include "herd/base/result.hpp"
#include "logs/unique_fd.hpp"

namespace herd::runtime::logs {

/// An open log file and its inode (what identifies it across renames).
struct LogFile {
  UniqueFd fd;
  ino_t inode = 0;
};

/// The files of the instance whose current file is `log_path`, oldest first.
/// They are opened newest first, so a rotation that runs meanwhile can make a
/// file show up twice (dropped here) but never skip one. kNotFound when
/// `log_path` does not exist, kUnavailable when a file cannot be opened.
Result<std::vector<LogFile>> open_log_chain(const std::filesystem::path& log_path);

/// For a follow that reached the end of `current`: the file the driver wrote
/// after it, or nullopt when there is none yet (`current` is still the file
/// being written, or a rotation is half done: ask again after a wait). When
/// rotation has deleted `current` meanwhile, the oldest file left.
/// kUnavailable when a file cannot be opened.
Result<std::optional<LogFile>> open_next_log_file(const std::filesystem::path& log_path,
                                                  const LogFile& current);

/// The restart numbers n with a `<n>.log` in `dir`, ascending; empty when
/// `dir` does not exist. kUnavailable when it cannot be read.
Result<std::vector<int>> list_log_instances(const std::filesystem::path& dir);

}  // namespace herd::runtime::logs
