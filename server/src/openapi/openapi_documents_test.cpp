#include "openapi/openapi_documents.hpp"

#include <functional>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "herd/api/codec.hpp"

namespace herd::server::openapi {
namespace {

// The parsed document at `path` ("api/v1", "apis/apps/v1"; "" for the root).
api::Value parsed(std::string_view path) {
  const OpenApiDocuments& documents = openapi_documents();
  const OpenApiDocument* document = path.empty() ? &documents.root : documents.find(path);
  EXPECT_NE(document, nullptr) << path;
  if (document == nullptr) return {};
  Result<api::Value> value = api::parse_json_value(document->json);
  EXPECT_TRUE(value.ok()) << path << ": " << value.status().to_string();
  return value.ok() ? *value : api::Value();
}

// A copy of the value at `keys` below `value`, or null when a key is missing.
// (A copy, so that it may be called on a temporary; bind it to a variable
// before iterating over its members.)
api::Value at(const api::Value& value, std::initializer_list<std::string_view> keys) {
  const api::Value* v = &value;
  for (std::string_view key : keys) {
    v = v->find(key);
    if (v == nullptr) return {};
  }
  return *v;
}

api::Value property(const api::Value& document, std::string_view schema, std::string_view field) {
  return at(document, {"components", "schemas", schema, "properties", field});
}

api::Value text(std::string s) { return api::Value::string(std::move(s)); }

api::Value ref(std::string_view schema) {
  return api::Value::object({{"$ref", text("#/components/schemas/" + std::string(schema)), {}}});
}

std::vector<std::string> strings(const api::Value& array) {
  std::vector<std::string> out;
  if (!array.is_array()) return out;
  for (const api::Value& v : array.as_array()) out.push_back(v.scalar_text());
  return out;
}

void for_each_node(const api::Value& value, const std::function<void(const api::Value&)>& fn) {
  fn(value);
  if (value.is_array()) {
    for (const api::Value& v : value.as_array()) for_each_node(v, fn);
  } else if (value.is_object()) {
    for (const api::Value::Member& m : value.as_object()) for_each_node(m.value, fn);
  }
}

TEST(OpenApiDocuments, TheRootListsEachGroupVersionWithItsHash) {
  api::Value root = parsed("");
  const OpenApiDocuments& documents = openapi_documents();
  std::vector<std::string> paths;
  for (const OpenApiDocument& document : documents.group_versions) {
    paths.push_back(document.path);
    EXPECT_EQ(at(root, {"paths", document.path, "serverRelativeURL"}),
              text("/openapi/v3/" + document.path + "?hash=" + document.hash));
  }
  EXPECT_EQ(paths, (std::vector<std::string>{"api/v1", "apis/apps/v1", "apis/batch/v1",
                                             "apis/networking.k8s.io/v1", "apis/rbac.authorization.k8s.io/v1"}));
  EXPECT_EQ(root.find("paths")->as_object().size(), paths.size());
}

TEST(OpenApiDocuments, EveryGroupVersionDocumentIsOpenApi3Json) {
  for (const OpenApiDocument& document : openapi_documents().group_versions) {
    api::Value value = parsed(document.path);
    EXPECT_EQ(at(value, {"openapi"}), text("3.0.0")) << document.path;
    EXPECT_TRUE(at(value, {"paths"}).is_object()) << document.path;
    EXPECT_TRUE(at(value, {"components", "schemas"}).is_object()) << document.path;
  }
}

TEST(OpenApiDocuments, DeploymentSchemaCarriesItsGroupVersionKind) {
  api::Value apps = parsed("apis/apps/v1");
  api::Value gvk =
      at(apps, {"components", "schemas", "io.k8s.api.apps.v1.Deployment", "x-kubernetes-group-version-kind"});
  ASSERT_TRUE(gvk.is_array());
  ASSERT_EQ(gvk.as_array().size(), 1u);
  EXPECT_EQ(at(gvk.as_array()[0], {"group"}), text("apps"));
  EXPECT_EQ(at(gvk.as_array()[0], {"version"}), text("v1"));
  EXPECT_EQ(at(gvk.as_array()[0], {"kind"}), text("Deployment"));
  api::Value list = at(apps, {"components", "schemas", "io.k8s.api.apps.v1.DeploymentList"});
  EXPECT_EQ(at(list, {"properties", "items", "items", "allOf"}).as_array()[0], ref("io.k8s.api.apps.v1.Deployment"));
}

TEST(OpenApiDocuments, PodSpecContainersMergeByName) {
  for (std::string_view path : {"api/v1", "apis/apps/v1", "apis/batch/v1"}) {
    api::Value containers = property(parsed(path), "io.k8s.api.core.v1.PodSpec", "containers");
    EXPECT_EQ(at(containers, {"x-kubernetes-patch-merge-key"}), text("name")) << path;
    EXPECT_EQ(at(containers, {"x-kubernetes-patch-strategy"}), text("merge")) << path;
    EXPECT_EQ(at(containers, {"x-kubernetes-list-type"}), text("map")) << path;
    EXPECT_EQ(strings(at(containers, {"x-kubernetes-list-map-keys"})), std::vector<std::string>{"name"});
  }
  api::Value volumes = property(parsed("api/v1"), "io.k8s.api.core.v1.PodSpec", "volumes");
  EXPECT_EQ(at(volumes, {"x-kubernetes-patch-strategy"}), text("merge,retainKeys"));
  api::Value args = property(parsed("api/v1"), "io.k8s.api.core.v1.Container", "args");
  EXPECT_EQ(at(args, {"x-kubernetes-list-type"}), text("atomic"));
  EXPECT_TRUE(at(args, {"x-kubernetes-patch-strategy"}).is_null());
}

TEST(OpenApiDocuments, ContainerPortsMergeByContainerPort) {
  api::Value ports = property(parsed("api/v1"), "io.k8s.api.core.v1.Container", "ports");
  EXPECT_EQ(at(ports, {"x-kubernetes-patch-merge-key"}), text("containerPort"));
  EXPECT_EQ(at(ports, {"x-kubernetes-patch-strategy"}), text("merge"));
  EXPECT_EQ(strings(at(ports, {"x-kubernetes-list-map-keys"})),
            (std::vector<std::string>{"containerPort", "protocol"}));
  api::Value finalizers = property(parsed("api/v1"), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "finalizers");
  EXPECT_EQ(at(finalizers, {"x-kubernetes-list-type"}), text("set"));
  EXPECT_EQ(at(finalizers, {"x-kubernetes-patch-strategy"}), text("merge"));
}

TEST(OpenApiDocuments, DeploymentStrategyRetainsKeys) {
  api::Value strategy = property(parsed("apis/apps/v1"), "io.k8s.api.apps.v1.DeploymentSpec", "strategy");
  EXPECT_EQ(at(strategy, {"x-kubernetes-patch-strategy"}), text("retainKeys"));
}

TEST(OpenApiDocuments, ScalarsAreWrittenAsKubernetesPublishesThem) {
  api::Value core = parsed("api/v1");
  EXPECT_EQ(at(property(core, "io.k8s.api.core.v1.Secret", "data"), {"additionalProperties", "format"}), text("byte"));
  EXPECT_EQ(at(property(core, "io.k8s.api.core.v1.ServicePort", "targetPort"), {"allOf"}).as_array()[0],
            ref("io.k8s.apimachinery.pkg.util.intstr.IntOrString"));
  api::Value int_or_string = at(core, {"components", "schemas", "io.k8s.apimachinery.pkg.util.intstr.IntOrString"});
  EXPECT_EQ(at(int_or_string, {"x-kubernetes-int-or-string"}), api::Value::boolean(true));
  EXPECT_EQ(at(int_or_string, {"format"}), text("int-or-string"));
  api::Value limits = property(core, "io.k8s.api.core.v1.ResourceRequirements", "limits");
  EXPECT_EQ(at(limits, {"type"}), text("object"));
  EXPECT_EQ(at(limits, {"additionalProperties", "allOf"}).as_array()[0],
            ref("io.k8s.apimachinery.pkg.api.resource.Quantity"));
  EXPECT_TRUE(at(core, {"components", "schemas", "io.k8s.apimachinery.pkg.api.resource.Quantity", "oneOf"}).is_array());
  api::Value protocol = property(core, "io.k8s.api.core.v1.ServicePort", "protocol");
  EXPECT_EQ(at(protocol, {"default"}), text("TCP"));
  EXPECT_EQ(strings(at(protocol, {"enum"})), (std::vector<std::string>{"TCP", "UDP", "SCTP"}));
  EXPECT_EQ(at(property(core, "io.k8s.api.core.v1.PodSpec", "terminationGracePeriodSeconds"), {"default"}),
            api::Value::integer(30));
  EXPECT_EQ(strings(at(core, {"components", "schemas", "io.k8s.api.core.v1.PodSpec", "required"})),
            std::vector<std::string>{"containers"});
}

TEST(OpenApiDocuments, DeploymentPatchListsFieldValidation) {
  api::Value patch =
      at(parsed("apis/apps/v1"), {"paths", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "patch"});
  ASSERT_TRUE(patch.is_object());
  EXPECT_EQ(at(patch, {"x-kubernetes-group-version-kind", "kind"}), text("Deployment"));
  EXPECT_EQ(at(patch, {"x-kubernetes-action"}), text("patch"));
  std::set<std::string> query;
  api::Value parameters = at(patch, {"parameters"});
  for (const api::Value& p : parameters.as_array()) {
    if (at(p, {"in"}) == text("query")) query.insert(at(p, {"name"}).as_string());
  }
  EXPECT_EQ(query, (std::set<std::string>{"dryRun", "fieldManager", "fieldValidation", "force"}));
  std::set<std::string> types;
  api::Value content = at(patch, {"requestBody", "content"});
  for (const api::Value::Member& m : content.as_object()) types.insert(m.key);
  EXPECT_EQ(types, (std::set<std::string>{"application/json-patch+json", "application/merge-patch+json",
                                          "application/strategic-merge-patch+json", "application/apply-patch+yaml"}));
}

// kubectl checks the PATCH operations of a kind in no particular order, so
// every one of them must list fieldValidation.
TEST(OpenApiDocuments, EveryWriteOperationListsFieldValidation) {
  for (const OpenApiDocument& document : openapi_documents().group_versions) {
    api::Value paths = at(parsed(document.path), {"paths"});
    for (const api::Value::Member& path : paths.as_object()) {
      for (std::string_view method : {"patch", "put", "post"}) {
        const api::Value* operation = path.value.find(method);
        if (operation == nullptr) continue;
        bool found = false;
        api::Value parameters = at(*operation, {"parameters"});
        for (const api::Value& p : parameters.as_array()) {
          found = found || (at(p, {"name"}) == text("fieldValidation") && at(p, {"in"}) == text("query"));
        }
        EXPECT_TRUE(found) << method << " " << path.key;
      }
    }
  }
}

TEST(OpenApiDocuments, EachKindHasItsCollectionObjectAndAllNamespacesPaths) {
  api::Value apps = parsed("apis/apps/v1");
  api::Value collection = at(apps, {"paths", "/apis/apps/v1/namespaces/{namespace}/deployments"});
  EXPECT_EQ(at(collection, {"get", "x-kubernetes-action"}), text("list"));
  EXPECT_EQ(at(collection, {"post", "operationId"}), text("createAppsV1NamespacedDeployment"));
  api::Value one = at(apps, {"paths", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}"});
  for (std::string_view method : {"get", "put", "patch", "delete"}) EXPECT_TRUE(one.find(method) != nullptr) << method;
  EXPECT_EQ(at(apps, {"paths", "/apis/apps/v1/deployments", "get", "operationId"}),
            text("listAppsV1DeploymentForAllNamespaces"));
  api::Value core = parsed("api/v1");
  EXPECT_EQ(at(core, {"paths", "/api/v1/nodes/{name}", "get", "operationId"}), text("readCoreV1Node"));
  EXPECT_TRUE(at(core, {"paths", "/api/v1/namespaces/{namespace}/nodes"}).is_null());
  EXPECT_EQ(at(parsed("apis/rbac.authorization.k8s.io/v1"), {"paths", "/apis/rbac.authorization.k8s.io/v1/clusterroles",
                                                               "post", "tags"}),
            api::Value::array({text("rbacAuthorization_v1")}));
}

TEST(OpenApiDocuments, EveryRefResolvesInsideItsDocument) {
  const std::string prefix = "#/components/schemas/";
  for (const OpenApiDocument& document : openapi_documents().group_versions) {
    api::Value value = parsed(document.path);
    const api::Value* schemas = value.find("components")->find("schemas");
    int refs = 0;
    for_each_node(value, [&](const api::Value& node) {
      const api::Value* ref = node.find("$ref");
      if (ref == nullptr) return;
      ++refs;
      ASSERT_TRUE(ref->is_string());
      ASSERT_EQ(ref->as_string().rfind(prefix, 0), 0u) << ref->as_string();
      EXPECT_NE(schemas->find(ref->as_string().substr(prefix.size())), nullptr)
          << document.path << ": " << ref->as_string();
    });
    EXPECT_GT(refs, 10) << document.path;
  }
}

TEST(OpenApiDocuments, HashesAreStableAndChangeWithTheDocument) {
  EXPECT_EQ(sha256_hex("abc"), "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
  const OpenApiDocuments& served = openapi_documents();
  OpenApiDocuments again = build_openapi_documents(api::all_kinds());
  EXPECT_EQ(again.root.json, served.root.json);
  EXPECT_EQ(again.root.hash, sha256_hex(served.root.json));
  for (const OpenApiDocument& document : served.group_versions) {
    EXPECT_EQ(again.find(document.path)->hash, document.hash);
    EXPECT_EQ(document.hash, sha256_hex(document.json));
  }

  std::vector<api::KindInfo> fewer;
  for (const api::KindInfo& kind : api::all_kinds()) {
    if (kind.kind != "Deployment") fewer.push_back(kind);
  }
  OpenApiDocuments changed = build_openapi_documents(fewer);
  EXPECT_NE(changed.find("apis/apps/v1")->hash, served.find("apis/apps/v1")->hash);
  EXPECT_EQ(changed.find("api/v1")->hash, served.find("api/v1")->hash);
  EXPECT_NE(changed.root.hash, served.root.hash);
}

}  // namespace
}  // namespace herd::server::openapi
