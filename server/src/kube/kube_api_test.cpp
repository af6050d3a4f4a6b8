// The Kubernetes API over a real ControlPlane (no nodes) and an in-memory
// log, through a real HttpServer and an independent HTTP client.

#include "herd/server/kube_api.hpp"

#include <gtest/gtest.h>

#include <set>

#include "events/testing/in_memory_event_log.hpp"
#include "kube/kube_api_testing.hpp"

namespace herd::server {
namespace {

using namespace kube_testing;
using testing::HttpReply;
using testing::HttpTestConnection;

class KubeApiTest : public KubeApiHarness {
 protected:
  void SetUp() override { start_api(log_); }
  events::testing::InMemoryEventLog log_;
};

TEST_F(KubeApiTest, DiscoveryNamesEveryGroupAndResource) {
  HttpReply version = call("GET", "/version");
  EXPECT_EQ(field(json(version.body), {"minor"}), "32");
  EXPECT_EQ(field(json(version.body), {"gitVersion"}), "v1.32.0+herd.9.8.7");
  EXPECT_EQ(json(call("GET", "/api").body), json(R"({"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]})"));
  std::string groups = call("GET", "/apis").body;
  for (const char* g : {"apps/v1", "batch/v1", "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1"}) {
    EXPECT_NE(groups.find(std::string("\"groupVersion\":\"") + g + "\""), std::string::npos) << g;
  }
  api::Value apps = json(call("GET", "/apis/apps/v1").body);
  std::set<std::string> names;
  for (const api::Value& r : apps.find("resources")->as_array()) names.insert(field(r, {"name"}));
  EXPECT_EQ(names, (std::set<std::string>{"deployments", "deployments/status", "deployments/scale", "replicasets",
                                          "replicasets/status", "replicasets/scale"}));
  EXPECT_NE(call("GET", "/api/v1").body.find(R"("name":"pods/log")"), std::string::npos);
  EXPECT_EQ(call("GET", "/apis/apps/v2").status, 404);
}

TEST_F(KubeApiTest, CreateGetAndConflicts) {
  HttpReply created = call("POST", kConfigMaps, config_map("a"));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string rv = field(json(created.body), {"metadata", "resourceVersion"});
  HttpReply got = call("GET", std::string(kConfigMaps) + "/a");
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(field(json(got.body), {"metadata", "resourceVersion"}), rv);
  EXPECT_EQ(field(json(got.body), {"data", "mode"}), "test");

  HttpReply again = call("POST", kConfigMaps, config_map("a"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(field(json(again.body), {"reason"}), "AlreadyExists");
  EXPECT_EQ(field(json(again.body), {"message"}), "configmaps \"a\" already exists");

  HttpReply missing = call("GET", std::string(kConfigMaps) + "/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(field(json(missing.body), {"message"}), "configmaps \"nope\" not found");
  EXPECT_EQ(call("GET", "/api/v1/namespaces/default/widgets").status, 404);
}

TEST_F(KubeApiTest, UpdateChecksTheResourceVersion) {
  std::string rv = field(json(call("POST", kConfigMaps, config_map("a")).body), {"metadata", "resourceVersion"});
  std::string changed = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":")" + rv +
                        R"("},"data":{"mode":"prod"}})";
  HttpReply updated = call("PUT", std::string(kConfigMaps) + "/a", changed);
  ASSERT_EQ(updated.status, 200) << updated.body;
  std::string rv2 = field(json(updated.body), {"metadata", "resourceVersion"});
  EXPECT_GT(std::stoull(rv2), std::stoull(rv));
  EXPECT_EQ(field(json(updated.body), {"data", "mode"}), "prod");

  HttpReply stale = call("PUT", std::string(kConfigMaps) + "/a", changed);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(field(json(stale.body), {"reason"}), "Conflict");
  EXPECT_NE(field(json(stale.body), {"message"}).find("the object has been modified"), std::string::npos);
  EXPECT_EQ(field(json(call("GET", std::string(kConfigMaps) + "/a").body), {"data", "mode"}), "prod");

  HttpReply renamed = call("PUT", std::string(kConfigMaps) + "/b", changed);
  EXPECT_EQ(renamed.status, 400);
}

