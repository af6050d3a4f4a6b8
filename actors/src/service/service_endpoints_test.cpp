#include "service/service_endpoints.hpp"

#include <gtest/gtest.h>

#include "actors/testing/store_builders.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;
using Op = Command::Op;

// Service default/web selecting app=web: port 80 -> container port "http".
api::Service web_service() {
  auto s = named<api::Service>("web");
  s.metadata.labels = {{"team", "a"}};
  s.spec.selector = {{"app", "web"}};
  s.spec.ports.push_back(api::ServicePort{"http", "TCP", "", 80, api::IntOrString::from_string("http"), 0});
  return s;
}

PodBuilder web_pod(std::string name, std::string ip) {
  PodBuilder b(std::move(name));
  b.label("app", "web").running("node-1", std::move(ip)).container_port("http", 8080);
  return b;
}

std::vector<std::string> ips(const std::vector<api::EndpointAddress>& addresses) {
  std::vector<std::string> out;
  for (const api::EndpointAddress& a : addresses) out.push_back(a.ip);
  return out;
}

TEST(ServiceEndpoints, ReadyPodsAreAddressesAndNotReadyOnesNotReadyAddresses) {
  std::vector<ObjectPtr> pods = {
      web_pod("b", "10.0.0.2").ready_since(1).build(),
      web_pod("a", "10.0.0.1").ready_since(1).build(),
      web_pod("starting", "10.0.0.3").not_ready().build(),
      web_pod("no-ip", "").ready_since(1).build(),
      web_pod("going", "10.0.0.4").ready_since(1).terminating().build(),
      web_pod("failed", "10.0.0.5").phase("Failed").build(),
      PodBuilder("db").label("app", "db").running("node-1", "10.0.0.6").ready_since(1).build(),
  };
  api::Endpoints e = desired_endpoints(web_service(), pods);
  ASSERT_EQ(e.subsets.size(), 1u);
  EXPECT_EQ(ips(e.subsets[0].addresses), (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
  EXPECT_EQ(ips(e.subsets[0].not_ready_addresses), (std::vector<std::string>{"10.0.0.3"}));
  const api::EndpointAddress& a = e.subsets[0].addresses[0];
  EXPECT_EQ(a.node_name, "node-1");
  EXPECT_EQ(a.target_ref, (api::ObjectReference{"Pod", "default", "a", "uid-a", "", "", ""}));
  // The named targetPort resolved to the container's port.
  EXPECT_EQ(e.subsets[0].ports, (std::vector<api::EndpointPort>{{"http", 8080, "TCP", ""}}));
}

TEST(ServiceEndpoints, EndpointsAreNamedLabelledAndOwnedByTheService) {
  api::Endpoints e = desired_endpoints(web_service(), {});
  EXPECT_EQ(e.kind, "Endpoints");
  EXPECT_EQ(e.metadata.name, "web");
  EXPECT_EQ(e.metadata.namespace_, "default");
  EXPECT_EQ(e.metadata.labels, (api::StringMap{{"team", "a"}}));
  EXPECT_EQ(e.metadata.owner_references,
            (std::vector<api::OwnerReference>{{"v1", "Service", "web", "uid-web", true, true}}));
  EXPECT_TRUE(e.subsets.empty());
}

TEST(ServiceEndpoints, PodsServingDifferentPortsGetTheirOwnSubsets) {
  api::Service s = web_service();
  s.spec.ports.push_back(api::ServicePort{"metrics", "TCP", "", 9090, api::IntOrString::from_int(9100), 0});
  std::vector<ObjectPtr> pods = {
      web_pod("a", "10.0.0.1").ready_since(1).build(),
      PodBuilder("old").label("app", "web").running("node-2", "10.0.0.9").ready_since(1).build(),  // no "http" port
  };
  api::Endpoints e = desired_endpoints(s, pods);
  ASSERT_EQ(e.subsets.size(), 2u);
  EXPECT_EQ(e.subsets[0].ports, (std::vector<api::EndpointPort>{{"http", 8080, "TCP", ""}, {"metrics", 9100, "TCP", ""}}));
  EXPECT_EQ(ips(e.subsets[0].addresses), (std::vector<std::string>{"10.0.0.1"}));
  EXPECT_EQ(e.subsets[1].ports, (std::vector<api::EndpointPort>{{"metrics", 9100, "TCP", ""}}));
  EXPECT_EQ(ips(e.subsets[1].addresses), (std::vector<std::string>{"10.0.0.9"}));
}

TEST(ServiceEndpoints, NamedPortMustMatchTheProtocol) {
  api::Service s = web_service();
  s.spec.ports[0].protocol = "UDP";
  EXPECT_TRUE(desired_endpoints(s, {web_pod("a", "10.0.0.1").ready_since(1).build()}).subsets.empty());
}

TEST(ServiceEndpoints, UnsetTargetPortIsThePort) {
  api::Service s = web_service();
  s.spec.ports[0].target_port.reset();
  api::Endpoints e = desired_endpoints(s, {web_pod("a", "10.0.0.1").ready_since(1).build()});
  ASSERT_EQ(e.subsets.size(), 1u);
  EXPECT_EQ(e.subsets[0].ports[0].port, 80);
}

TEST(ServiceEndpoints, PublishNotReadyAddressesListsEveryPodAsReady) {
  api::Service s = web_service();
  s.spec.publish_not_ready_addresses = true;
  api::Endpoints e = desired_endpoints(s, {web_pod("a", "10.0.0.1").not_ready().build(),
                                           web_pod("b", "10.0.0.2").terminating().build()});
  ASSERT_EQ(e.subsets.size(), 1u);
  EXPECT_EQ(ips(e.subsets[0].addresses), (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
  EXPECT_TRUE(e.subsets[0].not_ready_addresses.empty());
}

TEST(ServiceEndpoints, HeadlessServiceWithoutPortsListsPodsWithHostnames) {
  api::Service s = web_service();
  s.spec.ports.clear();
  s.spec.cluster_ip = "None";
  PodBuilder pod = web_pod("a", "10.0.0.1");
  pod.ready_since(1).pod().spec.hostname = "a";
  pod.pod().spec.subdomain = "web";
  api::Endpoints e = desired_endpoints(s, {pod.build()});
  EXPECT_EQ(e.metadata.labels.at("service.kubernetes.io/headless"), "");
  ASSERT_EQ(e.subsets.size(), 1u);
  EXPECT_TRUE(e.subsets[0].ports.empty());
  EXPECT_EQ(e.subsets[0].addresses.at(0).hostname, "a");
}

TEST(ServiceEndpoints, CreatesWhenMissingUpdatesWhenDifferentAndLeavesEqualAlone) {
  api::Service s = web_service();
  api::Endpoints desired = desired_endpoints(s, {web_pod("a", "10.0.0.1").ready_since(1).build()});

  std::optional<Command> create = endpoints_command(desired, nullptr, "controller:service");
  ASSERT_TRUE(create);
  EXPECT_EQ(create->op, Op::kCreate);
  EXPECT_EQ(create->key, "Endpoints/default/web");

  api::Endpoints stored_one = desired;
  stored_one.metadata.uid = "uid-ep";
  stored_one.metadata.creation_timestamp = rfc3339(5);
  EXPECT_FALSE(endpoints_command(desired, stored(stored_one, 4).get(), "controller:service"));

  api::Endpoints stale = stored_one;
  stale.subsets.clear();
  std::optional<Command> update = endpoints_command(desired, stored(stale, 4).get(), "controller:service");
  ASSERT_TRUE(update);
  EXPECT_EQ(update->op, Op::kUpdate);
  EXPECT_EQ(update->expect_uid, "uid-ep");
  EXPECT_EQ(update->expect_resource_version, "4");
  EXPECT_EQ(std::get<api::Endpoints>(*update->object), stored_one);  // server fields kept, subsets new
}

TEST(ServiceEndpoints, TakesOverEndpointsOfAnEarlierServiceOfTheSameName) {
  api::Endpoints desired = desired_endpoints(web_service(), {});
  api::Endpoints old = desired;
  old.metadata.owner_references = {{"v1", "Service", "web", "uid-old", true, true}};
  std::optional<Command> update = endpoints_command(desired, stored(old).get(), "controller:service");
  ASSERT_TRUE(update);
  EXPECT_EQ(std::get<api::Endpoints>(*update->object).metadata.owner_references,
            desired.metadata.owner_references);
}

TEST(ServiceEndpoints, EndpointsBeingDeletedAreLeftAlone) {
  api::Endpoints desired = desired_endpoints(web_service(), {});
  api::Endpoints going;
  going.metadata.name = "web";
  going.metadata.namespace_ = "default";
  going.metadata.deletion_timestamp = rfc3339(1);
  EXPECT_FALSE(endpoints_command(desired, stored(going).get(), "controller:service"));
}

}  // namespace
}  // namespace herd::actors
