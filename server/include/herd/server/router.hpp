#pragma once

// Router: picks the handler of a request by method and path prefix. The
// debug routes use it now; the Kubernetes API (/api/v1/..., /apis/...) will
// register its prefixes the same way.

#include <string>
#include <vector>

#include "herd/server/http.hpp"

namespace herd::server {

/// Lifecycle: routes are added before the server starts; afterwards the
/// Router is only read (dispatch is then safe from any number of threads).
class Router {
 public:
  /// Adds a route. `method` is "GET", "POST", ... or "*" for any. `prefix`
  /// starts with '/' and matches a path equal to it or continuing with '/'
  /// ("/debug/objects" matches "/debug/objects" and "/debug/objects/Pod",
  /// not "/debug/objectsX"); "/" matches every path. The longest matching
  /// prefix wins; among equal prefixes, the method decides.
  void add(std::string method, std::string prefix, HttpHandler handler);

  /// Runs the handler of the longest prefix that matches `request.path`
  /// (with `request.rest` set to what follows the prefix). Answers 404
  /// NotFound when no prefix matches and 405 MethodNotAllowed (with an Allow
  /// header) when prefixes match but none for this method; both bodies are
  /// Kubernetes Status objects.
  HttpResponse dispatch(HttpRequest request) const;

 private:
  struct Route {
    std::string method;
    std::string prefix;
    HttpHandler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace herd::server
