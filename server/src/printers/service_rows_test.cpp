// Service, Endpoints, Ingress and NetworkPolicy rows as kubectl shows them.

#include <string>

#include <gtest/gtest.h>

#include "printers/printers_testing.hpp"

namespace herd::server::printers {
namespace {

// A Service "web" with `spec` (its body, indented by two) and `status`.
api::Value service(std::string_view spec, std::string_view status = "") {
  return table_of_yaml("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  creationTimestamp: " + ago(3 * 86400) +
                       "\nspec:\n" + std::string(spec) + std::string(status));
}

TEST(ServicePrinter, ClusterIpServiceShowsPortsAndNoExternalIp) {
  api::Value t = service(
      "  clusterIP: 10.96.0.12\n  clusterIPs: [10.96.0.12]\n  selector: {app: web}\n"
      "  ports:\n  - {name: http, port: 80, targetPort: 8080}\n  - {name: https, port: 443, protocol: TCP}\n");
  // NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR
  EXPECT_EQ(cells_json(t), R"(["web","ClusterIP","10.96.0.12","<none>","80/TCP,443/TCP","3d","app=web"])");
}

TEST(ServicePrinter, NodePortsFollowTheirPort) {
  api::Value t = service(
      "  type: NodePort\n  clusterIP: 10.96.0.13\n  externalIPs: [192.0.2.10]\n"
      "  ports:\n  - {name: http, port: 80}\n  - {name: https, port: 443, nodePort: 30443}\n  - {name: dns, port: 53, "
      "protocol: UDP, nodePort: 30053}\n");
  EXPECT_EQ(text_cell(t, "Port(s)"), "80/TCP,443:30443/TCP,53:30053/UDP");
  EXPECT_EQ(text_cell(t, "External-IP"), "192.0.2.10");
  EXPECT_EQ(text_cell(t, "Cluster-IP"), "10.96.0.13");  // from clusterIP when clusterIPs is unset
  EXPECT_EQ(text_cell(t, "Selector"), "<none>");
}

TEST(ServicePrinter, LoadBalancerIsPendingUntilItHasAnAddress) {
  std::string spec = "  type: LoadBalancer\n  ports:\n  - {port: 80, nodePort: 31080}\n";
  EXPECT_EQ(text_cell(service(spec), "External-IP"), "<pending>");
  EXPECT_EQ(text_cell(service(spec), "Cluster-IP"), "<none>");
  std::string status =
      "status:\n  loadBalancer:\n    ingress:\n    - {hostname: lb.example.com}\n    - {ip: 203.0.113.7}\n";
  EXPECT_EQ(text_cell(service(spec, status), "External-IP"), "203.0.113.7,lb.example.com");
  EXPECT_EQ(text_cell(service(spec + "  externalIPs: [192.0.2.10]\n", status), "External-IP"),
            "203.0.113.7,lb.example.com,192.0.2.10");
}

TEST(ServicePrinter, ExternalNameAndHeadlessServices) {
  api::Value t = service("  type: ExternalName\n  externalName: db.example.com\n");
  EXPECT_EQ(text_cell(t, "External-IP"), "db.example.com");
  EXPECT_EQ(text_cell(t, "Port(s)"), "<none>");
  t = service("  clusterIP: None\n  selector: {app: db}\n  ports:\n  - {port: 5432}\n");
  EXPECT_EQ(text_cell(t, "Cluster-IP"), "None");
}

api::Value endpoints(std::string_view subsets) {
  return table_of_yaml("apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: web\n" + std::string(subsets));
}

TEST(ServicePrinter, EndpointsListTheFirstThreeAddressPorts) {
  EXPECT_EQ(text_cell(endpoints(""), "Endpoints"), "<none>");
  EXPECT_EQ(text_cell(endpoints("subsets:\n- addresses: [{ip: 10.244.0.5}, {ip: 10.244.1.6}]\n"
                                "  ports: [{port: 8080}]\n"),
                      "Endpoints"),
            "10.244.0.5:8080,10.244.1.6:8080");
  EXPECT_EQ(text_cell(endpoints("subsets:\n- addresses: [{ip: 10.244.0.5}, {ip: 10.244.1.6}]\n"
                                "  ports: [{name: http, port: 80}, {name: https, port: 443}]\n"),
                      "Endpoints"),
            "10.244.0.5:80,10.244.1.6:80,10.244.0.5:443 + 1 more...");
  EXPECT_EQ(text_cell(endpoints("subsets:\n- addresses: [{ip: 'fd00::5'}]\n  ports: [{port: 53, protocol: UDP}]\n"),
                      "Endpoints"),
            "[fd00::5]:53");
  EXPECT_EQ(text_cell(endpoints("subsets:\n- addresses: [{ip: 10.244.0.5}]\n"), "Endpoints"), "10.244.0.5");
}

api::Value ingress(std::string_view spec, std::string_view status = "") {
  return table_of_yaml("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\nspec:\n" +
                       std::string(spec) + std::string(status));
}

constexpr std::string_view kBackend =
    "    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n"
    "          service: {name: web, port: {number: 80}}\n";

TEST(IngressPrinter, ShowsClassHostsAddressAndPorts) {
  std::string rules =
      "  ingressClassName: nginx\n  tls:\n  - {hosts: [shop.example.com], secretName: shop-tls}\n"
      "  rules:\n  - host: shop.example.com\n" +
      std::string(kBackend) + "  - host: api.example.com\n" + std::string(kBackend);
  api::Value t = ingress(rules, "status:\n  loadBalancer:\n    ingress: [{ip: 198.51.100.4}]\n");
  EXPECT_EQ(text_cell(t, "Class"), "nginx");
  EXPECT_EQ(text_cell(t, "Hosts"), "shop.example.com,api.example.com");
  EXPECT_EQ(text_cell(t, "Address"), "198.51.100.4");
  EXPECT_EQ(text_cell(t, "Ports"), "80, 443");
}

TEST(IngressPrinter, DefaultsForAnIngressWithoutHostsOrClass) {
  api::Value t = ingress("  defaultBackend:\n    service: {name: web, port: {number: 80}}\n");
  EXPECT_EQ(text_cell(t, "Class"), "<none>");
  EXPECT_EQ(text_cell(t, "Hosts"), "*");
  EXPECT_EQ(text_cell(t, "Address"), "");
  EXPECT_EQ(text_cell(t, "Ports"), "80");
  std::string many = "  rules:\n";
  for (const char* host : {"a.example.com", "b.example.com", "c.example.com", "d.example.com", "e.example.com"}) {
    many += "  - host: " + std::string(host) + "\n" + std::string(kBackend);
  }
  EXPECT_EQ(text_cell(ingress(many), "Hosts"), "a.example.com,b.example.com,c.example.com + 2 more...");
}

TEST(NetworkPolicyPrinter, PodSelectorOrNoneForAllPods) {
  auto selector = [](std::string_view pod_selector) {
    return text_cell(table_of_yaml("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n"
                                   "  name: deny\nspec:\n  podSelector: " +
                                   std::string(pod_selector) + "\n"),
                     "Pod-Selector");
  };
  EXPECT_EQ(selector("{}"), "<none>");
  EXPECT_EQ(selector("{matchLabels: {role: db}, matchExpressions: [{key: env, operator: NotIn, values: [dev]}]}"),
            "env notin (dev),role=db");
}

}  // namespace
}  // namespace herd::server::printers
