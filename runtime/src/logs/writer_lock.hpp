#pragma once

// How a reader tells whether a container instance's log writer still runs.
//
// herd-log-driver holds flock(LOCK_EX) on `<log path>.lock` (e.g. `0.log.lock`)
// from before it creates the log until it exits. The kernel drops the lock
// when the process ends, however it ends (EOF, SIGTERM, SIGKILL, crash), so a
// reader that can take the lock shared knows no more lines will come. The
// lock file is created under a temporary name, locked, then renamed into
// place: a reader never sees it unlocked while its writer lives.

#include <filesystem>

#include "herd/base/result.hpp"
#include "logs/unique_fd.hpp"

namespace herd::runtime::logs {

/// `<log_path>.lock`.
std::filesystem::path writer_lock_path(const std::filesystem::path& log_path);

/// Writer side: creates and locks `<log_path>.lock`. Keep the result open for
/// the writer's lifetime. Returns kUnavailable when the file cannot be made,
/// kAlreadyExists when another live writer holds it.
Result<UniqueFd> hold_writer_lock(const std::filesystem::path& log_path);

enum class WriterState {
  kRunning,   ///< A live process holds the lock.
  kFinished,  ///< The lock file exists and nobody holds it.
  kUnknown,   ///< No lock file: the log was not written by herd-log-driver.
};

/// Reader side; takes the lock shared for a moment when it is free.
WriterState writer_state(const std::filesystem::path& log_path);

}  // namespace herd::runtime::logs
