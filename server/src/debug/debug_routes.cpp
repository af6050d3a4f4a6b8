#include "herd/server/debug_routes.hpp"

#include "herd/api/codec.hpp"
#include "herd/api/value.hpp"
#include "debug/debug_apply.hpp"
#include "debug/debug_objects.hpp"

namespace herd::server {
namespace {

// {"digest": "<hex>", "objects": N, "kinds": {"Pod": n, ...}}: the digest is
// events::digest_of over the live store, the one `herd log replay` prints.
HttpResponse digest_response(const actors::ControlPlane& plane) {
  std::string digest = plane.digest();
  std::map<std::string, std::size_t> counts = plane.count_by_kind();
  api::Value kinds = api::Value::object();
  std::size_t total = 0;
  for (const auto& [kind, count] : counts) {
    kinds.set(kind, api::Value::integer(static_cast<int64_t>(count)));
    total += count;
  }
  api::Value body = api::Value::object();
  body.set("digest", api::Value::string(std::move(digest)));
  body.set("objects", api::Value::integer(static_cast<int64_t>(total)));
  body.set("kinds", std::move(kinds));
  return HttpResponse::json(200, api::to_json(body) + "\n");
}

}  // namespace

void add_health_routes(Router& router) {
  router.add("GET", "/healthz", [](const HttpRequest&) { return HttpResponse::text(200, "ok"); });
  router.add("GET", "/readyz", [](const HttpRequest&) { return HttpResponse::text(200, "ok"); });
}

void add_debug_routes(Router& router, actors::ControlPlane& plane, std::string actor) {
  actors::ControlPlane* p = &plane;
  router.add("GET", "/debug/digest", [p](const HttpRequest&) { return digest_response(*p); });
  router.add("POST", "/debug/apply",
             [p, actor](const HttpRequest& request) { return debug::handle_apply(*p, actor, request); });
  router.add("GET", "/debug/objects", [p](const HttpRequest& request) { return debug::handle_get(*p, request); });
  router.add("DELETE", "/debug/objects",
             [p, actor](const HttpRequest& request) { return debug::handle_delete(*p, actor, request); });
}

}  // namespace herd::server
