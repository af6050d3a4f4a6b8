#include "patch/strategic_merge_patch.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "herd/api/pod.hpp"
#include "herd/api/workloads.hpp"
#include "patch/patch_test_json.hpp"

namespace herd::server::patch {
namespace {

using testing::compact;
using testing::json;

const api::TypeInfo& deployment() { return api::type_info_of<api::Deployment>(); }
const api::TypeInfo& pod() { return api::type_info_of<api::Pod>(); }

// `patch` applied to `target`, as compact JSON.
std::string patched(std::string_view target, std::string_view patch,
                    const api::TypeInfo& type = pod()) {
  Result<api::Value> result = apply_strategic_merge_patch(json(target), json(patch), type);
  EXPECT_TRUE(result.ok()) << result.status().to_string();
  return result.ok() ? api::to_json(*result) : "";
}

// The kInvalidArgument message of applying `patch` to `target`.
std::string error(std::string_view target, std::string_view patch,
                  const api::TypeInfo& type = pod()) {
  Result<api::Value> result = apply_strategic_merge_patch(json(target), json(patch), type);
  EXPECT_FALSE(result.ok()) << "no error; result " << (result.ok() ? api::to_json(*result) : "");
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << result.status().to_string();
  return result.status().message();
}

// The live Deployment the kubectl tests patch: the manifest kubectl applied
// (nginx:1.26) plus what the server filled in.
constexpr std::string_view kLiveDeployment = R"({
  "apiVersion":"apps/v1","kind":"Deployment",
  "metadata":{"name":"web","namespace":"default","uid":"5d1f","generation":1,
    "annotations":{"deployment.kubernetes.io/revision":"1",
      "kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"env\":[{\"name\":\"MODE\",\"value\":\"prod\"},{\"name\":\"DEBUG\",\"value\":\"1\"}],\"image\":\"nginx:1.26\",\"name\":\"web\",\"ports\":[{\"containerPort\":80}]}]}}}}\n"}},
  "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
    "template":{"metadata":{"labels":{"app":"web"}},
      "spec":{"containers":[{"name":"web","image":"nginx:1.26",
        "env":[{"name":"MODE","value":"prod"},{"name":"DEBUG","value":"1"}],
        "ports":[{"containerPort":80,"protocol":"TCP"}],
        "imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log"}],
        "restartPolicy":"Always","dnsPolicy":"ClusterFirst"}},
    "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}}}})";

// What kubectl 1.32 `apply` sends after the manifest's image changes to
// nginx:1.27: Go's sorted keys, $setElementOrder for the merged list, and the
// new last-applied-configuration.
TEST(StrategicMergePatchTest, KubectlApplyChangesTheImage) {
  std::string result = patched(kLiveDeployment, R"({
    "metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"env\":[{\"name\":\"MODE\",\"value\":\"prod\"},{\"name\":\"DEBUG\",\"value\":\"1\"}],\"image\":\"nginx:1.27\",\"name\":\"web\",\"ports\":[{\"containerPort\":80}]}]}}}}\n"}},
    "spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],
      "containers":[{"image":"nginx:1.27","name":"web"}]}}}})",
                               deployment());
  std::string want(kLiveDeployment);
  for (std::size_t at; (at = want.find("nginx:1.26")) != std::string::npos;) {
    want.replace(at, 10, "nginx:1.27");  // in the annotation and in the spec
  }
  EXPECT_EQ(result, compact(want));
}

// kubectl apply after DEBUG left the manifest: a delete directive for the
// element and the order of what stays (the spec part of the patch; the
// annotation changes as in the test above).
TEST(StrategicMergePatchTest, KubectlApplyRemovesAnEnvVar) {
  std::string want(kLiveDeployment);
  std::string_view debug = R"(,{"name":"DEBUG","value":"1"})";  // the spec's, not the annotation's
  want.erase(want.find(debug), debug.size());
  EXPECT_EQ(patched(kLiveDeployment, R"({"spec":{"template":{"spec":{
      "$setElementOrder/containers":[{"name":"web"}],
      "containers":[{"$setElementOrder/env":[{"name":"MODE"}],"env":[{"$patch":"delete","name":"DEBUG"}],
                     "name":"web"}]}}}})",
                    deployment()),
            compact(want));
}

