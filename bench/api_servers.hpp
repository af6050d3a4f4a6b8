#pragma once

// The two servers herd-bench api puts the same requests to, both in this
// process on 127.0.0.1 with an ephemeral port:
//
// - herd: what `herd up` composes (cli/src/herd_up.cpp) — the embedded file
//   log with its Secret key, a ControlPlane (no nodes: ConfigMaps need none),
//   the KubeApi and herd up's other routes on an HttpServer with herd up's
//   options;
// - the baseline: the same HttpServer whose only route answers at once with
//   a fixed JSON body of the size of herd's answer, so the difference between
//   the two is what herd does for a request.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "herd/actors/control_plane.hpp"
#include "herd/base/clock.hpp"
#include "herd/base/result.hpp"
#include "herd/events/event_log.hpp"
#include "herd/server/http_server.hpp"
#include "herd/server/kube_api.hpp"

namespace herd::bench {

/// Lifecycle: start() serves until the destructor, which stops in herd up's
/// order (the HTTP server, the API, the control plane once idle, the log).
class HerdApiServer {
 public:
  /// Opens file://`dir`/log (with `dir`/log.key for Secrets, as herd up
  /// does) and starts everything on it. Any error of the log, the control
  /// plane, the API or the bind.
  static Result<std::unique_ptr<HerdApiServer>> start(const std::filesystem::path& dir);
  ~HerdApiServer();
  HerdApiServer(const HerdApiServer&) = delete;
  HerdApiServer& operator=(const HerdApiServer&) = delete;

  uint16_t port() const { return http_->port(); }

 private:
  HerdApiServer() = default;

  // Declared in start order, so destroyed in the reverse.
  std::unique_ptr<events::EventLog> log_;
  SystemClock clock_;
  std::unique_ptr<actors::ControlPlane> plane_;
  std::unique_ptr<server::KubeApi> api_;
  std::unique_ptr<server::HttpServer> http_;
};

/// The baseline: every POST is answered 201 with a JSON body of
/// `create_reply_size` bytes, every other request 200 with one of
/// `get_reply_size` bytes (never below 10, the frame of the JSON). Errors of
/// the bind.
Result<std::unique_ptr<server::HttpServer>> start_baseline_server(std::size_t create_reply_size,
                                                                  std::size_t get_reply_size);

}  // namespace herd::bench
