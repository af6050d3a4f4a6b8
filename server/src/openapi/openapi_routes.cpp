#include "herd/server/openapi_routes.hpp"

#include <chrono>
#include <ctime>
#include <string>

#include "herd/server/api_status.hpp"
#include "openapi/openapi_documents.hpp"

namespace herd::server {
namespace {

using openapi::OpenApiDocument;
using openapi::OpenApiDocuments;

// kubectl asks for application/json; a client that accepts only protobuf
// (the other form kube-apiserver offers) gets 406.
bool accepts_json(std::string_view accept) {
  return accept.empty() || accept.find("application/json") != std::string_view::npos ||
         accept.find("*/*") != std::string_view::npos || accept.find("application/*") != std::string_view::npos;
}

// An HTTP date (RFC 1123) a year from now.
std::string a_year_from_now() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + std::chrono::days(365));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::size_t n = std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(buffer, n);
}

HttpResponse serve(const HttpRequest& request) {
  if (!accepts_json(request.header("accept"))) {
    return failure_response(406, "NotAcceptable", "OpenAPI documents are served as application/json only");
  }
  const OpenApiDocuments& documents = openapi::openapi_documents();
  const OpenApiDocument* document = request.rest.empty() ? &documents.root : documents.find(request.rest);
  if (document == nullptr) {
    return failure_response(404, "NotFound", "no OpenAPI v3 document at " + request.path);
  }
  std::string hash = request.query_param("hash").value_or("");
  bool group_version = document != &documents.root;
  if (group_version && !hash.empty() && hash != document->hash) {
    HttpResponse moved = HttpResponse::text(301, "Moved Permanently\n");
    moved.headers.emplace_back("Location", "/openapi/v3/" + document->path + "?hash=" + document->hash);
    return moved;
  }
  std::string etag = "\"" + document->hash + "\"";
  HttpResponse response = HttpResponse::json(200, document->json);
  response.headers.emplace_back("ETag", etag);
  response.headers.emplace_back("Vary", "Accept");
  if (group_version && hash == document->hash) {
    response.headers.emplace_back("Cache-Control", "public, immutable");
    response.headers.emplace_back("Expires", a_year_from_now());
  } else {
    response.headers.emplace_back("Cache-Control", "no-cache, private");
  }
  if (request.header("if-none-match") == etag) {
    response.status = 304;
    response.body.clear();
  }
  return response;
}

}  // namespace

void add_openapi_routes(Router& router) { router.add("GET", "/openapi/v3", serve); }

}  // namespace herd::server
