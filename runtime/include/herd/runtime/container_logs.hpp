#pragma once

// ContainerLogs: what a pod's containers wrote to stdout and stderr, read
// back for the API's pods/{name}/log (kubectl logs [-f] [--previous]
// [--tail] [--since-time] [--limit-bytes] [--timestamps]).
//
// Writing: the containerd runtime creates each task with the log URI
// log_driver_uri() returns. containerd's runc shim then runs herd-log-driver
// with the container's stdout and stderr pipes; the driver writes the files
// below and rotates them by size. The shim owns that process, so a container
// keeps logging while herd restarts.
//
// Layout, one directory per container of a pod on this node:
//
//   <pods_dir>/<pod uid>/logs/<container>/
//     <restart>.log         the instance's current file
//     <restart>.log.<k>     its rotated files, k = 1 the newest (at most max_files - 1)
//     <restart>.log.lock    held (flock) by the instance's driver while it runs
//
// <restart> is the container's restart count when the instance started: 0.log
// for the first run, 1.log after the first restart, ... The current instance
// is the highest <restart> that has a .log file; the previous one is
// <current> - 1. Every file holds CRI log records, the kubelet's format
// (runtime/src/logs/README.md has the grammar):
//
//   2024-05-06T07:08:09.123456789Z stdout F a whole line
//   2024-05-06T07:08:09.123456789Z stderr P first 16 KiB of a longer line
//
// Reading gives the plain lines, as kubectl logs prints them: the record
// header is dropped (kept as a timestamp prefix when asked), and the P parts
// of a long line are joined into one line.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

#include "herd/base/clock.hpp"
#include "herd/base/status.hpp"

namespace herd::runtime {

/// What to read: the PodLogOptions that the node handles (the API server
/// turns sinceSeconds into since_time and checks the container name).
struct ContainerLogRequest {
  std::string pod_uid;    ///< The pod's directory under pods_dir.
  std::string pod_name;   ///< Only for messages, e.g. "web-5d4f".
  std::string container;  ///< The container's name in the pod spec.
  /// The instance before the current one (a restarted container's last run).
  bool previous = false;
  /// Only the last n lines (n >= 0), counted before since_time filters.
  std::optional<int64_t> tail_lines;
  /// Stop after this many bytes of output (> 0); the last line may be cut.
  std::optional<int64_t> limit_bytes;
  /// Only lines whose first byte was written at or after this time.
  std::optional<Clock::TimePoint> since_time;
  /// Prefix each line with its time, "2024-05-06T07:08:09.123456789Z ".
  bool timestamps = false;
  /// After what is there, deliver new lines as they are written (see read()).
  bool follow = false;
};

/// Receives the output in chunks of whole lines, each ending in LF. A chunk
/// ends inside a line only when limit_bytes cuts it, when a line is still
/// unfinished at the end of a read that does not follow, or after 1 MiB of a
/// longer line. Returning a non-OK Status (the client went away) ends the
/// read, and read() returns that Status.
using LogSink = std::function<Status(std::string_view chunk)>;

/// Reads the logs of the containers on this node.
///
/// Thread-safe: any number of reads may run at once, each on its caller's
/// thread. A read blocks that thread until it is done, for a follow until
/// stopped; call it from a thread of its own, never from an actor's handler.
class ContainerLogs {
 public:
  virtual ~ContainerLogs() = default;

  /// Delivers the request's lines to `sink`, oldest first.
  ///
  /// Without follow it returns once everything written so far is delivered.
  /// With follow it then waits for new lines (they arrive within about
  /// 100 ms, across rotations) and returns OK when `stop` is requested, when
  /// the instance's writer has exited and every line it wrote is delivered,
  /// or when a newer instance of the container has started.
  ///
  /// Errors: kInvalidArgument for a malformed request (a name holding '/',
  /// tail_lines < 0, limit_bytes <= 0); kNotFound `container "c" in pod "p"
  /// not found` when the container has no log on this node, or `previous
  /// terminated container "c" in pod "p" not found` when there is no previous
  /// instance; kUnavailable when a log file cannot be read; or what `sink`
  /// returned. Records that do not parse are skipped.
  virtual Status read(const ContainerLogRequest& request, const LogSink& sink,
                      std::stop_token stop = {}) const = 0;
};

/// Reads the layout above under `pods_dir` (e.g. "/var/lib/herd/pods"). Does
/// no I/O until read().
std::unique_ptr<ContainerLogs> make_file_container_logs(std::filesystem::path pods_dir);

/// `<pods_dir>/<pod_uid>/logs/<container>`.
std::filesystem::path container_log_dir(const std::filesystem::path& pods_dir,
                                        std::string_view pod_uid, std::string_view container);

/// `<pods_dir>/<pod_uid>/logs/<container>/<restart>.log`: the file to give
/// log_driver_uri() for the instance started after `restart` restarts.
std::filesystem::path container_log_path(const std::filesystem::path& pods_dir,
                                         std::string_view pod_uid, std::string_view container,
                                         int restart);

/// How the node runs herd-log-driver.
struct LogDriverConfig {
  /// The driver binary (absolute): build/bin/herd-log-driver, or where installed.
  std::filesystem::path binary;
  int64_t max_size = 10 * 1024 * 1024;  ///< Rotate the current file beyond this many bytes.
  int max_files = 5;                    ///< Files kept per instance, the current one included.
};

/// The containerd log URI (a task's stdout; stderr the same or empty) that
/// makes the shim run the driver for the instance writing `log_file`:
/// "binary:///usr/lib/herd/herd-log-driver?--max-files=5&--max-size=10485760&--path=/var/...".
/// Paths and values are percent-encoded as Go's url.ParseQuery decodes them.
std::string log_driver_uri(const LogDriverConfig& config, const std::filesystem::path& log_file);

/// Deletes the files of instances older than the previous one (restart <
/// current - 1), as the kubelet keeps only the current and the last logs.
/// Call when an instance starts. kUnavailable when the directory cannot be
/// read or a file cannot be deleted; OK when the directory does not exist.
Status remove_old_container_logs(const std::filesystem::path& pods_dir, std::string_view pod_uid,
                                 std::string_view container);

}  // namespace herd::runtime
