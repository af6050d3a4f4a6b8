#include "herd/server/router.hpp"

#include <gtest/gtest.h>

namespace herd::server {
namespace {

HttpRequest request(std::string method, std::string target) {
  HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  parse_target(r);
  return r;
}

HttpHandler answer(std::string text) {
  return [text](const HttpRequest& r) { return HttpResponse::text(200, text + " rest=" + r.rest); };
}

TEST(Router, LongestMatchingPrefixWins) {
  Router router;
  router.add("GET", "/debug", answer("debug"));
  router.add("GET", "/debug/objects", answer("objects"));
  EXPECT_EQ(router.dispatch(request("GET", "/debug/objects/Pod/default")).body, "objects rest=Pod/default");
  EXPECT_EQ(router.dispatch(request("GET", "/debug/digest")).body, "debug rest=digest");
  EXPECT_EQ(router.dispatch(request("GET", "/debug/objects?x=1")).body, "objects rest=");
}

TEST(Router, PrefixMatchesWholeSegmentsOnly) {
  Router router;
  router.add("GET", "/healthz", answer("health"));
  EXPECT_EQ(router.dispatch(request("GET", "/healthz")).status, 200);
  EXPECT_EQ(router.dispatch(request("GET", "/healthzz")).status, 404);
}

TEST(Router, UnknownPathIsANotFoundStatus) {
  Router router;
  router.add("GET", "/healthz", answer("health"));
  HttpResponse r = router.dispatch(request("GET", "/api/v1/pods"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_NE(r.body.find(R"("reason":"NotFound")"), std::string::npos) << r.body;
}

TEST(Router, WrongMethodIsMethodNotAllowedWithAllowHeader) {
  Router router;
  router.add("GET", "/debug/objects", answer("get"));
  router.add("DELETE", "/debug/objects", answer("delete"));
  HttpResponse r = router.dispatch(request("PUT", "/debug/objects/Pod"));
  EXPECT_EQ(r.status, 405);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Allow");
  EXPECT_EQ(r.headers[0].second, "GET, DELETE");
  EXPECT_EQ(router.dispatch(request("DELETE", "/debug/objects/Pod")).body, "delete rest=Pod");
}

TEST(Router, MethodIsCheckedOnlyAmongTheLongestPrefix) {
  // A shorter prefix for another method must not swallow the request.
  Router router;
  router.add("*", "/", answer("fallback"));
  router.add("POST", "/debug/apply", answer("apply"));
  EXPECT_EQ(router.dispatch(request("GET", "/debug/apply")).status, 405);
  EXPECT_EQ(router.dispatch(request("GET", "/other/thing")).body, "fallback rest=other/thing");
}

TEST(Router, TrailingSlashOnAPrefixIsIgnored) {
  Router router;
  router.add("GET", "/debug/objects/", answer("objects"));
  EXPECT_EQ(router.dispatch(request("GET", "/debug/objects")).status, 200);
  EXPECT_EQ(router.dispatch(request("GET", "/debug/objects/Pod")).body, "objects rest=Pod");
}

}  // namespace
}  // namespace herd::server
