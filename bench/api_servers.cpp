#include "api_servers.hpp"

#include <chrono>
#include <string>
#include <utility>

#include "herd/events/log_factory.hpp"
#include "herd/server/debug_routes.hpp"
#include "herd/server/history_routes.hpp"
#include "herd/server/openapi_routes.hpp"

namespace herd::bench {
namespace {

// How long the destructor lets the control plane finish what is in flight
// (herd up's kSettleOnStop).
constexpr std::chrono::seconds kSettleOnStop{10};

// {"pad":"xx…x"} of exactly `size` bytes.
std::string json_of_size(std::size_t size) {
  const std::string open = R"({"pad":")";
  const std::string close = R"("})";
  std::size_t frame = open.size() + close.size();
  return open + std::string(size > frame ? size - frame : 0, 'x') + close;
}

}  // namespace

Result<std::unique_ptr<HerdApiServer>> HerdApiServer::start(const std::filesystem::path& dir) {
  std::unique_ptr<HerdApiServer> herd(new HerdApiServer());
  events::LogOptions log_options;
  log_options.encryption_key_file = (dir / "log.key").string();
  HERD_ASSIGN_OR_RETURN(herd->log_,
                        events::open_event_log("file://" + (dir / "log").string(), log_options));

  actors::ControlPlaneOptions plane_options;
  plane_options.log = herd->log_.get();
  plane_options.clock = &herd->clock_;
  HERD_ASSIGN_OR_RETURN(herd->plane_, actors::ControlPlane::start(std::move(plane_options)));
  server::KubeApiOptions api_options;
  api_options.herd_version = "herd-bench";
  HERD_ASSIGN_OR_RETURN(herd->api_,
                        server::KubeApi::start(*herd->log_, *herd->plane_, api_options));

  server::Router router;
  server::add_health_routes(router);
  server::add_debug_routes(router, *herd->plane_);
  herd->api_->add_routes(router);
  server::add_openapi_routes(router);
  server::add_history_routes(router, *herd->log_);
  HERD_ASSIGN_OR_RETURN(herd->http_,
                        server::HttpServer::start(server::HttpServerOptions{}, std::move(router)));
  return herd;
}

HerdApiServer::~HerdApiServer() {
  if (http_) http_->stop();
  api_.reset();
  // What is left in flight is of no interest; the data directory goes next.
  if (plane_) (void)plane_->wait_idle(kSettleOnStop);
}

Result<std::unique_ptr<server::HttpServer>> start_baseline_server(std::size_t create_reply_size,
                                                                  std::size_t get_reply_size) {
  server::Router router;
  router.add("*", "/",
             [created = json_of_size(create_reply_size),
              got = json_of_size(get_reply_size)](const server::HttpRequest& request) {
               return request.method == "POST" ? server::HttpResponse::json(201, created)
                                               : server::HttpResponse::json(200, got);
             });
  return server::HttpServer::start(server::HttpServerOptions{}, std::move(router));
}

}  // namespace herd::bench
