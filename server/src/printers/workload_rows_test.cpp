// Deployment, ReplicaSet and ReplicationController rows as kubectl shows them.

#include <string>

#include <gtest/gtest.h>

#include "printers/printers_testing.hpp"

namespace herd::server::printers {
namespace {

using testing::ago;
using testing::int_cell;
using testing::table_of;
using testing::text_cell;

// spec.template with two containers and `labels` (a YAML flow map).
std::string pod_template(std::string_view labels) {
  return "  template:\n"
         "    metadata: {labels: " + std::string(labels) + "}\n"
         "    spec:\n"
         "      containers:\n"
         "      - {name: app, image: nginx:1.27}\n"
         "      - {name: proxy, image: envoy:v1.31}\n";
}

TEST(WorkloadPrinter, DeploymentShowsReadyOfDesiredUpToDateAndAvailable) {
  api::Object d = testing::object(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  creationTimestamp: " + ago(3 * 3600) +
      "\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n" + pod_template("{app: web}") +
      "status: {replicas: 3, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2}\n");
  api::Value t = table_of(d);
  EXPECT_EQ(text_cell(t, "Name"), "web");
  EXPECT_EQ(text_cell(t, "Ready"), "2/3");
  EXPECT_EQ(int_cell(t, "Up-to-date"), 1);
  EXPECT_EQ(int_cell(t, "Available"), 2);
  EXPECT_EQ(text_cell(t, "Age"), "3h");
  EXPECT_EQ(text_cell(t, "Containers"), "app,proxy");
  EXPECT_EQ(text_cell(t, "Images"), "nginx:1.27,envoy:v1.31");
  EXPECT_EQ(text_cell(t, "Selector"), "app=web");
}

TEST(WorkloadPrinter, DeploymentWithoutStatusIsZeroOfDefaultReplicas) {
  api::Object d = testing::object("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
                                  "  selector:\n    matchExpressions:\n    - {key: tier, operator: In, values: [web, api]}\n" +
                                  pod_template("{app: web, tier: web}"));
  api::Value t = table_of(d);
  EXPECT_EQ(text_cell(t, "Ready"), "0/1");
  EXPECT_EQ(int_cell(t, "Up-to-date"), 0);
  EXPECT_EQ(text_cell(t, "Age"), "<unknown>");
  EXPECT_EQ(text_cell(t, "Selector"), "tier in (api,web)");
}

TEST(WorkloadPrinter, ReplicaSetShowsDesiredCurrentReadyAsIntegers) {
  api::Object rs = testing::object(
      "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web-5d4f8\n  creationTimestamp: " + ago(45) +
      "\nspec:\n  replicas: 4\n  selector: {matchLabels: {app: web, pod-template-hash: 5d4f8}}\n" +
      pod_template("{app: web, pod-template-hash: 5d4f8}") +
      "status: {replicas: 3, readyReplicas: 1}\n");
  api::Value t = table_of(rs);
  EXPECT_EQ(int_cell(t, "Desired"), 4);
  EXPECT_EQ(int_cell(t, "Current"), 3);
  EXPECT_EQ(int_cell(t, "Ready"), 1);
  EXPECT_EQ(text_cell(t, "Age"), "45s");
  EXPECT_EQ(text_cell(t, "Selector"), "app=web,pod-template-hash=5d4f8");
}

TEST(WorkloadPrinter, ReplicationControllerSelectorIsItsLabelMap) {
  api::Object rc = testing::object("apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: legacy\nspec:\n"
                                   "  replicas: 2\n  selector: {app: web, tier: front}\n" +
                                   pod_template("{app: web, tier: front}") +
                                   "status: {replicas: 2, readyReplicas: 2}\n");
  api::Value t = table_of(rc);
  EXPECT_EQ(int_cell(t, "Desired"), 2);
  EXPECT_EQ(int_cell(t, "Current"), 2);
  EXPECT_EQ(int_cell(t, "Ready"), 2);
  EXPECT_EQ(text_cell(t, "Containers"), "app,proxy");
  EXPECT_EQ(text_cell(t, "Selector"), "app=web,tier=front");
}

}  // namespace
}  // namespace herd::server::printers
