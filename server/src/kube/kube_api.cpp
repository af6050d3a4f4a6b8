#include "herd/server/kube_api.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

#include "herd/server/api_status.hpp"
#include "kube/api_context.hpp"
#include "kube/discovery.hpp"
#include "kube/log_handler.hpp"
#include "kube/patch_handler.hpp"
#include "kube/read_handlers.hpp"
#include "kube/scale_handler.hpp"
#include "kube/watch_handler.hpp"
#include "kube/write_handlers.hpp"
#include "watch/watch_cache.hpp"

namespace herd::server {
namespace {

HttpResponse method_not_allowed(const HttpRequest& request) {
  return failure_response(405, "MethodNotAllowed", "the server does not allow this method on the requested resource (" +
                                                       request.method + " " + request.path + ")");
}

bool is_true(const std::optional<std::string>& value) { return value && (*value == "true" || *value == "1"); }

HttpResponse resource_request(const kube::ApiContext& ctx, const std::shared_ptr<const runtime::ContainerLogs>& logs,
                              const HttpRequest& request) {
  Result<kube::ResourcePath> parsed = kube::parse_resource_path(request.path);
  if (!parsed.ok()) return failure_response(404, "NotFound", parsed.status().message());
  const kube::ResourcePath& path = *parsed;
  const std::string& sub = path.subresource;
  if (!sub.empty() && sub != "status" && sub != "scale" && sub != "log") {
    return failure_response(404, "NotFound", "the server could not find the requested resource (" + request.path + ")");
  }
  if (request.method == "GET") {
    if (path.collection()) {
      return is_true(request.query_param("watch")) ? kube::handle_watch(ctx, path, request)
                                                   : kube::handle_list(ctx, path, request);
    }
    if (sub == "scale") return kube::handle_get_scale(ctx, path);
    if (sub == "log") return kube::handle_pod_log(ctx, logs, path, request);
    return kube::handle_get(ctx, path, request);
  }
  if (request.method == "POST" && path.collection()) return kube::handle_create(ctx, path, request);
  if (request.method == "PUT" && !path.collection()) {
    if (sub == "scale") return kube::handle_update_scale(ctx, path, request);
    if (sub.empty() || sub == "status") return kube::handle_update(ctx, path, request);
  }
  if (request.method == "PATCH" && !path.collection() && sub != "log") return kube::handle_patch(ctx, path, request);
  if (request.method == "DELETE" && sub.empty()) {
    return path.collection() ? kube::handle_delete_collection(ctx, path, request)
                             : kube::handle_delete(ctx, path, request);
  }
  return method_not_allowed(request);
}

}  // namespace

class KubeApi::Impl {
 public:
  Impl(actors::ControlPlane& plane, std::unique_ptr<watch::WatchCache> cache, KubeApiOptions options)
      : options_(std::move(options)),
        cache_(std::move(cache)),
        ctx_{plane, *cache_, options_.write_wait, options_.watch_buffer_bytes},
        ticker_([this] { tick(); }) {}

  ~Impl() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    wake_.notify_all();
    ticker_.join();
  }

  void add_routes(Router& router) {
    router.add("GET", "/version", [this](const HttpRequest&) {
      return HttpResponse::json(200, kube::version_document(options_.herd_version));
    });
    router.add("*", "/api", [this](const HttpRequest& request) { return route(request, "/api"); });
    router.add("*", "/apis", [this](const HttpRequest& request) { return route(request, "/apis"); });
  }

 private:
  HttpResponse route(const HttpRequest& request, std::string_view root) {
    std::vector<std::string> segments = split_path(request.path);
    bool discovery = root == "/api" ? segments.size() <= 2 : segments.size() <= 3;
    if (!discovery) return resource_request(ctx_, options_.container_logs, request);
    if (request.method != "GET") return method_not_allowed(request);
    if (segments.size() == 1) {
      return HttpResponse::json(200, root == "/api" ? kube::core_versions_document() : kube::group_list_document());
    }
    std::string group_version = root == "/api" ? segments[1] : segments[1] + "/" + (segments.size() > 2 ? segments[2] : "");
    std::optional<std::string> resources = kube::resource_list_document(group_version);
    if (!resources) {
      return failure_response(404, "NotFound", "the server could not find the requested resource (" + request.path + ")");
    }
    return HttpResponse::json(200, *resources);
  }

  // Bookmarks go out on a timer; the same pass drops watchers whose client left.
  void tick() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!wake_.wait_for(lock, options_.bookmark_interval, [this] { return stopping_; })) {
      lock.unlock();
      cache_->send_bookmarks();
      lock.lock();
    }
  }

  KubeApiOptions options_;
  std::unique_ptr<watch::WatchCache> cache_;
  kube::ApiContext ctx_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread ticker_;
};

KubeApi::KubeApi(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
KubeApi::~KubeApi() = default;

Result<std::unique_ptr<KubeApi>> KubeApi::start(events::EventLog& log, actors::ControlPlane& plane,
                                               KubeApiOptions options) {
  watch::WatchCacheOptions cache_options;
  cache_options.window = options.watch_window;
  Result<std::unique_ptr<watch::WatchCache>> cache = watch::WatchCache::start(log, cache_options);
  if (!cache.ok()) return cache.status();
  auto impl = std::make_unique<Impl>(plane, std::move(*cache), std::move(options));
  return std::unique_ptr<KubeApi>(new KubeApi(std::move(impl)));
}

void KubeApi::add_routes(Router& router) { impl_->add_routes(router); }

}  // namespace herd::server
