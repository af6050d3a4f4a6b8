// Role, ClusterRole and binding rows as kubectl shows them.

#include <string>

#include <gtest/gtest.h>

#include "printers/printers_testing.hpp"

namespace herd::server::printers {
namespace {

TEST(RbacPrinter, RolesGetTheDefaultTableWithCreatedAt) {
  api::Value t = table_of_yaml(
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n"
      "  creationTimestamp: '2025-06-01T08:30:15.250Z'\nrules:\n- {verbs: [get], apiGroups: [''], resources: "
      "[pods]}\n");
  EXPECT_EQ(cells_json(t), R"(["reader","2025-06-01T08:30:15Z"])");
  EXPECT_EQ(t.find("columnDefinitions")->as_array()[1].find("type")->as_string(), "date");
  t = table_of_yaml("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: view\n");
  EXPECT_EQ(text_cell(t, "Created At"), "0001-01-01T00:00:00Z");  // Go's zero time
}

TEST(RbacPrinter, BindingsShowTheRoleAndSubjectsByKind) {
  api::Value t = table_of_yaml(
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: devs\n  namespace: team-a\n"
      "  creationTimestamp: " +
      ago(7200) +
      "\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, "
      "name: edit}\nsubjects:\n- {kind: User, name: alice}\n- {kind: User, name: bob}\n- {kind: Group, name: devs}\n"
      "- {kind: ServiceAccount, name: ci, namespace: build}\n");
  // NAME ROLE AGE | USERS GROUPS SERVICEACCOUNTS
  EXPECT_EQ(cells_json(t), R"(["devs","ClusterRole/edit","120m","alice, bob","devs","build/ci"])");

  t = table_of_yaml(
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n"
      "  name: admins\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, "
      "name: cluster-admin}\n");
  EXPECT_EQ(cells_json(t), R"(["admins","ClusterRole/cluster-admin","<unknown>","","",""])");
}

}  // namespace
}  // namespace herd::server::printers