TEST_F(KubeApiTest, BadBodiesLeaveNothingBehind) {
  HttpReply malformed = call("POST", kConfigMaps, "{\"apiVersion\": ");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(field(json(malformed.body), {"reason"}), "BadRequest");

  HttpReply unknown = call("POST", kConfigMaps, config_map("u", "{}", R"(,"dta":{})"));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("strict decoding error: unknown field \\\"dta\\\""), std::string::npos) << unknown.body;

  HttpReply invalid = call("POST", kConfigMaps, config_map("Bad_Name"));
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(field(json(invalid.body), {"reason"}), "Invalid");
  api::Value invalid_status = json(invalid.body);
  ASSERT_NE(invalid_status.find("details"), nullptr) << invalid.body;
  EXPECT_FALSE(invalid_status.find("details")->find("causes")->as_array().empty());

  HttpReply protobuf = call("POST", kConfigMaps, std::string("k8s\0\n\x0f", 6), "Content-Type: application/vnd.kubernetes.protobuf\r\n");
  EXPECT_EQ(protobuf.status, 415);
  EXPECT_EQ(field(json(protobuf.body), {"reason"}), "UnsupportedMediaType");

  HttpReply wrong_kind = call("POST", "/api/v1/namespaces/default/secrets", config_map("w"));
  EXPECT_EQ(wrong_kind.status, 400);

  HttpReply list = call("GET", kConfigMaps);
  EXPECT_EQ(json(list.body).find("items")->as_array().size(), 0u);

  HttpReply warned = call("POST", std::string(kConfigMaps) + "?fieldValidation=Warn", config_map("u", "{}", R"(,"dta":{})"));
  EXPECT_EQ(warned.status, 201);
  EXPECT_EQ(warned.headers["warning"], "299 - \"unknown field \\\"dta\\\"\"");
  HttpReply ignored = call("POST", std::string(kConfigMaps) + "?fieldValidation=Ignore", config_map("v", "{}", R"(,"dta":{})"));
  EXPECT_EQ(ignored.status, 201);
  EXPECT_EQ(ignored.headers.count("warning"), 0u);
  EXPECT_EQ(call("POST", std::string(kConfigMaps) + "?fieldValidation=Loud", config_map("x")).status, 400);
}