// `kubectl scale`'s body is a merge patch; as a strategic one it means the same.
TEST(StrategicMergePatchTest, ScaleChangesOnlyReplicas) {
  std::string want(kLiveDeployment);
  want.replace(want.find("\"replicas\":2,\"selector\":{\"matchLabels\""), 12, "\"replicas\":3");
  EXPECT_EQ(patched(kLiveDeployment, R"({"spec":{"replicas":3}})", deployment()), compact(want));
}

TEST(StrategicMergePatchTest, PortsMergeByContainerPort) {
  std::string_view live = R"({"spec":{"containers":[{"name":"web","ports":[
      {"containerPort":80,"protocol":"TCP"},{"containerPort":9090,"name":"metrics"}]}]}})";
  EXPECT_EQ(patched(live, R"({"spec":{"containers":[{"name":"web",
      "$setElementOrder/ports":[{"containerPort":80},{"containerPort":443},{"containerPort":9090}],
      "ports":[{"containerPort":80,"name":"http"},{"containerPort":443,"name":"https"}]}]}})"),
            compact(R"({"spec":{"containers":[{"name":"web","ports":[
      {"containerPort":80,"protocol":"TCP","name":"http"},{"containerPort":443,"name":"https"},
      {"containerPort":9090,"name":"metrics"}]}]}})"));
}

TEST(StrategicMergePatchTest, FinalizersMergeAsASet) {
  std::string_view live = R"({"metadata":{"finalizers":["example.com/a","example.com/b"]}})";
  EXPECT_EQ(
      patched(live, R"({"metadata":{"finalizers":["example.com/b","example.com/c"]}})"),
      compact(R"({"metadata":{"finalizers":["example.com/a","example.com/b","example.com/c"]}})"));
  EXPECT_EQ(patched(live, R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["example.com/a"],
                                          "$setElementOrder/finalizers":["example.com/c","example.com/b"],
                                          "finalizers":["example.com/c"]}})"),
            compact(R"({"metadata":{"finalizers":["example.com/c","example.com/b"]}})"));
}

// kubectl apply after a volume's source changed from emptyDir to configMap:
// Volume is a union, so the patch carries $retainKeys.
TEST(StrategicMergePatchTest, RetainKeysSwitchesAVolumeSource) {
  std::string_view live = R"({"spec":{"volumes":[{"name":"cache","emptyDir":{}},
                                                  {"name":"data","emptyDir":{"medium":"Memory"}}]}})";
  EXPECT_EQ(patched(live, R"({"spec":{"$setElementOrder/volumes":[{"name":"cache"},{"name":"data"}],
      "volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"settings"},"emptyDir":null,
                  "name":"data"}]}})"),
            compact(R"({"spec":{"volumes":[{"name":"cache","emptyDir":{}},
                                           {"name":"data","configMap":{"name":"settings"}}]}})"));
}

TEST(StrategicMergePatchTest, RetainKeysOnTheDeploymentStrategy) {
  EXPECT_EQ(
      patched(R"({"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}})",
              R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}})", deployment()),
      compact(R"({"spec":{"strategy":{"type":"Recreate"}}})"));
}

// A status update as the kubelet sends it: conditions merge by type, host
// IPs by ip.
TEST(StrategicMergePatchTest, PodStatusListsMergeByTheirKeys) {
  EXPECT_EQ(patched(R"({"status":{"phase":"Pending","hostIPs":[{"ip":"10.0.0.5"}],
                                 "conditions":[{"type":"PodScheduled","status":"True"},
                                               {"type":"Ready","status":"False"}]}})",
                    R"({"status":{"$setElementOrder/conditions":[{"type":"PodScheduled"},{"type":"Ready"}],
                                 "conditions":[{"type":"Ready","status":"True"}],
                                 "hostIPs":[{"ip":"fd00::5"}],"phase":"Running"}})"),
            compact(R"({"status":{"phase":"Running","hostIPs":[{"ip":"fd00::5"},{"ip":"10.0.0.5"}],
                                 "conditions":[{"type":"PodScheduled","status":"True"},
                                               {"type":"Ready","status":"True"}]}})"));
}

