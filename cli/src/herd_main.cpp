// herd: the server side of herd: `herd up` (the control plane and its HTTP
// server), `version` and the offline `log` commands.

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "herd/cli/herd_log_commands.hpp"
#include "herd_up.hpp"

namespace {

std::atomic<bool> g_stop{false};

void on_interrupt(int) { g_stop.store(true); }

std::string default_data_dir() {
  if (const char* home = std::getenv("HOME"); home != nullptr && geteuid() != 0) {
    return std::string(home) + "/.local/share/herd";
  }
  return "/var/lib/herd";
}

// --data-dir, --log and --encryption-key, shared by the log commands.
struct LogFlags {
  std::string data_dir = default_data_dir();
  std::string log;
  std::string key;

  void add_to(CLI::App* cmd) {
    cmd->add_option("--data-dir", data_dir, "Where herd keeps its state")->capture_default_str();
    cmd->add_option("--log", log, "The event log: file:///DIR or kafka://HOST:PORT[,HOST:PORT] "
                                  "(default file://DATA_DIR/log)");
    cmd->add_option("--encryption-key", key, "Key file for Secret data, created (0600) if missing "
                                             "(default DATA_DIR/secret.key)");
  }
  herd::cli::LogLocation location() const {
    return {log.empty() ? "file://" + data_dir + "/log" : log, key.empty() ? data_dir + "/secret.key" : key};
  }
};

// Blocks SIGINT and SIGTERM in this thread and every thread started after
// it; wait_for_signal() then takes them synchronously (no handler runs on an
// arbitrary thread while the actors and the server are up).
sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

void wait_for_signal(const sigset_t& set) {
  int signal = 0;
  while (sigwait(&set, &signal) != 0) {
  }
  std::cerr << "herd: " << (signal == SIGTERM ? "SIGTERM" : "SIGINT") << ", stopping\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"herd: a container orchestrator with Kubernetes' object model, built as an event-sourced actor system."};
  app.require_subcommand(1);
  CLI::App* version = app.add_subcommand("version", "Print herd's version");

  LogFlags up_flags;
  herd::cli::UpOptions up_options;
  int heartbeat_seconds = 10;
  CLI::App* up = app.add_subcommand(
      "up",
      "Run the control plane (an actor per object, controllers, scheduler, node agents) over the event log, "
      "with the Kubernetes API on its HTTP server, until SIGTERM or SIGINT. Writes DATA_DIR/kubeconfig for "
      "kubectl and herdctl and prints the export KUBECONFIG=... line. This machine is one node, running real "
      "pods through containerd (--containerd); --simulated-nodes N runs simulated nodes instead.");
  up_flags.add_to(up);
  up->add_option("--listen", up_options.listen, "HOST:PORT to serve HTTP on; loopback only (port 0 picks a free "
                                                "one, printed when up)")
      ->capture_default_str();
  CLI::Option* simulated =
      up->add_option("--simulated-nodes", up_options.simulated_nodes,
                     "Run N simulated nodes sim-node-<i> instead of this machine's node: they run no containers, "
                     "pods only look Running (for trying herd and for scale tests)")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
  up->add_option("--containerd", up_options.containerd,
                 "containerd's socket: this machine's node runs its pods there, in containerd namespace herd")
      ->capture_default_str()
      ->excludes(simulated);
  up->add_option("--node-name", up_options.node_name, "This machine's node name (default: its hostname)");
  up->add_option("--registry-mirror", up_options.registry_mirrors,
                 "HOST=URL[,URL...]: pull the images of registry HOST from these URLs only, e.g. "
                 "docker.io=http://127.0.0.1:5000 (repeatable)");
  up->add_option("--heartbeat-interval", heartbeat_seconds, "Seconds between the nodes' Ready heartbeats")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();

  CLI::App* log = app.add_subcommand("log", "Read and write the event log offline (the history and audit view)");
  log->require_subcommand(1);

  LogFlags replay_flags;
  bool snapshot = false;
  CLI::App* replay = log->add_subcommand("replay", "Rebuild the cluster state from the log; print events read, "
                                                   "objects per kind and its digest");
  replay_flags.add_to(replay);
  replay->add_flag("--snapshot", snapshot, "Then write a snapshot and compact the log, so replays start there");

  LogFlags tail_flags;
  herd::cli::TailOptions tail_options;
  std::string kind;
  CLI::App* tail = log->add_subcommand("tail", "Print the events: time, type, object, actor, what happened");
  tail_flags.add_to(tail);
  tail->add_option("--kind", kind, "Only events of this kind (e.g. Deployment)");
  tail->add_flag("-f,--follow", tail_options.follow, "Keep printing new events until interrupted");
  tail->add_option("-o,--output", tail_options.output, "text, or json for the raw envelopes")
      ->check(CLI::IsMember({"text", "json"}));

  LogFlags import_flags;
  herd::cli::ImportOptions import_options;
  const char* user = std::getenv("USER");
  import_options.actor = std::string("user:") + (user ? user : "unknown");
  CLI::App* import = log->add_subcommand("import", "Write manifests' objects to the log as events, as apply would "
                                                   "(create, update, or leave unchanged)");
  import_flags.add_to(import);
  import->add_option("-f,--filename", import_options.files, "File, directory or -")->required();
  import->add_option("--actor", import_options.actor, "Who the events are recorded as")->capture_default_str();

  LogFlags copy_from, copy_to;
  CLI::App* copy = log->add_subcommand("copy", "Append every event of one log to another (e.g. from the embedded "
                                               "log to Kafka)");
  copy->add_option("--from", copy_from.log, "Source log URI")->required();
  copy->add_option("--to", copy_to.log, "Destination log URI")->required();
  copy->add_option("--from-key", copy_from.key, "Source key file (default DATA_DIR/secret.key)");
  copy->add_option("--to-key", copy_to.key, "Destination key file (default DATA_DIR/secret.key)");
  copy->add_option("--data-dir", copy_from.data_dir, "Where herd keeps its state")->capture_default_str();

  CLI11_PARSE(app, argc, argv);
  copy_to.data_dir = copy_from.data_dir;
  if (version->parsed()) {
    std::cout << "herd " << HERD_VERSION << "\n";
    return 0;
  }
  if (up->parsed()) {
    up_options.data_dir = up_flags.data_dir;
    up_options.log = up_flags.location();
    up_options.heartbeat_interval = std::chrono::seconds(heartbeat_seconds);
    sigset_t stop_signals = block_stop_signals();
    return herd::cli::run_up(up_options, [&] { wait_for_signal(stop_signals); }, std::cout, std::cerr);
  }
  if (replay->parsed()) return herd::cli::run_log_replay(replay_flags.location(), snapshot, std::cout, std::cerr);
  if (tail->parsed()) {
    if (!kind.empty()) tail_options.kind = kind;
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    tail_options.stop = &g_stop;
    return herd::cli::run_log_tail(tail_flags.location(), tail_options, std::cout, std::cerr);
  }
  if (copy->parsed()) {
    return herd::cli::run_log_copy(copy_from.location(), copy_to.location(), std::cout, std::cerr);
  }
  if (import->parsed()) return herd::cli::run_log_import(import_flags.location(), import_options, std::cout, std::cerr);
  return 2;
}
