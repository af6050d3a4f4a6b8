#include "herd/server/router.hpp"

#include "herd/base/check.hpp"
#include "herd/server/api_status.hpp"

namespace herd::server {
namespace {

// True when `prefix` matches `path` as a whole segment sequence.
bool prefix_matches(const std::string& prefix, std::string_view path) {
  if (prefix == "/") return !path.empty() && path.front() == '/';
  if (path.substr(0, prefix.size()) != prefix) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '/';
}

std::string rest_after(const std::string& prefix, std::string_view path) {
  std::string_view rest = path.substr(prefix == "/" ? 0 : prefix.size());
  if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  return std::string(rest);
}

}  // namespace

void Router::add(std::string method, std::string prefix, HttpHandler handler) {
  HERD_CHECK(!prefix.empty() && prefix.front() == '/') << "route prefix must start with '/': " << prefix;
  if (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  routes_.push_back(Route{std::move(method), std::move(prefix), std::move(handler)});
}

HttpResponse Router::dispatch(HttpRequest request) const {
  const Route* best = nullptr;
  std::size_t longest = 0;
  bool matched_path = false;
  std::string allow;
  // First the longest prefix that matches the path, then among routes with
  // exactly that prefix the one for this method.
  for (const Route& route : routes_) {
    if (prefix_matches(route.prefix, request.path) && route.prefix.size() >= longest) {
      longest = route.prefix.size();
      matched_path = true;
    }
  }
  if (!matched_path) {
    return failure_response(404, "NotFound", "the server could not find the requested resource: " + request.path);
  }
  for (const Route& route : routes_) {
    if (route.prefix.size() != longest || !prefix_matches(route.prefix, request.path)) continue;
    if (route.method == "*" || route.method == request.method) {
      best = &route;
      break;
    }
    allow += (allow.empty() ? "" : ", ") + route.method;
  }
  if (best == nullptr) {
    HttpResponse response = failure_response(405, "MethodNotAllowed",
                                             request.method + " is not supported on " + request.path);
    response.headers.emplace_back("Allow", allow);
    return response;
  }
  request.rest = rest_after(best->prefix, request.path);
  return best->handler(request);
}

}  // namespace herd::server