TEST_F(KubeApiTest, ListsFilterAndPage) {
  for (int i = 0; i < 5; ++i) {
    std::string labels = i % 2 == 0 ? R"({"tier":"web"})" : R"({"tier":"db"})";
    ASSERT_EQ(call("POST", kConfigMaps, config_map("cm-" + std::to_string(i), labels)).status, 201);
  }
  auto names = [&](const std::string& query, std::string* next = nullptr, std::string* rv = nullptr) {
    api::Value list = json(call("GET", std::string(kConfigMaps) + query).body);
    std::vector<std::string> out;
    for (const api::Value& item : list.find("items")->as_array()) out.push_back(field(item, {"metadata", "name"}));
    if (next) *next = field(list, {"metadata", "continue"});
    if (rv) *rv = field(list, {"metadata", "resourceVersion"});
    return out;
  };
  EXPECT_EQ(names("?labelSelector=tier%3Dweb"), (std::vector<std::string>{"cm-0", "cm-2", "cm-4"}));
  EXPECT_EQ(names("?labelSelector=tier+notin+(web)"), (std::vector<std::string>{"cm-1", "cm-3"}));
  EXPECT_EQ(names("?fieldSelector=metadata.name%3Dcm-3"), (std::vector<std::string>{"cm-3"}));
  EXPECT_EQ(names("?fieldSelector=metadata.name!%3Dcm-3&labelSelector=tier%3Ddb"), (std::vector<std::string>{"cm-1"}));
  EXPECT_EQ(call("GET", std::string(kConfigMaps) + "?labelSelector=tier+in+(").status, 400);
  EXPECT_EQ(call("GET", std::string(kConfigMaps) + "?fieldSelector=spec.nodeName%3Dx").status, 400);

  std::vector<std::string> all;
  std::string next;
  std::string first_rv;
  std::string rv;
  std::vector<std::string> page = names("?limit=2", &next, &first_rv);
  all.insert(all.end(), page.begin(), page.end());
  int pages = 1;
  while (next != "<absent>") {
    page = names("?limit=2&continue=" + next, &next, &rv);
    EXPECT_EQ(rv, first_rv);
    all.insert(all.end(), page.begin(), page.end());
    ++pages;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(all, (std::vector<std::string>{"cm-0", "cm-1", "cm-2", "cm-3", "cm-4"}));
  EXPECT_EQ(call("GET", std::string(kConfigMaps) + "?limit=2&continue=garbage").status, 400);
}

TEST_F(KubeApiTest, TablesForKubectlGet) {
  ASSERT_EQ(call("POST", kConfigMaps, config_map("a")).status, 201);
  const std::string accept = "Accept: application/json;as=Table;v=v1;g=meta.k8s.io,application/json\r\n";
  api::Value table = json(call("GET", kConfigMaps, "", accept).body);
  EXPECT_EQ(field(table, {"kind"}), "Table");
  std::vector<std::string> columns;
  for (const api::Value& c : table.find("columnDefinitions")->as_array()) columns.push_back(field(c, {"name"}));
  EXPECT_EQ(columns, (std::vector<std::string>{"Name", "Data", "Age"}));
  ASSERT_EQ(table.find("rows")->as_array().size(), 1u);
  const api::Value& row = table.find("rows")->as_array()[0];
  EXPECT_EQ(row.find("cells")->as_array()[0].as_string(), "a");
  EXPECT_EQ(row.find("cells")->as_array()[1].as_int(), 1);
  EXPECT_EQ(field(row, {"object", "kind"}), "PartialObjectMetadata");
  EXPECT_NE(field(table, {"metadata", "resourceVersion"}), "<absent>");

  api::Value one = json(call("GET", std::string(kConfigMaps) + "/a?includeObject=None", "", accept).body);
  EXPECT_EQ(one.find("rows")->as_array().size(), 1u);
  EXPECT_EQ(one.find("rows")->as_array()[0].find("object"), nullptr);
  EXPECT_EQ(call("GET", std::string(kConfigMaps) + "?includeObject=All", "", accept).status, 400);

  Result<std::unique_ptr<HttpTestConnection>> w = HttpTestConnection::open(server_->port());
  ASSERT_TRUE((*w)->request("GET", std::string(kConfigMaps) + "?watch=1&resourceVersion=" + field(table, {"metadata", "resourceVersion"}), "", accept).ok());
  ASSERT_EQ(call("DELETE", std::string(kConfigMaps) + "/a").status, 200);
  Result<std::string> chunk = (*w)->read_chunk();
  ASSERT_TRUE(chunk.ok());
  api::Value event = json(chunk->substr(0, chunk->find('\n')));
  EXPECT_EQ(field(event, {"type"}), "DELETED");
  EXPECT_EQ(field(event, {"object", "kind"}), "Table");
}

TEST_F(KubeApiTest, EventsAreSelectedByTheirInvolvedObject) {
  for (const char* pod : {"web-0", "web-1"}) {
    std::string event = std::string(R"({"apiVersion":"v1","kind":"Event","metadata":{"name":"e-)") + pod +
                        R"("},"involvedObject":{"kind":"Pod","namespace":"default","name":")" + pod +
                        R"("},"reason":"Started","type":"Normal"})";
    ASSERT_EQ(call("POST", "/api/v1/namespaces/default/events", event).status, 201);
  }
  api::Value list = json(call("GET", "/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb-1,"
                                     "involvedObject.namespace%3Ddefault,reason%3DStarted").body);
  ASSERT_EQ(list.find("items")->as_array().size(), 1u);
  EXPECT_EQ(field(list.find("items")->as_array()[0], {"metadata", "name"}), "e-web-1");
  EXPECT_EQ(call("GET", "/api/v1/namespaces/default/events?fieldSelector=involvedObject.color%3Dred").status, 400);
}