TEST(StrategicMergePatchTest, MapsMergeAndNullDeletes) {
  EXPECT_EQ(
      patched(
          R"({"metadata":{"labels":{"app":"web","tier":"front"}},"spec":{"nodeSelector":{"a":"b"}}})",
          R"({"metadata":{"labels":{"tier":null,"track":"canary"}},"spec":{"nodeSelector":null}})"),
      compact(R"({"metadata":{"labels":{"app":"web","track":"canary"}},"spec":{}})"));
}

TEST(StrategicMergePatchTest, AtomicListsAndUnknownFieldsAreReplacedOrMergedPlainly) {
  EXPECT_EQ(
      patched(R"({"spec":{"containers":[{"name":"w","args":["a","b"]}],"tolerations":[{"key":"x"}],
                               "future":{"keep":1,"list":[1,2]}}})",
              R"({"spec":{"containers":[{"name":"w","args":["c"]}],"tolerations":[{"key":"y"}],
                               "future":{"list":[3],"new":{"a":null,"b":1}}}})"),
      compact(R"({"spec":{"containers":[{"name":"w","args":["c"]}],"tolerations":[{"key":"y"}],
                               "future":{"keep":1,"list":[3],"new":{"b":1}}}})"));
}

TEST(StrategicMergePatchTest, PatchDirectiveReplacesOrDeletesAnObject) {
  std::string_view live =
      R"({"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"securityContext":{"runAsUser":1}}})";
  EXPECT_EQ(patched(live, R"({"metadata":{"labels":{"$patch":"replace","c":"3"}},
                              "spec":{"securityContext":{"$patch":"delete"}}})"),
            compact(R"({"metadata":{"labels":{"c":"3"}},"spec":{"securityContext":{}}})"));
}

TEST(StrategicMergePatchTest, ReplaceDirectiveInAListReplacesIt) {
  EXPECT_EQ(patched(R"({"spec":{"containers":[{"name":"a","image":"x"},{"name":"b"}]}})",
                    R"({"spec":{"containers":[{"name":"c","image":"y"},{"$patch":"replace"}]}})"),
            compact(R"({"spec":{"containers":[{"name":"c","image":"y"}]}})"));
}

// As Kubernetes orders them (patch_test.go "preserve the order from the patch
// in a merging list 2"): the named elements in the patch's order, an unnamed
// one ahead of those it preceded; a new element with no order given first.
TEST(StrategicMergePatchTest, WithoutSetElementOrderTheOrderIsKubernetes) {
  EXPECT_EQ(patched(R"({"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}})",
                    R"({"spec":{"containers":[{"name":"a","image":"x"}]}})"),
            compact(R"({"spec":{"containers":[{"name":"a","image":"x"},{"name":"b"},{"name":"c"}]}})"));
  EXPECT_EQ(
      patched(R"({"spec":{"containers":[{"name":"1"},{"name":"2","image":"b"},{"name":"3"}]}})",
              R"({"spec":{"containers":[{"name":"3","image":"c"},{"name":"1","image":"a"}]}})"),
      compact(R"({"spec":{"containers":[{"name":"2","image":"b"},{"name":"3","image":"c"},
                                              {"name":"1","image":"a"}]}})"));
  EXPECT_EQ(
      patched(R"({"spec":{"containers":[{"name":"web"},{"name":"log"}]}})",
              R"({"spec":{"containers":[{"name":"sidecar"}]}})"),
      compact(R"({"spec":{"containers":[{"name":"sidecar"},{"name":"web"},{"name":"log"}]}})"));
  EXPECT_EQ(patched(R"({"metadata":{"finalizers":["1","2","3"]}})",
                    R"({"metadata":{"finalizers":["3","1"]}})"),
            compact(R"({"metadata":{"finalizers":["2","3","1"]}})"));
}

