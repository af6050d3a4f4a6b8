#pragma once

// `herd up`: the whole control plane in this process — the event log, an
// actor per object with its controller, the scheduler, node agents — and the
// HTTP server in front of it, until told to stop.

#include <chrono>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "herd/cli/herd_log_commands.hpp"

namespace herd::cli {

struct UpOptions {
  /// Created (mode 0700) when missing; holds the default log and key.
  std::string data_dir;
  LogLocation log;
  /// HOST:PORT on loopback; port 0 picks a free one (printed when up).
  std::string listen = "127.0.0.1:8080";
  /// Node agents on the simulated runtime, named sim-node-<i>: they run no
  /// containers (pods only look Running). 0 = one node for this machine on
  /// containerd instead.
  int simulated_nodes = 0;
  /// containerd's socket for this machine's node (when simulated_nodes is 0).
  std::string containerd = "/run/containerd/containerd.sock";
  /// This machine's node name; empty: its hostname.
  std::string node_name;
  /// Registry mirrors, "HOST=URL[,URL...]" (e.g. docker.io=http://127.0.0.1:5000):
  /// images of HOST are pulled from the URLs only.
  std::vector<std::string> registry_mirrors;
  /// How often node agents post their Ready heartbeat.
  std::chrono::milliseconds heartbeat_interval{10'000};
};

/// Starts the log, the control plane (replaying the log) with its node(s)
/// and the HTTP server, prints `herd is up: http://HOST:PORT (log: URI,
/// node NAME on containerd at PATH | N simulated nodes)` to `out`, calls
/// `wait_for_stop` (which returns when the process
/// should stop, e.g. on SIGTERM), then stops the server, lets the control
/// plane settle and stops it. Progress and errors go to `err` and the log
/// lines (stderr). Returns 0 after a clean stop, 1 when something could not
/// start (bad listen address, log unavailable, port in use, no containerd,
/// a malformed mirror).
int run_up(const UpOptions& options, const std::function<void()>& wait_for_stop, std::ostream& out,
           std::ostream& err);

}  // namespace herd::cli
