#include "herd_up.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <iostream>

#include "herd/actors/control_plane.hpp"
#include "herd/base/logging.hpp"
#include "herd/events/log_factory.hpp"
#include "herd/runtime/simulated_runtime.hpp"
#include "herd/server/debug_routes.hpp"
#include "herd/server/http_server.hpp"

namespace herd::cli {
namespace {

// How long stopping waits for the actors to finish what is in flight.
constexpr std::chrono::seconds kSettleOnStop{10};

int fail(std::ostream& err, const Status& status) {
  err << "error: " << status.message() << "\n";
  return 1;
}

Status make_data_dir(const std::string& dir) {
  std::error_code ec;
  if (std::filesystem::create_directories(dir, ec)) ::chmod(dir.c_str(), 0700);
  if (ec) return Status::unavailable("data dir " + dir + ": " + ec.message());
  return Status();
}

std::vector<actors::ControlPlaneOptions::NodeSpec> simulated_nodes(int count) {
  std::vector<actors::ControlPlaneOptions::NodeSpec> nodes;
  for (int i = 0; i < count; ++i) {
    actors::ControlPlaneOptions::NodeSpec node;
    node.name = "sim-node-" + std::to_string(i);
    node.make_runtime = [i](runtime::Scheduler scheduler) -> std::unique_ptr<runtime::PodRuntime> {
      runtime::SimulatedRuntimeOptions options;
      options.node_index = i;
      return std::make_unique<runtime::SimulatedRuntime>(std::move(scheduler), options);
    };
    nodes.push_back(std::move(node));
  }
  return nodes;
}

void log_nodes(int count) {
  if (count == 0) {
    HERD_LOG(kInfo, "up") << "no nodes: this build has no containerd node agent yet (it comes next), so pods "
                             "stay Pending; --simulated-nodes N runs simulated ones";
  } else {
    HERD_LOG(kInfo, "up") << count << " simulated node(s) sim-node-0.." << count - 1
                          << ": simulated, they run no containers (pods only look Running)";
  }
}

std::string nodes_phrase(int count) {
  return std::to_string(count) + " simulated node" + (count == 1 ? "" : "s");
}

}  // namespace

int run_up(const UpOptions& options, const std::function<void()>& wait_for_stop, std::ostream& out,
           std::ostream& err) {
  Result<server::ListenAddress> listen = server::parse_listen_address(options.listen);
  if (!listen.ok()) return fail(err, listen.status());
  if (options.simulated_nodes < 0) return fail(err, Status::invalid_argument("--simulated-nodes must be >= 0"));
  if (Status s = make_data_dir(options.data_dir); !s.ok()) return fail(err, s);

  events::LogOptions log_options;
  log_options.encryption_key_file = options.log.encryption_key;
  Result<std::unique_ptr<events::EventLog>> log = events::open_event_log(options.log.uri, log_options);
  if (!log.ok()) return fail(err, log.status());

  SystemClock clock;
  actors::ControlPlaneOptions plane_options;
  plane_options.log = log->get();
  plane_options.clock = &clock;
  plane_options.nodes = simulated_nodes(options.simulated_nodes);
  plane_options.heartbeat_interval = options.heartbeat_interval;
  log_nodes(options.simulated_nodes);
  HERD_LOG(kInfo, "up") << "replaying " << options.log.uri;
  Result<std::unique_ptr<actors::ControlPlane>> plane = actors::ControlPlane::start(std::move(plane_options));
  if (!plane.ok()) return fail(err, plane.status());

  server::Router router;
  server::add_health_routes(router);
  server::add_debug_routes(router, **plane);
  server::HttpServerOptions server_options;
  server_options.listen = *listen;
  Result<std::unique_ptr<server::HttpServer>> http = server::HttpServer::start(server_options, std::move(router));
  if (!http.ok()) return fail(err, http.status());

  out << "herd is up: " << (*http)->url() << " (log: " << options.log.uri << ", "
      << nodes_phrase(options.simulated_nodes) << ")" << std::endl;
  wait_for_stop();

  HERD_LOG(kInfo, "up") << "stopping: the HTTP server, then the control plane";
  (*http)->stop();
  if (!(*plane)->wait_idle(kSettleOnStop)) {
    HERD_LOG(kWarning, "up") << "the control plane was still busy after " << kSettleOnStop.count() << " s; stopping anyway";
  }
  std::string digest = (*plane)->digest();
  plane->reset();
  HERD_LOG(kInfo, "up") << "stopped (digest " << digest << ")";
  return 0;
}

}  // namespace herd::cli