TEST_F(KubeApiTest, WatchSeesEveryChangeOnceAndResumes) {
  ASSERT_EQ(call("POST", kConfigMaps, config_map("before")).status, 201);
  std::string rv = field(json(call("GET", kConfigMaps).body), {"metadata", "resourceVersion"});
  std::unique_ptr<HttpTestConnection> w = watch(std::string(kConfigMaps) + "?watch=true&resourceVersion=" + rv);

  std::string created = call("POST", kConfigMaps, config_map("a")).body;
  std::string a_rv = field(json(created), {"metadata", "resourceVersion"});
  ASSERT_EQ(call("PUT", std::string(kConfigMaps) + "/a",
                 R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"mode":"prod"}})")
                .status,
            200);
  ASSERT_EQ(call("DELETE", std::string(kConfigMaps) + "/a").status, 200);
  ASSERT_EQ(call("POST", kConfigMaps, config_map("b")).status, 201);
  std::vector<std::string> versions;
  EXPECT_EQ(events(*w, 4, &versions), (std::vector<std::string>{"ADDED a", "MODIFIED a", "DELETED a", "ADDED b"}));
  ASSERT_EQ(versions.size(), 4u);
  EXPECT_EQ(versions[0], a_rv);
  for (std::size_t i = 1; i < versions.size(); ++i) EXPECT_GT(std::stoull(versions[i]), std::stoull(versions[i - 1]));

  // Resumed from the first event's revision: the rest, nothing twice.
  pending_.clear();
  std::unique_ptr<HttpTestConnection> resumed = watch(std::string(kConfigMaps) + "?watch=1&resourceVersion=" + versions[0]);
  EXPECT_EQ(events(*resumed, 3), (std::vector<std::string>{"MODIFIED a", "DELETED a", "ADDED b"}));

  // From "0": the current state first.
  pending_.clear();
  std::unique_ptr<HttpTestConnection> initial = watch(std::string(kConfigMaps) + "?watch=1&resourceVersion=0");
  EXPECT_EQ(events(*initial, 2), (std::vector<std::string>{"ADDED b", "ADDED before"}));
}

TEST_F(KubeApiTest, WatchWithASelectorSeesObjectsLeaveAndEnter) {
  std::string rv = field(json(call("GET", kConfigMaps).body), {"metadata", "resourceVersion"});
  std::unique_ptr<HttpTestConnection> w =
      watch(std::string(kConfigMaps) + "?watch=1&labelSelector=tier%3Dweb&resourceVersion=" + rv);
  ASSERT_EQ(call("POST", kConfigMaps, config_map("a", R"({"tier":"db"})")).status, 201);
  auto relabel = [&](const std::string& tier) {
    return call("PUT", std::string(kConfigMaps) + "/a",
                R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","labels":{"tier":")" + tier + R"("}}})")
        .status;
  };
  ASSERT_EQ(relabel("web"), 200);
  ASSERT_EQ(relabel("db"), 200);
  EXPECT_EQ(events(*w, 2), (std::vector<std::string>{"ADDED a", "DELETED a"}));
}

TEST_F(KubeApiTest, AWatchFromAnOldRevisionIsToldToRelist) {
  std::string rv = field(json(call("GET", kConfigMaps).body), {"metadata", "resourceVersion"});
  for (int i = 0; i < 60; ++i) ASSERT_EQ(call("POST", kConfigMaps, config_map("cm-" + std::to_string(i))).status, 201);
  std::unique_ptr<HttpTestConnection> w = watch(std::string(kConfigMaps) + "?watch=1&resourceVersion=" + rv);
  Result<std::string> chunk = w->read_chunk();
  ASSERT_TRUE(chunk.ok());
  api::Value event = json(chunk->substr(0, chunk->find('\n')));
  EXPECT_EQ(field(event, {"type"}), "ERROR");
  EXPECT_EQ(field(event, {"object", "code"}), "410");
  EXPECT_EQ(field(event, {"object", "reason"}), "Expired");
}

TEST_F(KubeApiTest, WatchesGetBookmarksWhenTheyAsk) {
  std::unique_ptr<HttpTestConnection> w = watch(std::string(kConfigMaps) + "?watch=1&allowWatchBookmarks=true");
  Result<std::string> chunk = w->read_chunk();
  ASSERT_TRUE(chunk.ok()) << chunk.status().to_string();
  api::Value event = json(chunk->substr(0, chunk->find('\n')));
  EXPECT_EQ(field(event, {"type"}), "BOOKMARK");
  EXPECT_EQ(field(event, {"object", "kind"}), "ConfigMap");
  EXPECT_NE(field(event, {"object", "metadata", "resourceVersion"}), "<absent>");
}

