// Deployment, ReplicaSet and ReplicationController rows as kubectl shows them.

#include <string>

#include <gtest/gtest.h>

#include "printers/printers_testing.hpp"

namespace herd::server::printers {
namespace {

// spec.template with two containers and `labels` (a YAML flow map).
std::string pod_template(std::string_view labels) {
  return "  template:\n"
         "    metadata: {labels: " +
         std::string(labels) +
         "}\n"
         "    spec:\n"
         "      containers:\n"
         "      - {name: app, image: nginx:1.27}\n"
         "      - {name: proxy, image: envoy:v1.31}\n";
}

TEST(WorkloadPrinter, DeploymentShowsReadyOfDesiredUpToDateAndAvailable) {
  api::Value t = table_of_yaml(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  creationTimestamp: " + ago(3 * 3600) +
      "\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n" + pod_template("{app: web}") +
      "status: {replicas: 3, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2}\n");
  // NAME READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR
  EXPECT_EQ(cells_json(t), R"(["web","2/3",1,2,"3h","app,proxy","nginx:1.27,envoy:v1.31","app=web"])");
}

TEST(WorkloadPrinter, DeploymentWithoutStatusIsZeroOfDefaultReplicas) {
  api::Value t = table_of_yaml(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
      "  selector:\n    matchExpressions:\n    - {key: tier, operator: In, values: [web, api]}\n" +
      pod_template("{app: web, tier: web}"));
  EXPECT_EQ(text_cell(t, "Ready"), "0/1");
  EXPECT_EQ(int_cell(t, "Up-to-date"), 0);
  EXPECT_EQ(text_cell(t, "Age"), "<unknown>");
  EXPECT_EQ(text_cell(t, "Selector"), "tier in (api,web)");
}

TEST(WorkloadPrinter, ReplicaSetShowsDesiredCurrentReadyAsIntegers) {
  api::Value t = table_of_yaml(
      "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web-5d4f8\n  creationTimestamp: " + ago(45) +
      "\nspec:\n  replicas: 4\n  selector: {matchLabels: {app: web, pod-template-hash: 5d4f8}}\n" +
      pod_template("{app: web, pod-template-hash: 5d4f8}") + "status: {replicas: 3, readyReplicas: 1}\n");
  // NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR
  EXPECT_EQ(cells_json(t),
            R"(["web-5d4f8",4,3,1,"45s","app,proxy","nginx:1.27,envoy:v1.31","app=web,pod-template-hash=5d4f8"])");
}

TEST(WorkloadPrinter, ReplicationControllerSelectorIsItsLabelMap) {
  api::Value t = table_of_yaml(
      "apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: legacy\nspec:\n"
      "  replicas: 2\n  selector: {app: web, tier: front}\n" +
      pod_template("{app: web, tier: front}") + "status: {replicas: 2, readyReplicas: 2}\n");
  EXPECT_EQ(cells_json(t), R"(["legacy",2,2,2,"<unknown>","app,proxy","nginx:1.27,envoy:v1.31","app=web,tier=front"])");
}

}  // namespace
}  // namespace herd::server::printers
