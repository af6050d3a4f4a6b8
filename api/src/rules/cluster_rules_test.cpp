#include <string>

#include <gtest/gtest.h>

#include "rules/rules_test_util.hpp"

namespace herd::api::rules {
namespace {

using testing::dump;
using testing::has_error;
using testing::validate;

// Namespace ---------------------------------------------------------------------

Namespace scratch() {
  Namespace ns;
  ns.metadata.name = "scratch";
  ns.status.phase = "Active";
  return ns;
}

TEST(NamespaceDefaults, LabelsItselfWithItsName) {
  Namespace ns = scratch();
  ns.metadata.labels["team"] = "a";
  apply_kind_defaults(ns);
  EXPECT_EQ(ns.metadata.labels, (StringMap{{"kubernetes.io/metadata.name", "scratch"}, {"team", "a"}}));
}

TEST(NamespaceDefaults, OverwritesAWrongNameLabel) {
  Namespace ns = scratch();
  ns.metadata.labels["kubernetes.io/metadata.name"] = "other";
  apply_kind_defaults(ns);
  EXPECT_EQ(ns.metadata.labels.at("kubernetes.io/metadata.name"), "scratch");
}

TEST(NamespaceValidation, AcceptsAValidNamespace) {
  Namespace ns = scratch();
  ns.spec.finalizers = {"kubernetes", "example.com/cleanup"};
  apply_kind_defaults(ns);
  FieldErrors errors = validate(ns);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(NamespaceValidation, NameMustBeALabel) {
  Namespace ns = scratch();
  ns.metadata.name = "team.scratch";
  EXPECT_TRUE(has_error(validate(ns), "metadata.name", "must not contain dots"));
}

TEST(NamespaceValidation, IsClusterScoped) {
  Namespace ns = scratch();
  ns.metadata.namespace_ = "default";
  EXPECT_TRUE(has_error(validate(ns), "metadata.namespace", "Forbidden"));
}

TEST(NamespaceValidation, FinalizersMustBeStandardOrQualified) {
  Namespace ns = scratch();
  ns.spec.finalizers = {"cleanup", "bad/name/x"};
  FieldErrors errors = validate(ns);
  EXPECT_TRUE(has_error(errors, "spec.finalizers[0]", "neither a standard finalizer name nor is it fully qualified"));
  EXPECT_TRUE(has_error(errors, "spec.finalizers[1]", "Invalid value")) << dump(errors);
}

// Node ----------------------------------------------------------------------------

Node node_1() {
  Node node;
  node.metadata.name = "node-1.example.com";
  node.spec.pod_cidr = "10.244.1.0/24";
  node.status.capacity = {{"cpu", Quantity::from_int(4)}, {"memory", Quantity::from_int(8LL << 30)}};
  return node;
}

TEST(NodeDefaults, AllocatableDefaultsToCapacity) {
  Node node = node_1();
  apply_kind_defaults(node);
  EXPECT_EQ(node.status.allocatable, node.status.capacity);
}

TEST(NodeDefaults, KeepsGivenAllocatable) {
  Node node = node_1();
  node.status.allocatable = {{"cpu", Quantity::from_milli(3500)}};
  apply_kind_defaults(node);
  EXPECT_EQ(node.status.allocatable.size(), 1u);
}

TEST(NodeDefaults, PodCidrsFollowPodCidr) {
  Node node = node_1();
  apply_kind_defaults(node);
  EXPECT_EQ(node.spec.pod_cidrs, (std::vector<std::string>{"10.244.1.0/24"}));
  Node reverse = node_1();
  reverse.spec.pod_cidr.clear();
  reverse.spec.pod_cidrs = {"10.244.2.0/24", "fd00:2::/64"};
  apply_kind_defaults(reverse);
  EXPECT_EQ(reverse.spec.pod_cidr, "10.244.2.0/24");
}

TEST(NodeValidation, AcceptsAValidNode) {
  Node node = node_1();
  node.spec.taints = {Taint{"dedicated", "gpu", "NoSchedule", ""}, Taint{"dedicated", "gpu", "NoExecute", ""}};
  apply_kind_defaults(node);
  FieldErrors errors = validate(node);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(NodeValidation, RejectsDuplicateTaints) {
  Node node = node_1();
  node.spec.taints = {Taint{"dedicated", "gpu", "NoSchedule", ""}, Taint{"dedicated", "cpu", "NoSchedule", ""}};
  EXPECT_TRUE(has_error(validate(node), "spec.taints[1]", "taints must be unique by key and effect pair"));
}

TEST(NodeValidation, RejectsBadTaintKeyAndValue) {
  Node node = node_1();
  node.spec.taints = {Taint{"bad key", "bad value", "NoSchedule", ""}};
  FieldErrors errors = validate(node);
  EXPECT_TRUE(has_error(errors, "spec.taints[0].key", "Invalid value"));
  EXPECT_TRUE(has_error(errors, "spec.taints[0].value", "Invalid value"));
}

TEST(NodeValidation, RejectsBadPodCidrs) {
  Node node = node_1();
  node.spec.pod_cidr = "10.244.1.0/40";
  node.spec.pod_cidrs = {"10.244.1.0/40", "10.245.0.0/16"};
  FieldErrors errors = validate(node);
  EXPECT_TRUE(has_error(errors, "spec.podCIDR", "must be a valid CIDR value"));
  EXPECT_TRUE(has_error(errors, "spec.podCIDRs[0]", "must be a valid CIDR value"));
  node.spec.pod_cidr = "10.244.1.0/24";
  node.spec.pod_cidrs = {"10.244.1.0/24", "10.245.0.0/16"};
  EXPECT_TRUE(has_error(validate(node), "spec.podCIDRs", "no more than one CIDR for each IP family"));
}

TEST(NodeValidation, PodCidrsMustStartWithPodCidr) {
  Node node = node_1();
  node.spec.pod_cidrs = {"10.244.9.0/24"};
  EXPECT_TRUE(has_error(validate(node), "spec.podCIDRs", "first value must match `podCIDR`"));
}

TEST(NodeValidation, RejectsNegativeResources) {
  Node node = node_1();
  node.status.capacity["cpu"] = Quantity::from_int(-1);
  EXPECT_TRUE(has_error(validate(node), "status.capacity[cpu]", "must be greater than or equal to 0"));
}

TEST(NodeValidation, IsClusterScoped) {
  Node node = node_1();
  node.metadata.namespace_ = "default";
  EXPECT_TRUE(has_error(validate(node), "metadata.namespace", "Forbidden"));
}

// Event ----------------------------------------------------------------------------

Event pulled_event() {
  Event e;
  e.metadata.name = "web-7d4b9.17a2b3c4d5e6f";
  e.metadata.namespace_ = "default";
  e.involved_object = ObjectReference{"Pod", "default", "web-7d4b9", "uid-1", "v1", "", "spec.containers{web}"};
  e.reason = "Pulled";
  e.message = "Successfully pulled image";
  e.source = EventSource{"kubelet", "node-1"};
  e.type = "Normal";
  e.count = 1;
  return e;
}

TEST(EventValidation, AcceptsALegacyEvent) {
  FieldErrors errors = validate(pulled_event());
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(EventValidation, InvolvedObjectNamespaceMustMatch) {
  Event e = pulled_event();
  e.involved_object.namespace_ = "other";
  EXPECT_TRUE(has_error(validate(e), "involvedObject.namespace", "does not match event.namespace"));
}

TEST(EventValidation, ClusterScopedObjectsEventsLiveInDefault) {
  Event e = pulled_event();
  e.involved_object = ObjectReference{"Node", "", "node-1", "", "v1", "", ""};
  EXPECT_TRUE(validate(e).list().empty());
  e.metadata.namespace_ = "scratch";
  EXPECT_TRUE(has_error(validate(e), "involvedObject.namespace", "does not match event.namespace"));
}

TEST(EventValidation, NewEventsNeedReportingFields) {
  Event e = pulled_event();
  e.event_time = "2026-11-27T09:03:05.000000Z";
  FieldErrors errors = validate(e);
  EXPECT_TRUE(has_error(errors, "reportingComponent", "Required value"));
  EXPECT_TRUE(has_error(errors, "reportingInstance", "Required value"));
  EXPECT_TRUE(has_error(errors, "action", "Required value"));
  e.reporting_component = "herd.io/kubelet";
  e.reporting_instance = "node-1";
  e.action = "Pull";
  errors = validate(e);
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(EventValidation, NewEventsHaveBoundedFields) {
  Event e = pulled_event();
  e.event_time = "2026-11-27T09:03:05.000000Z";
  e.reporting_component = "kubelet";
  e.reporting_instance = "node-1";
  e.action = std::string(129, 'a');
  e.message = std::string(1025, 'm');
  FieldErrors errors = validate(e);
  EXPECT_TRUE(has_error(errors, "action", "can have at most 128 characters"));
  EXPECT_TRUE(has_error(errors, "message", "can have at most 1024 characters"));
}

TEST(EventValidation, NameMayNotContainSlash) {
  Event e = pulled_event();
  e.metadata.name = "web/1";
  EXPECT_TRUE(has_error(validate(e), "metadata.name", "may not contain '/'"));
}

TEST(EventValidation, NewEventsOfClusterScopedObjectsLiveInDefaultOrKubeSystem) {
  Event e = pulled_event();
  e.event_time = "2026-11-27T09:03:05.000000Z";
  e.reporting_component = "kubelet";
  e.reporting_instance = "node-1";
  e.action = "Pull";
  e.involved_object.namespace_.clear();
  e.metadata.namespace_ = "kube-system";
  EXPECT_TRUE(validate(e).list().empty());
  e.metadata.namespace_ = "scratch";
  EXPECT_TRUE(has_error(validate(e), "involvedObject.namespace", "does not match event.namespace"));
}

}  // namespace
}  // namespace herd::api::rules
