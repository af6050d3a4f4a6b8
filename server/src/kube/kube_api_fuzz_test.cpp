// A bounded fuzz run over the Kubernetes API's request handling: valid
// requests (paths, query strings, bodies of every content type) mutated at
// random, fed to the routes. Every answer must be a Kubernetes Status or an
// object, never a crash or a 500, and a refused request must leave the
// cluster exactly as it was. Deterministic: the seed is fixed, so a failure
// repeats; the run stops after kIterations or kTimeBudget, whichever first.

#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "actors/testing/control_plane_fixture.hpp"
#include "events/testing/in_memory_event_log.hpp"
#include "herd/api/codec.hpp"
#include "herd/server/kube_api.hpp"
#include "herd/server/response_stream.hpp"

namespace herd::server {
namespace {

constexpr int kIterations = 3000;
constexpr auto kTimeBudget = std::chrono::seconds(10);

struct Seed {
  std::string method;
  std::string target;
  std::string content_type;
  std::string body;
};

const std::vector<Seed>& seeds() {
  static const std::vector<Seed> all = {
      {"POST", "/api/v1/namespaces/default/configmaps", "application/json",
       R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","labels":{"x":"y"}},"data":{"k":"v"}})"},
      {"POST", "/apis/apps/v1/namespaces/default/deployments?fieldValidation=Warn", "application/json",
       R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2,
       "selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
       "spec":{"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":80}]}]}}}})"},
      {"POST", "/api/v1/namespaces/default/services", "application/yaml",
       "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n"},
      {"PUT", "/api/v1/namespaces/default/configmaps/a", "application/json",
       R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"1"},"data":{"k":"w"}})"},
      {"PATCH", "/apis/apps/v1/namespaces/default/deployments/web", "application/strategic-merge-patch+json",
       R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"name":"web","image":"nginx:2"}]}}}})"},
      {"PATCH", "/apis/apps/v1/namespaces/default/deployments/web", "application/json-patch+json",
       R"([{"op":"replace","path":"/spec/replicas","value":3},{"op":"test","path":"/metadata/name","value":"web"}])"},
      {"PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale", "application/merge-patch+json",
       R"({"spec":{"replicas":1}})"},
      {"GET", "/api/v1/namespaces/default/configmaps?labelSelector=x%3Dy,z+in+(a,b)&fieldSelector=metadata.name!%3Db&limit=1",
       "", ""},
      {"GET", "/apis/apps/v1/namespaces/default/deployments/web/scale", "", ""},
      {"GET", "/api/v1/namespaces/default/pods/p/log?container=c&tailLines=3&previous=true", "", ""},
      {"GET", "/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=5&timeoutSeconds=1", "", ""},
      {"DELETE", "/api/v1/namespaces/default/configmaps/a", "application/json",
       R"({"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Foreground","gracePeriodSeconds":0,
       "preconditions":{"uid":"u","resourceVersion":"1"}})"},
      {"DELETE", "/api/v1/namespaces/default/configmaps?labelSelector=x%3Dy", "", ""},
  };
  return all;
}

// Pieces a mutation splices in: the tokens that make parsers take other paths.
const std::vector<std::string>& fragments() {
  static const std::vector<std::string> all = {
      "{", "}", "[", "]", "\"", ":", ",", "null", "true", "-1", "1e999", "99999999999999999999", "\\u0000",
      "%", "%2F", "%00", "/", "..", "?", "&", "=", "$patch", "\"$patch\":\"delete\"", "$setElementOrder/x",
      "\xff", "\xc3\x28", "---\n", "&a ", "*a", "{\"a\":", std::string(300, '['), "resourceVersion", "0"};
  return all;
}

std::string mutate(std::string text, std::mt19937& rng) {
  std::uniform_int_distribution<int> kind(0, 4);
  int rounds = 1 + static_cast<int>(rng() % 3);
  for (int r = 0; r < rounds; ++r) {
    std::size_t at = text.empty() ? 0 : rng() % (text.size() + 1);
    switch (kind(rng)) {
      case 0:  // flip a byte
        if (!text.empty()) text[at % text.size()] = static_cast<char>(rng() % 256);
        break;
      case 1:  // cut
        text.resize(at);
        break;
      case 2:  // splice a fragment in
        text.insert(at, fragments()[rng() % fragments().size()]);
        break;
      case 3:  // drop a span
        if (!text.empty()) text.erase(at % text.size(), 1 + rng() % 8);
        break;
      default:  // repeat a span
        if (!text.empty()) text.insert(at, text.substr(at % text.size(), 1 + rng() % 16));
        break;
    }
  }
  return text;
}

class KubeApiFuzzTest : public actors::testing::ControlPlaneFixture {
 protected:
  void SetUp() override {
    start(log_);
    KubeApiOptions api_options;
    api_options.write_wait = std::chrono::milliseconds(5000);
    Result<std::unique_ptr<KubeApi>> kube = KubeApi::start(log_, plane(), api_options);
    ASSERT_TRUE(kube.ok()) << kube.status().to_string();
    kube_ = std::move(*kube);
    kube_->add_routes(router_);
  }

  void TearDown() override {
    kube_.reset();
    ControlPlaneFixture::TearDown();
  }

  events::testing::InMemoryEventLog log_;
  std::unique_ptr<KubeApi> kube_;
  Router router_;
};

TEST_F(KubeApiFuzzTest, MutatedRequestsGetAStatusAndChangeNothingWhenRefused) {
  std::mt19937 rng(20261128);
  auto deadline = std::chrono::steady_clock::now() + kTimeBudget;
  int run = 0;
  int refused = 0;
  for (; run < kIterations && std::chrono::steady_clock::now() < deadline; ++run) {
    const Seed& seed = seeds()[rng() % seeds().size()];
    HttpRequest request;
    request.method = seed.method;
    bool mutate_target = rng() % 3 == 0;
    request.target = mutate_target ? mutate(seed.target, rng) : seed.target;
    if (request.target.empty() || request.target[0] != '/') request.target = "/" + request.target;
    request.body = mutate_target ? seed.body : mutate(seed.body, rng);
    if (!seed.content_type.empty()) request.headers.emplace_back("content-type", seed.content_type);
    parse_target(request);
    // Controllers may still act on an earlier request that succeeded.
    ASSERT_TRUE(plane().wait_idle(std::chrono::seconds(5)));
    std::string before = plane().digest();
    std::string described = request.method + " " + request.target + "\n" + request.body;

    HttpResponse response = router_.dispatch(request);
    if (response.stream) response.stream->close();

    bool server_error = response.status >= 500 && response.status != 501 && response.status != 503;
    ASSERT_FALSE(server_error) << described << "\n-> " << response.status << " " << response.body;
    if (response.status >= 400) {
      ++refused;
      Result<api::Value> status = api::parse_json_value(response.body);
      ASSERT_TRUE(status.ok()) << described << "\n-> " << response.body;
      ASSERT_NE(status->find("kind"), nullptr) << response.body;
      EXPECT_EQ(status->find("kind")->as_string(), "Status") << described;
      ASSERT_TRUE(plane().wait_idle(std::chrono::seconds(5)));
      ASSERT_EQ(plane().digest(), before) << "a refused request changed the cluster:\n" << described;
    }
  }
  RecordProperty("requests", run);
  RecordProperty("refused", refused);
  EXPECT_GT(run, 100);
  EXPECT_GT(refused, run / 4);
}

}  // namespace
}  // namespace herd::server
