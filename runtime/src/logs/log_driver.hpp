#pragma once

// herd-log-driver: the logging binary containerd's runc shim runs for a
// task whose stdout URI is `binary://<path to herd-log-driver>?<query>`
// (containerd 1.6 pkg/process/io.go NewBinaryIO). The shim starts it with
//
//   fd 3  the container's stdout (read end of a pipe)
//   fd 4  the container's stderr
//   fd 5  a pipe the shim reads until EOF: the driver closes it when ready
//   env   CONTAINER_ID, CONTAINER_NAMESPACE (and nothing else)
//   args  the URI's query, each key then its first value, in Go's random
//         map order: `?--path=/x&--max-size=1024` gives
//         `--max-size 1024 --path /x` or `--path /x --max-size 1024`
//
// It writes CRI records (cri_log_format.hpp) to a RotatingLogFile and exits
// when both streams reach EOF (the shim closes them when the task is
// deleted) or on SIGTERM (which the shim sends next), after copying what is
// already in the pipes. The shim, not herd, owns the process, so logging goes
// on while herd restarts.

#include <csignal>
#include <filesystem>
#include <string_view>
#include <vector>

#include "herd/base/clock.hpp"
#include "herd/base/result.hpp"
#include "logs/rotating_log_file.hpp"

namespace herd::runtime::logs {

struct LogDriverOptions {
  std::filesystem::path path;  ///< The current log file, e.g. `<dir>/<container>/0.log`.
  RotationLimits limits;
};

/// Parses `<key> <value>` pairs in any order. Keys, with or without the
/// leading "--": `path` (required, absolute), `max-size` (bytes, default
/// 10 MiB), `max-files` (default 5). Returns kInvalidArgument with a usage
/// message for anything else.
Result<LogDriverOptions> parse_log_driver_args(const std::vector<std::string_view>& args);

/// Copies `stdout_fd` and `stderr_fd` into `file` as records until both reach
/// EOF, or until `stop` turns non-zero: then it copies what the pipes already
/// hold (for at most one second) and returns. Waits in ppoll with
/// `wait_mask`, so a signal whose handler sets `stop` (and which is blocked
/// outside the wait) always wakes it. Write errors are logged to stderr and
/// the lines lost; the copy goes on so that the container never blocks on a
/// full pipe.
void copy_container_output(int stdout_fd, int stderr_fd, RotatingLogFile& file, const Clock& clock,
                           const volatile std::sig_atomic_t& stop, const sigset_t& wait_mask);

}  // namespace herd::runtime::logs