TEST_F(KubeApiTest, AWatcherThatStopsReadingIsClosedWithoutHoldingUpOthers) {
  Result<std::unique_ptr<HttpTestConnection>> stalled = HttpTestConnection::open(server_->port());
  ASSERT_TRUE(stalled.ok());
  ASSERT_TRUE((*stalled)->send("GET " + std::string(kConfigMaps) + "?watch=1 HTTP/1.1\r\nHost: x\r\n\r\n").ok());
  // ~21 KB per event, 12 MB in all: more than the kernel's socket buffers
  // and the server's 64 KiB for this watcher.
  std::string padding(16000, 'x');
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 600 && std::chrono::steady_clock::now() - started < std::chrono::seconds(60); ++i) {
    HttpReply r = call("POST", kConfigMaps, config_map("cm-" + std::to_string(i), "{}",
                                                        R"(,"binaryData":{"pad":")" + padding + R"("})"));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // Everyone else was served meanwhile (the creates above); the stalled
  // watch was given up: reading it now ends in a closed connection, not in
  // a stream that goes on.
  Result<std::size_t> drained = (*stalled)->drain_until_closed(std::chrono::seconds(10));
  ASSERT_TRUE(drained.ok()) << drained.status().to_string();
  EXPECT_LT(*drained, 12u * 1000 * 1000);
}

TEST_F(KubeApiTest, DryRunsAnswerAndStoreNothing) {
  const std::string a = std::string(kConfigMaps) + "/a";
  EXPECT_EQ(call("POST", std::string(kConfigMaps) + "?dryRun=All", config_map("a")).status, 201);
  EXPECT_EQ(call("GET", a).status, 404);
  ASSERT_EQ(call("POST", kConfigMaps, config_map("a")).status, 201);
  std::string before = call("GET", a).body;

  HttpReply put = call("PUT", a + "?dryRun=All",
                       R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"mode":"prod"}})");
  EXPECT_EQ(put.status, 200);
  EXPECT_EQ(field(json(put.body), {"data", "mode"}), "prod");
  Result<std::unique_ptr<HttpTestConnection>> c = HttpTestConnection::open(server_->port());
  Result<HttpReply> patched = (*c)->request("PATCH", a + "?dryRun=All", R"({"data":{"mode":"stage"}})",
                                            "Content-Type: application/merge-patch+json\r\n");
  ASSERT_TRUE(patched.ok());
  EXPECT_EQ(patched->status, 200);
  EXPECT_EQ(field(json(patched->body), {"data", "mode"}), "stage");
  EXPECT_EQ(call("DELETE", a + "?dryRun=All").status, 200);
  EXPECT_EQ(call("DELETE", std::string(kConfigMaps) + "?dryRun=All").status, 200);
  EXPECT_EQ(call("GET", a).body, before);
  EXPECT_EQ(call("DELETE", a + "?dryRun=Some").status, 400);
}

TEST_F(KubeApiTest, DeleteAnswersWithTheOutcome) {
  ASSERT_EQ(call("POST", kConfigMaps, config_map("a")).status, 201);
  HttpReply deleted = call("DELETE", std::string(kConfigMaps) + "/a");
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(field(json(deleted.body), {"status"}), "Success");
  EXPECT_EQ(field(json(deleted.body), {"details", "name"}), "a");
  EXPECT_EQ(call("GET", std::string(kConfigMaps) + "/a").status, 404);
  EXPECT_EQ(call("DELETE", std::string(kConfigMaps) + "/a").status, 404);
  EXPECT_EQ(call("DELETE", std::string(kConfigMaps) + "/x?propagationPolicy=Sideways").status, 400);
  HttpReply keep_default = call("DELETE", "/api/v1/namespaces/default");
  EXPECT_EQ(keep_default.status, 403);
  EXPECT_EQ(field(json(keep_default.body), {"message"}), "namespaces \"default\" is forbidden: this namespace may not be deleted");

  for (const char* n : {"b", "c"}) ASSERT_EQ(call("POST", kConfigMaps, config_map(n, R"({"x":"y"})")).status, 201);
  ASSERT_EQ(call("POST", kConfigMaps, config_map("d")).status, 201);
  EXPECT_EQ(call("DELETE", std::string(kConfigMaps) + "?labelSelector=x%3Dy").status, 200);
  api::Value left = json(call("GET", kConfigMaps).body);
  ASSERT_EQ(left.find("items")->as_array().size(), 1u);
  EXPECT_EQ(field(left.find("items")->as_array()[0], {"metadata", "name"}), "d");
}

