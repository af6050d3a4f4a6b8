// Role, ClusterRole and binding rows as kubectl shows them.

#include <string>

#include <gtest/gtest.h>

#include "herd/api/codec.hpp"
#include "printers/printers_testing.hpp"

namespace herd::server::printers {
namespace {

using testing::table_of;
using testing::text_cell;

TEST(RbacPrinter, RolesGetTheDefaultTableWithCreatedAt) {
  api::Value t = table_of(testing::object(
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n"
      "  creationTimestamp: '2025-06-01T08:30:15.250Z'\nrules:\n- {verbs: [get], apiGroups: [''], resources: [pods]}\n"));
  EXPECT_EQ(api::to_json(*t.find("rows")->as_array()[0].find("cells")), R"(["reader","2025-06-01T08:30:15Z"])");
  EXPECT_EQ(t.find("columnDefinitions")->as_array()[1].find("type")->as_string(), "date");
  t = table_of(testing::object("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: view\n"));
  EXPECT_EQ(text_cell(t, "Created At"), "0001-01-01T00:00:00Z");  // Go's zero time
}

TEST(RbacPrinter, BindingsShowTheRoleAndSubjectsByKind) {
  api::Value t = table_of(testing::object(
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: devs\n  namespace: team-a\n"
      "  creationTimestamp: " + testing::ago(7200) + "\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, "
      "name: edit}\nsubjects:\n- {kind: User, name: alice}\n- {kind: User, name: bob}\n- {kind: Group, name: devs}\n"
      "- {kind: ServiceAccount, name: ci, namespace: build}\n"));
  EXPECT_EQ(text_cell(t, "Role"), "ClusterRole/edit");
  EXPECT_EQ(text_cell(t, "Age"), "120m");
  EXPECT_EQ(text_cell(t, "Users"), "alice, bob");
  EXPECT_EQ(text_cell(t, "Groups"), "devs");
  EXPECT_EQ(text_cell(t, "ServiceAccounts"), "build/ci");

  t = table_of(testing::object("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n"
                               "  name: admins\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, "
                               "name: cluster-admin}\n"));
  EXPECT_EQ(text_cell(t, "Role"), "ClusterRole/cluster-admin");
  EXPECT_EQ(text_cell(t, "Users"), "");
  EXPECT_EQ(text_cell(t, "ServiceAccounts"), "");
}

}  // namespace
}  // namespace herd::server::printers
