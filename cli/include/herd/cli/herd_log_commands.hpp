#pragma once

// `herd log ...`: offline commands on an event log (either backend). Each
// returns the exit code and writes only to the given streams.

#include <atomic>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace herd::cli {

/// Where the log is and how to read Secret data in it.
struct LogLocation {
  std::string uri;             ///< file:///DIR or kafka://HOST:PORT[,...]
  std::string encryption_key;  ///< Key file; created when missing.
};

/// `herd log replay`: rebuilds the cluster state and prints the events read,
/// live objects per kind and `digest: <hex>`. With `snapshot`, then writes a
/// snapshot (later replays start from it) and compacts the log.
int run_log_replay(const LogLocation& log, bool snapshot, std::ostream& out, std::ostream& err);

struct TailOptions {
  std::optional<std::string> kind;
  bool follow = false;
  std::string output = "text";  ///< text or json
  /// Follow stops when this becomes true (set by the SIGINT handler; tests).
  const std::atomic<bool>* stop = nullptr;
};

/// `herd log tail`: one line per event (time, type, object, actor, summary),
/// or the raw envelopes as JSON lines; with `follow`, waits for new ones.
int run_log_tail(const LogLocation& log, const TailOptions& options, std::ostream& out, std::ostream& err);

struct ImportOptions {
  std::vector<std::string> files;
  std::string actor;  ///< Recorded as the events' actor, e.g. "user:alice".
};

/// `herd log import`: writes the objects of manifest files to the log as
/// events, as `apply` would: new objects are created, changed ones updated,
/// unchanged ones left alone. Prints one line per object.
int run_log_import(const LogLocation& log, const ImportOptions& options, std::ostream& out, std::ostream& err);

/// `herd log copy`: appends every event of `from` to `to`, unchanged (Secret
/// data is opened with `from`'s key and sealed with `to`'s): moves a cluster's
/// history from the embedded log to Kafka or back. Prints how many it copied.
int run_log_copy(const LogLocation& from, const LogLocation& to, std::ostream& out, std::ostream& err);

}  // namespace herd::cli
