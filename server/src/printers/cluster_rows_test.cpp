// Namespace, Node, Event, ConfigMap and Secret rows as kubectl shows them.

#include <string>

#include <gtest/gtest.h>

#include "printers/printers_testing.hpp"

namespace herd::server::printers {
namespace {

// A Node "node-1" with `labels` (a flow map), `spec` and `status` bodies.
api::Value node(std::string_view spec, std::string_view status, std::string_view labels = "{}") {
  return table_of_yaml("apiVersion: v1\nkind: Node\nmetadata:\n  name: node-1\n  labels: " + std::string(labels) +
                       "\n  creationTimestamp: " + ago(400 * 86400) + "\nspec:\n" + std::string(spec) + "status:\n" +
                       std::string(status));
}

TEST(NodePrinter, ReadyNodeWithItsVersionsAndAddresses) {
  api::Value t =
      node("  podCIDR: 10.244.0.0/24\n",
           "  conditions:\n  - {type: MemoryPressure, status: \"False\"}\n  - {type: Ready, status: \"True\"}\n"
           "  addresses:\n  - {type: Hostname, address: node-1}\n  - {type: InternalIP, address: 10.0.0.5}\n"
           "  nodeInfo: {kubeletVersion: v1.32.4, osImage: Debian GNU/Linux 12 (bookworm), "
           "kernelVersion: 6.1.0-28-amd64, containerRuntimeVersion: containerd://1.7.24}\n",
           "{node-role.kubernetes.io/control-plane: '', kubernetes.io/hostname: node-1}");
  // NAME STATUS ROLES AGE VERSION | INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME
  EXPECT_EQ(cells_json(t), R"(["node-1","Ready","control-plane","400d","v1.32.4","10.0.0.5","<none>",)"
                           R"x("Debian GNU/Linux 12 (bookworm)","6.1.0-28-amd64","containerd://1.7.24"])x");
}

TEST(NodePrinter, StatusAddsSchedulingDisabledWhenCordoned) {
  EXPECT_EQ(
      text_cell(node("  unschedulable: true\n", "  conditions:\n  - {type: Ready, status: \"True\"}\n"), "Status"),
      "Ready,SchedulingDisabled");
  EXPECT_EQ(text_cell(node("", "  conditions:\n  - {type: Ready, status: Unknown}\n"), "Status"), "NotReady");
  api::Value unknown = node("", "  phase: Running\n");
  EXPECT_EQ(text_cell(unknown, "Status"), "Unknown");
  EXPECT_EQ(text_cell(unknown, "Roles"), "<none>");
  EXPECT_EQ(text_cell(unknown, "OS-Image"), "<unknown>");
  EXPECT_EQ(text_cell(node("", "", "{kubernetes.io/role: worker, node-role.kubernetes.io/gpu: ''}"), "Roles"),
            "gpu,worker");
}

TEST(NamespacePrinter, ShowsItsPhase) {
  api::Value t = table_of_yaml(
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n"
      "  creationTimestamp: " +
      ago(5 * 3600 + 20 * 60) + "\n");
  EXPECT_EQ(text_cell(t, "Status"), "Active");  // the defaulted phase
  EXPECT_EQ(text_cell(t, "Age"), "5h20m");
}

// An Event about pod web's container app, with `fields` (top-level YAML).
api::Value event(std::string_view fields) {
  return table_of_yaml(
      "apiVersion: v1\nkind: Event\nmetadata:\n  name: web.17f3a\n  namespace: default\n"
      "involvedObject: {kind: Pod, name: web, namespace: default, fieldPath: 'spec.containers{app}'}\n"
      "reason: BackOff\ntype: Warning\nmessage: \"  Back-off restarting failed container app\\n\"\n" +
      std::string(fields));
}

TEST(EventPrinter, LegacyEventShowsTimesCountAndSource) {
  api::Value t = event("source: {component: kubelet, host: node-1}\ncount: 7\nfirstTimestamp: " + ago(3600) +
                       "\nlastTimestamp: " + ago(20) + "\n");
  // LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME (in column order)
  EXPECT_EQ(cells_json(t), R"(["20s","Warning","BackOff","pod/web","spec.containers{app}","kubelet, node-1",)"
                           R"("Back-off restarting failed container app","60m",7,"web.17f3a"])");
}

TEST(EventPrinter, NewStyleEventUsesEventTimeSeriesAndReportingFields) {
  api::Value t = event("eventTime: '" + ago(600) +
                       "'\naction: Restarting\nreportingComponent: kubelet\n"
                       "reportingInstance: node-2\n");
  EXPECT_EQ(text_cell(t, "First Seen"), "10m");
  EXPECT_EQ(text_cell(t, "Last Seen"), "10m");
  EXPECT_EQ(int_cell(t, "Count"), 1);
  EXPECT_EQ(text_cell(t, "Source"), "kubelet, node-2");
  t = event("eventTime: '" + ago(600) +
            "'\naction: Restarting\nreportingComponent: kubelet\nreportingInstance: n\n"
            "series: {count: 4, lastObservedTime: '" +
            ago(90) + "'}\n");
  EXPECT_EQ(text_cell(t, "Last Seen"), "90s");
  EXPECT_EQ(int_cell(t, "Count"), 4);
}

TEST(ConfigPrinter, SecretShowsTypeAndKeyCount) {
  // NAME TYPE DATA AGE
  EXPECT_EQ(cells_json(table_of_yaml("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n"
                                     "data: {user: YWRtaW4=, password: czNjcjN0}\nstringData: {host: db}\n")),
            R"(["db","Opaque",3,"<unknown>"])");
  EXPECT_EQ(cells_json(table_of_yaml("apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ntype: kubernetes.io/tls\n"
                                     "data: {tls.crt: Y2VydA==, tls.key: a2V5}\n")),
            R"(["tls","kubernetes.io/tls",2,"<unknown>"])");
}

TEST(ConfigPrinter, ConfigMapCountsTextAndBinaryKeys) {
  // NAME DATA AGE
  EXPECT_EQ(cells_json(table_of_yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                                     "data: {a: '1', b: '2'}\nbinaryData: {logo.png: iVBORw0K}\n")),
            R"(["settings",3,"<unknown>"])");
  EXPECT_EQ(cells_json(table_of_yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: empty\n")),
            R"(["empty",0,"<unknown>"])");
}

}  // namespace
}  // namespace herd::server::printers
