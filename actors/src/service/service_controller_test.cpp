#include "service/service_controller.hpp"

#include <gtest/gtest.h>

#include "actors/testing/store_builders.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;

api::Service registry_service() {
  auto s = named<api::Service>("registry");
  s.spec.selector = {{"app", "registry"}};
  s.spec.ports.push_back(api::ServicePort{"", "TCP", "", 5000, api::IntOrString::from_int(5000), 0});
  return s;
}

Plan reconcile_once(const api::Service& s, const ObjectStore& store) {
  return make_service_controller()->reconcile(*stored(s), store, at(0));
}

TEST(ServiceController, KeepsEndpointsOfReadyPodsAndIsIdempotent) {
  ObjectStore store;
  store.put(PodBuilder("r1").label("app", "registry").running("n1", "10.1.0.1").ready_since(1).build());
  Plan first = reconcile_once(registry_service(), store);
  ASSERT_EQ(first.commands.size(), 1u);
  EXPECT_EQ(first.commands[0].op, Command::Op::kCreate);
  EXPECT_EQ(first.commands[0].actor, "controller:service");
  EXPECT_TRUE(first.events.empty());
  EXPECT_EQ(describe(first), describe(reconcile_once(registry_service(), store)));

  // Once the Endpoints exist as wanted, nothing more is written.
  api::Endpoints created = std::get<api::Endpoints>(*first.commands[0].object);
  created.metadata.uid = "uid-ep";
  store.put(stored(created));
  EXPECT_TRUE(reconcile_once(registry_service(), store).empty());
}

TEST(ServiceController, ServiceWithoutSelectorLeavesEndpointsAlone) {
  api::Service s = registry_service();
  s.spec.selector.clear();
  ObjectStore store;
  store.put(PodBuilder("r1").label("app", "registry").running("n1").ready_since(1).build());
  EXPECT_TRUE(reconcile_once(s, store).empty());
}

TEST(ServiceController, ServiceBeingDeletedDoesNothing) {
  api::Service s = registry_service();
  s.metadata.deletion_timestamp = rfc3339(1);
  EXPECT_TRUE(reconcile_once(s, ObjectStore{}).empty());
}

}  // namespace
}  // namespace herd::actors