TEST_F(KubeApiTest, ScaleReadsAndWritesReplicas) {
  std::string deployment = R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{
    "replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
    "spec":{"containers":[{"name":"web","image":"nginx"}]}}}})";
  ASSERT_EQ(call("POST", "/apis/apps/v1/namespaces/default/deployments", deployment).status, 201);
  const std::string scale_path = "/apis/apps/v1/namespaces/default/deployments/web/scale";
  api::Value scale = json(call("GET", scale_path).body);
  EXPECT_EQ(field(scale, {"kind"}), "Scale");
  EXPECT_EQ(field(scale, {"spec", "replicas"}), "2");
  EXPECT_EQ(field(scale, {"status", "selector"}), "app=web");
  HttpReply put = call("PUT", scale_path, R"({"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web"},"spec":{"replicas":5}})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(field(json(put.body), {"spec", "replicas"}), "5");
  EXPECT_EQ(field(json(call("GET", "/apis/apps/v1/namespaces/default/deployments/web").body), {"spec", "replicas"}), "5");
  EXPECT_EQ(call("PUT", scale_path, R"({"spec":{"replicas":-1}})").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/namespaces/default/configmaps/web/scale").status, 404);
}

TEST_F(KubeApiTest, PatchesOfEachType) {
  std::string deployment = R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{
    "replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
    "spec":{"containers":[{"name":"web","image":"nginx:1","env":[{"name":"A","value":"1"}]},
                          {"name":"log","image":"busybox"}]}}}})";
  const std::string path = "/apis/apps/v1/namespaces/default/deployments/web";
  ASSERT_EQ(call("POST", "/apis/apps/v1/namespaces/default/deployments", deployment).status, 201);
  auto patch = [&](const std::string& type, const std::string& body, const std::string& target = "") {
    Result<std::unique_ptr<HttpTestConnection>> c = HttpTestConnection::open(server_->port());
    Result<HttpReply> reply = (*c)->request("PATCH", target.empty() ? path : target, body, "Content-Type: " + type + "\r\n");
    EXPECT_TRUE(reply.ok());
    return *reply;
  };
  HttpReply merged = patch("application/merge-patch+json", R"({"spec":{"replicas":4}})");
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(field(json(merged.body), {"spec", "replicas"}), "4");

  HttpReply strategic = patch("application/strategic-merge-patch+json",
                              R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"log"}],)"
                              R"("containers":[{"name":"web","image":"nginx:2"}]}}}})");
  ASSERT_EQ(strategic.status, 200) << strategic.body;
  api::Value containers = *json(strategic.body).find("spec")->find("template")->find("spec")->find("containers");
  ASSERT_EQ(containers.as_array().size(), 2u) << "strategic merge keeps the other container";
  EXPECT_EQ(field(containers.as_array()[0], {"image"}), "nginx:2");
  EXPECT_EQ(field(containers.as_array()[0].find("env")->as_array()[0], {"value"}), "1");

  HttpReply json_patch = patch("application/json-patch+json", R"([{"op":"replace","path":"/spec/replicas","value":1}])");
  ASSERT_EQ(json_patch.status, 200) << json_patch.body;
  EXPECT_EQ(field(json(json_patch.body), {"spec", "replicas"}), "1");

  EXPECT_EQ(patch("application/json-patch+json", R"([{"op":"remove","path":"/spec/nothing"}])").status, 422);
  EXPECT_EQ(patch("application/merge-patch+json", R"({"spec":{"replicas":"many"}})").status, 422);
  EXPECT_EQ(patch("application/merge-patch+json", R"({"spec":{"replicaz":3}})").status, 400);
  EXPECT_EQ(patch("application/apply-patch+yaml", "spec: {}").status, 415);
  EXPECT_EQ(patch("application/merge-patch+json", R"({"metadata":{"resourceVersion":"1"},"spec":{"replicas":3}})").status, 409);
  HttpReply scaled = patch("application/merge-patch+json", R"({"spec":{"replicas":7}})", path + "/scale");
  ASSERT_EQ(scaled.status, 200) << scaled.body;
  EXPECT_EQ(field(json(scaled.body), {"kind"}), "Scale");
  EXPECT_EQ(field(json(call("GET", path).body), {"spec", "replicas"}), "7");
  EXPECT_EQ(patch("application/merge-patch+json", "{}", "/apis/apps/v1/namespaces/default/deployments/none").status, 404);
}

}  // namespace
}  // namespace herd::server
