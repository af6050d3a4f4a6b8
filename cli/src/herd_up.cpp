#include "herd_up.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "herd/actors/control_plane.hpp"
#include "herd/base/logging.hpp"
#include "herd/events/log_factory.hpp"
#include "herd/runtime/container_logs.hpp"
#include "herd/runtime/containerd_client.hpp"
#include "herd/runtime/containerd_runtime.hpp"
#include "herd/runtime/simulated_runtime.hpp"
#include "herd/server/debug_routes.hpp"
#include "herd/server/history_routes.hpp"
#include "herd/server/http_server.hpp"
#include "herd/server/kube_api.hpp"
#include "herd/server/openapi_routes.hpp"
#include "kubeconfig_file.hpp"

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
    node.make_runtime = [i](runtime::RuntimeServices services) -> std::unique_ptr<runtime::PodRuntime> {
      runtime::SimulatedRuntimeOptions options;
      options.node_index = i;
      return std::make_unique<runtime::SimulatedRuntime>(std::move(services.scheduler), options);
    };
    nodes.push_back(std::move(node));
  }
  return nodes;
}

// Absolute: containerd, the shim and herd-log-driver do not run in our working directory.
std::filesystem::path pods_dir(const UpOptions& options) { return std::filesystem::absolute(options.data_dir) / "pods"; }

std::string machine_name(const UpOptions& options) {
  if (!options.node_name.empty()) return options.node_name;
  char host[256] = {};
  if (::gethostname(host, sizeof(host) - 1) != 0 || host[0] == '\0') return "node";
  std::string name(host);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

// "docker.io=http://127.0.0.1:5000,http://mirror.lan" → mirrors["docker.io"].
Status add_mirror(const std::string& flag, runtime::RegistryConfig& registry) {
  std::size_t eq = flag.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == flag.size()) {
    return Status::invalid_argument("--registry-mirror " + flag + ": want HOST=URL[,URL...]");
  }
  runtime::RegistryMirror& mirror = registry.mirrors[flag.substr(0, eq)];
  mirror.fallback_to_origin = false;
  std::string urls = flag.substr(eq + 1);
  for (std::size_t start = 0; start <= urls.size();) {
    std::size_t comma = urls.find(',', start);
    if (comma == std::string::npos) comma = urls.size();
    if (comma > start) mirror.endpoints.push_back(urls.substr(start, comma - start));
    start = comma + 1;
  }
  return Status();
}

// This machine's node on containerd. Checks first that containerd answers, so
// a missing one stops herd up with the reason instead of a node that never
// registers.
Result<actors::ControlPlaneOptions::NodeSpec> containerd_node(const UpOptions& options) {
  runtime::ContainerdRuntimeOptions runtime_options;
  runtime_options.containerd_socket = options.containerd;
  runtime_options.pods_dir = pods_dir(options);
  runtime_options.network.state_dir = (std::filesystem::absolute(options.data_dir) / "network").string();
  for (const std::string& flag : options.registry_mirrors) {
    HERD_RETURN_IF_ERROR(add_mirror(flag, runtime_options.registry));
  }
  runtime::containerd::ContainerdOptions probe;
  probe.address = options.containerd;
  Result<std::unique_ptr<runtime::containerd::ContainerdClient>> client =
      runtime::containerd::ContainerdClient::connect(probe);
  if (!client.ok()) {
    return Status::unavailable("containerd at " + options.containerd + ": " + client.status().message() +
                               " (start one with scripts/containerd up and pass its socket to --containerd, "
                               "or run --simulated-nodes N)");
  }
  actors::ControlPlaneOptions::NodeSpec node;
  node.name = machine_name(options);
  node.make_runtime = [runtime_options](runtime::RuntimeServices services) -> std::unique_ptr<runtime::PodRuntime> {
    Result<std::unique_ptr<runtime::PodRuntime>> opened =
        runtime::open_containerd_runtime(runtime_options, std::move(services));
    if (!opened.ok()) {
      HERD_LOG(kError, "up") << "the containerd runtime did not start: " << opened.status().message();
      return nullptr;
    }
    return std::move(*opened);
  };
  return node;
}

std::string nodes_phrase(const UpOptions& options, const std::string& node_name) {
  if (options.simulated_nodes == 0) return "node " + node_name + " on containerd at " + options.containerd;
  int count = options.simulated_nodes;
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
  std::string node_name;
  if (options.simulated_nodes > 0) {
    plane_options.nodes = simulated_nodes(options.simulated_nodes);
    HERD_LOG(kInfo, "up") << options.simulated_nodes << " simulated node(s) sim-node-0.." << options.simulated_nodes - 1
                          << ": simulated, they run no containers (pods only look Running)";
  } else {
    Result<actors::ControlPlaneOptions::NodeSpec> node = containerd_node(options);
    if (!node.ok()) return fail(err, node.status());
    node_name = node->name;
    plane_options.nodes.push_back(std::move(*node));
    HERD_LOG(kInfo, "up") << "node " << node_name << " runs pods on containerd at " << options.containerd;
  }
  plane_options.heartbeat_interval = options.heartbeat_interval;
  HERD_LOG(kInfo, "up") << "replaying " << options.log.uri;
  Result<std::unique_ptr<actors::ControlPlane>> plane = actors::ControlPlane::start(std::move(plane_options));
  if (!plane.ok()) return fail(err, plane.status());

  server::KubeApiOptions api_options;
  api_options.herd_version = HERD_VERSION;
  if (options.simulated_nodes == 0) {
    api_options.container_logs = runtime::make_file_container_logs(pods_dir(options));
  }
  Result<std::unique_ptr<server::KubeApi>> kube_api = server::KubeApi::start(**log, **plane, api_options);
  if (!kube_api.ok()) return fail(err, kube_api.status());

  server::Router router;
  server::add_health_routes(router);
  server::add_debug_routes(router, **plane);
  (*kube_api)->add_routes(router);
  server::add_openapi_routes(router);
  server::add_history_routes(router, **log);
  server::HttpServerOptions server_options;
  server_options.listen = *listen;
  Result<std::unique_ptr<server::HttpServer>> http = server::HttpServer::start(server_options, std::move(router));
  if (!http.ok()) return fail(err, http.status());

  std::string kubeconfig = (std::filesystem::absolute(options.data_dir) / "kubeconfig").string();
  if (Status s = write_kubeconfig(kubeconfig, (*http)->url()); !s.ok()) return fail(err, s);
  out << "herd is up: " << (*http)->url() << " (log: " << options.log.uri << ", "
      << nodes_phrase(options, node_name) << ")\n"
      << "kubeconfig: " << kubeconfig << "\n"
      << "export KUBECONFIG=" << kubeconfig << std::endl;
  wait_for_stop();

  HERD_LOG(kInfo, "up") << "stopping: the HTTP server, then the control plane";
  (*http)->stop();
  kube_api->reset();
  if (!(*plane)->wait_idle(kSettleOnStop)) {
    HERD_LOG(kWarning, "up") << "the control plane was still busy after " << kSettleOnStop.count() << " s; stopping anyway";
  }
  std::string digest = (*plane)->digest();
  plane->reset();
  HERD_LOG(kInfo, "up") << "stopped (digest " << digest << ")";
  return 0;
}

}  // namespace herd::cli
