// Cluster-wide behaviour through real actors on simulated nodes: a Service's
// Endpoints follow the ready pods, deleting a namespace deletes what is in
// it, and a node that stops heartbeating goes NotReady and loses its pods to
// healthy nodes.

#include <gtest/gtest.h>

#include <set>

#include "scenarios/scenario_helpers.hpp"
#include "scenarios/scenario_logs.hpp"

namespace herd::actors::scenarios {
namespace {

using std::chrono::seconds;

constexpr const char* kSiseService = R"(
apiVersion: v1
kind: Service
metadata:
  name: sise
spec:
  selector:
    app: sise
  ports:
  - port: 80
    targetPort: 9876
)";

// The ready and not-ready IPs of Endpoints `name` in `ns`.
struct EndpointIps {
  std::set<std::string> ready, not_ready;
  std::set<int32_t> ports;
};

std::optional<EndpointIps> endpoint_ips(const ControlPlane& plane, const std::string& ns, const std::string& name) {
  auto ep = get_as<api::Endpoints>(plane, "Endpoints", ns, name);
  if (!ep) return std::nullopt;
  EndpointIps out;
  for (const api::EndpointSubset& s : ep->subsets) {
    for (const api::EndpointAddress& a : s.addresses) out.ready.insert(a.ip);
    for (const api::EndpointAddress& a : s.not_ready_addresses) out.not_ready.insert(a.ip);
    for (const api::EndpointPort& p : s.ports) out.ports.insert(p.port);
  }
  return out;
}

std::set<std::string> ready_pod_ips(const ControlPlane& plane, const std::string& ns, const std::string& owner_uid) {
  std::set<std::string> ips;
  for (const api::Pod& p : pods_owned_by(plane, ns, owner_uid)) {
    if (running_and_ready(p)) ips.insert(p.status.pod_ip);
  }
  return ips;
}

TEST_P(ClusterScenarioSimulated, ServiceEndpointsFollowTheReadyPods) {
  start(log(), 2);
  apply_file(kSeedRcex);
  apply_yaml(kSiseService);
  const std::string rc_uid = uid_of(plane(), "ReplicationController", "default", "rcex");
  ASSERT_TRUE(change_object<api::ReplicationController>(plane(), "ReplicationController", "default", "rcex",
                                                       [](api::ReplicationController& rc) { rc.spec.replicas = 3; })
                  .ok());
  ASSERT_TRUE(advance_until(
      [&] {
        std::optional<EndpointIps> ep = endpoint_ips(plane(), "default", "sise");
        return ep && ep->ready.size() == 3 && ep->ready == ready_pod_ips(plane(), "default", rc_uid);
      },
      seconds(30)));
  EXPECT_EQ(endpoint_ips(plane(), "default", "sise")->ports, std::set<int32_t>{9876});

  ASSERT_TRUE(change_object<api::ReplicationController>(plane(), "ReplicationController", "default", "rcex",
                                                       [](api::ReplicationController& rc) { rc.spec.replicas = 1; })
                  .ok());
  ASSERT_TRUE(advance_until(
      [&] {
        std::optional<EndpointIps> ep = endpoint_ips(plane(), "default", "sise");
        return ep && ep->ready.size() == 1 && ep->ready == ready_pod_ips(plane(), "default", rc_uid) &&
               pods_owned_by(plane(), "default", rc_uid).size() == 1;
      },
      seconds(30)));

  // A pod whose readiness never passes is listed as not ready.
  apply_yaml(R"(
apiVersion: v1
kind: Service
metadata:
  name: probe
spec:
  selector: {role: probe}
  ports: [{port: 8080}]
)");
  apply_yaml(R"(
apiVersion: v1
kind: Pod
metadata:
  name: never-ready
  labels: {role: probe}
  annotations: {sim.herd.io/ready: "false"}
spec:
  containers: [{name: c, image: busybox}]
)");
  ASSERT_TRUE(advance_until(
      [&] {
        auto pod = get_as<api::Pod>(plane(), "Pod", "default", "never-ready");
        return pod && pod->status.phase == "Running";
      },
      seconds(30)));
  const std::string ip = get_as<api::Pod>(plane(), "Pod", "default", "never-ready")->status.pod_ip;
  std::optional<EndpointIps> probe = endpoint_ips(plane(), "default", "probe");
  ASSERT_TRUE(probe);
  EXPECT_TRUE(probe->ready.empty());
  EXPECT_EQ(probe->not_ready, std::set<std::string>{ip});

  ASSERT_TRUE(plane().remove("Service", "default", "sise", DeletePropagation::kBackground, "user:test").ok());
  ASSERT_TRUE(advance_until([&] { return !plane().get("Endpoints", "default", "sise"); }, seconds(10)))
      << "the Endpoints of a deleted Service stay";
  expect_replay_matches(log());
}

api::Object decode_one(const std::string& yaml) {
  api::Manifest m = api::decode_manifest(yaml, api::DecodeOptions{"scenario.yaml", true});
  EXPECT_EQ(m.objects.size(), 1u);
  return m.objects.empty() ? api::Object{} : m.objects[0].object;
}

bool all_running(const ControlPlane& plane, const std::string& ns, std::size_t n) {
  std::vector<api::Pod> pods = list_as<api::Pod>(plane, "Pod", ns);
  return pods.size() == n && std::all_of(pods.begin(), pods.end(), running_and_ready);
}

TEST_P(ClusterScenarioSimulated, DeletingANamespaceDeletesEverythingInIt) {
  start(log(), 2);
  apply_yaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n");
  std::vector<api::Object> sise = read_file(kSeedSise);
  api::meta(sise.at(0)).namespace_ = "team";
  ASSERT_TRUE(plane().create(sise.at(0), "user:test").ok());
  api::Object svc = decode_one(kSiseService);
  api::meta(svc).namespace_ = "team";
  ASSERT_TRUE(plane().create(svc, "user:test").ok());
  apply_yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: team\ndata: {a: b}\n");
  ASSERT_TRUE(advance_until([&] { return all_running(plane(), "team", 2); }, seconds(30)));
  ASSERT_TRUE(plane().get("Endpoints", "team", "sise"));

  ASSERT_TRUE(plane().remove("Namespace", "", "team", DeletePropagation::kBackground, "user:test").ok());
  settle();
  if (auto ns = get_as<api::Namespace>(plane(), "Namespace", "", "team")) {
    EXPECT_EQ(ns->status.phase, "Terminating");
    Result<ObjectView> late = plane().create(
        decode_one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: late\n  namespace: team\n"), "user:test");
    EXPECT_FALSE(late.ok()) << "created in a terminating namespace";
  }
  ASSERT_TRUE(advance_until([&] { return !plane().get("Namespace", "", "team"); }, seconds(60)));
  for (const auto& [kind, n] : plane().count_by_kind()) {
    EXPECT_TRUE(plane().list(kind, "team").empty()) << kind << " left in the deleted namespace";
  }
  EXPECT_TRUE(plane().get("Namespace", "", "default"));
  expect_replay_matches(log());
}

// sim-node-1 stops heartbeating: the plane restarts with sim-node-0 only
// (the Node object of sim-node-1 stays, nobody posts its status).
TEST_P(ClusterScenarioSimulated, PodsOfANodeThatStopsHeartbeatingAreReplacedElsewhere) {
  start(log(), 2);
  std::vector<api::Object> sise = read_file(kSeedSise);
  std::get<api::Deployment>(sise.at(0)).spec.replicas = 4;
  ASSERT_TRUE(plane().create(sise.at(0), "user:test").ok());
  ASSERT_TRUE(advance_until([&] { return all_running(plane(), "default", 4); }, seconds(30)));
  std::set<std::string> on_node_1;
  for (const api::Pod& p : list_as<api::Pod>(plane(), "Pod", "default")) {
    if (p.spec.node_name == "sim-node-1") on_node_1.insert(p.metadata.name);
  }
  ASSERT_FALSE(on_node_1.empty()) << "the scheduler spreads the replicas over both nodes";

  restart(1);
  auto node_ready = [&](const std::string& name) {
    auto node = get_as<api::Node>(plane(), "Node", "", name);
    const api::NodeCondition* ready = node ? find_condition(node->status.conditions, "Ready") : nullptr;
    return ready ? ready->status : std::string("none");
  };
  ASSERT_TRUE(advance_until([&] { return node_ready("sim-node-1") == "Unknown"; }, seconds(60), seconds(5)));
  EXPECT_EQ(node_ready("sim-node-0"), "True");
  auto node1 = get_as<api::Node>(plane(), "Node", "", "sim-node-1");
  std::set<std::string> taints;
  for (const api::Taint& t : node1->spec.taints) taints.insert(t.key + ":" + t.effect);
  EXPECT_TRUE(taints.count("node.kubernetes.io/unreachable:NoSchedule"));
  EXPECT_TRUE(taints.count("node.kubernetes.io/unreachable:NoExecute"));
  // Not evicted before the 300 s toleration is over.
  advance(seconds(240), seconds(10));
  for (const std::string& name : on_node_1) {
    auto p = get_as<api::Pod>(plane(), "Pod", "default", name);
    ASSERT_TRUE(p) << name;
    EXPECT_FALSE(terminating(*p)) << name << " evicted early";
  }
  ASSERT_TRUE(advance_until(
      [&] {
        int live_on_0 = 0;
        for (const api::Pod& p : list_as<api::Pod>(plane(), "Pod", "default")) {
          if (running_and_ready(p) && p.spec.node_name == "sim-node-0") ++live_on_0;
        }
        return live_on_0 == 4;
      },
      seconds(120), seconds(5)));
  for (const std::string& name : on_node_1) {
    auto p = get_as<api::Pod>(plane(), "Pod", "default", name);
    EXPECT_TRUE(!p || terminating(*p)) << name << " was not evicted";
  }
  auto d = get_as<api::Deployment>(plane(), "Deployment", "default", "sise-deploy");
  EXPECT_EQ(d->status.available_replicas, 4);
  expect_replay_matches(log());
}

}  // namespace
}  // namespace herd::actors::scenarios