TEST(StrategicMergePatchTest, SetElementOrderReordersAndMayNameAbsentElements) {
  EXPECT_EQ(patched(R"({"spec":{"containers":[{"name":"b"},{"name":"a"}]}})",
                    R"({"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}]}})"),
            compact(R"({"spec":{"containers":[{"name":"a"},{"name":"b"}]}})"));
  EXPECT_EQ(
      patched(R"({"spec":{"containers":[{"name":"1"},{"name":"3"}]}})",
              R"({"spec":{"$setElementOrder/containers":[{"name":"3"},{"name":"2"},{"name":"1"}],
                               "containers":[{"name":"3","image":"c"},{"name":"1","image":"a"}]}})"),
      compact(R"({"spec":{"containers":[{"name":"3","image":"c"},{"name":"1","image":"a"}]}})"));
  // Elements the order does not name (added by someone else) come first.
  EXPECT_EQ(patched(R"({"spec":{"containers":[{"name":"a"},{"name":"injected"},{"name":"b"}]}})",
                    R"({"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}})"),
            compact(R"({"spec":{"containers":[{"name":"injected"},{"name":"b"},{"name":"a"}]}})"));
}

TEST(StrategicMergePatchTest, MalformedDirectivesAreRefusedWithTheirPath) {
  std::string_view live = R"({"spec":{"containers":[{"name":"web","args":["x"]}]}})";
  EXPECT_EQ(error(live, "[]"), "a strategic merge patch must be a JSON object, not array");
  EXPECT_EQ(error(live, R"({"spec":{"$frobnicate":1}})"),
            R"(spec: unknown directive "$frobnicate")");
  EXPECT_EQ(
      error(live, R"({"spec":{"securityContext":{"$patch":"merge"}}})"),
      R"(spec.securityContext: $patch in an object must be "replace" or "delete", not "merge")");
  EXPECT_EQ(
      error(live, R"({"spec":{"containers":[{"$patch":"merge"}]}})"),
      R"(spec.containers: element 0: want {"$patch": "delete", "name": ...} or {"$patch": "replace"}, not {"$patch":"merge"})");
  EXPECT_EQ(error(live, R"({"spec":{"containers":[{"image":"x"}]}})"),
            R"(spec.containers: element 0 has no "name", the key this list merges by)");
  EXPECT_EQ(error(live, R"({"metadata":{"finalizers":[{"a":1}]}})"),
            "metadata.finalizers: element 0 is an object; this list merges as a set of scalars");
  EXPECT_EQ(
      error(live, R"({"spec":{"containers":[{"name":"web","$setElementOrder/args":["x"]}]}})"),
      "spec.containers[name=web]: $setElementOrder/args: not a list that merges by key or as a "
      "set");
  EXPECT_EQ(
      error(live, R"({"spec":{"$deleteFromPrimitiveList/containers":[{"name":"web"}]}})"),
      R"(spec.containers: $deleteFromPrimitiveList is for lists of scalars; this one merges by "name")");
  EXPECT_EQ(
      error(live, R"({"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],
                                    "containers":[{"name":"b"},{"name":"a"}]}})"),
      "spec.containers: the patch lists a out of the order $setElementOrder gives, or not at all");
  EXPECT_EQ(
      error(live, R"({"spec":{"volumes":[{"name":"v","$retainKeys":["name"],"emptyDir":{}}]}})"),
      R"(spec.volumes[name=v]: the patch sets "emptyDir" but $retainKeys does not name it)");
  EXPECT_EQ(error(live, R"({"spec":{"$retainKeys":"containers"}})"),
            "spec: $retainKeys must be a list of field names");
}

}  // namespace
}  // namespace herd::server::patch
