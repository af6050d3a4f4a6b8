// The Table around the rows: its JSON shape, includeObject, headers, and
// the column rules every kind follows.

#include "printers/table.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "herd/api/codec.hpp"
#include "printers/printer.hpp"
#include "printers/printers_testing.hpp"

namespace herd::server::printers {
namespace {

api::Object config_map() {
  return from_yaml(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: prod\n"
      "  creationTimestamp: " +
      ago(90) + "\n  labels: {app: web}\ndata:\n  a: '1'\n");
}

// A column definition as JSON.
std::string column_json(std::string_view name, std::string_view format, std::string_view description) {
  return R"({"name":")" + std::string(name) + R"(","type":"string","format":")" + std::string(format) +
         R"(","description":)" + api::to_json(api::Value::string(std::string(description))) + R"(,"priority":0})";
}

TEST(TableFor, HasKubernetesShapeWithMetadataObjectsByDefault) {
  api::Object cm = config_map();
  TableOptions options;
  options.now_ns = kNowNs;
  options.resource_version = "42";
  api::Value table = table_for(api::kind_of(cm), {TableItem{&cm, "17"}}, options);
  std::string data_description =
      "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or "
      "'.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must "
      "not overlap with the keys in the BinaryData field, this is enforced during validation process.";
  EXPECT_EQ(api::to_json(table),
            R"({"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"42"},)"
            R"("columnDefinitions":[)" +
                column_json("Name", "name", kNameDescription) + "," + column_json("Data", "", data_description) + "," +
                column_json("Age", "", kCreationTimestampDescription) +
                R"(],"rows":[{"cells":["settings",1,"90s"],"object":{"kind":"PartialObjectMetadata",)"
                R"("apiVersion":"meta.k8s.io/v1","metadata":{"name":"settings","namespace":"prod",)"
                R"("resourceVersion":"17","creationTimestamp":")" +
                ago(90) + R"(","labels":{"app":"web"}}}}]})");
}

TEST(TableFor, IncludeObjectNoneLeavesRowsWithCellsOnly) {
  api::Object cm = config_map();
  api::Value table = table_of(cm, IncludeObject::kNone);
  const api::Value& row = table.find("rows")->as_array().at(0);
  EXPECT_EQ(row.find("object"), nullptr);
  EXPECT_EQ(api::to_json(*row.find("cells")), R"(["settings",1,"90s"])");
}

TEST(TableFor, IncludeObjectObjectCarriesTheWholeObjectWithItsResourceVersion) {
  api::Object cm = config_map();
  api::Value table = table_of(cm, IncludeObject::kObject);
  const api::Value& object = *table.find("rows")->as_array().at(0).find("object");
  EXPECT_EQ(object.find("kind")->as_string(), "ConfigMap");
  EXPECT_EQ(object.find("apiVersion")->as_string(), "v1");
  EXPECT_EQ(object.find("metadata")->find("resourceVersion")->as_string(), "7");
  EXPECT_EQ(api::to_json(*object.find("data")), R"({"a":"1"})");
}

TEST(TableFor, ListMetadataAndNoHeaders) {
  api::Object a = config_map();
  api::Object b = config_map();
  std::get<api::ConfigMap>(b).metadata.name = "other";
  TableOptions options;
  options.now_ns = kNowNs;
  options.include_object = IncludeObject::kNone;
  options.no_headers = true;
  options.resource_version = "99";
  options.continue_token = "next";
  options.remaining_item_count = 5;
  api::Value table = table_for(api::kind_of(a), {TableItem{&a, "1"}, TableItem{&b, "2"}}, options);
  EXPECT_EQ(api::to_json(*table.find("metadata")),
            R"({"resourceVersion":"99","continue":"next","remainingItemCount":5})");
  EXPECT_TRUE(table.find("columnDefinitions")->is_null());
  ASSERT_EQ(table.find("rows")->as_array().size(), 2u);
  EXPECT_EQ(table.find("rows")->as_array()[1].find("cells")->as_array()[0].as_string(), "other");
}

TEST(TableFor, EmptyListHasColumnsAndNoRows) {
  api::Value table = table_for(*api::find_kind("Deployment"), {}, TableOptions{});
  EXPECT_EQ(api::to_json(*table.find("rows")), "[]");
  EXPECT_EQ(api::to_json(*table.find("metadata")), "{}");
  EXPECT_EQ(table.find("columnDefinitions")->as_array().size(), 8u);
}

TEST(TableFor, ParsesIncludeObject) {
  EXPECT_EQ(*parse_include_object(""), IncludeObject::kMetadata);
  EXPECT_EQ(*parse_include_object("Metadata"), IncludeObject::kMetadata);
  EXPECT_EQ(*parse_include_object("None"), IncludeObject::kNone);
  EXPECT_EQ(*parse_include_object("Object"), IncludeObject::kObject);
  Result<IncludeObject> bad = parse_include_object("metadata");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(),
            R"(includeObject: Unsupported value: "metadata": supported values: "Metadata", "None", "Object")");
}

// kubectl's headers for each kind (`kubectl get` and `-o wide`), as the
// column names upper-cased.
std::string headers(const api::KindInfo& kind, int priority) {
  std::string names;
  for (const ColumnDefinition& c : columns_for(kind)) {
    if (c.priority != priority) continue;
    if (!names.empty()) names += ' ';
    names += c.name;
  }
  return names;
}

TEST(TableFor, ColumnsAreKubectlsForEveryKind) {
  struct Expected {
    const char* kind;
    const char* shown;
    const char* wide;
  };
  const Expected expected[] = {
      {"Pod", "Name Ready Status Restarts Age", "IP Node Nominated Node Readiness Gates"},
      {"ReplicationController", "Name Desired Current Ready Age", "Containers Images Selector"},
      {"ReplicaSet", "Name Desired Current Ready Age", "Containers Images Selector"},
      {"Deployment", "Name Ready Up-to-date Available Age", "Containers Images Selector"},
      {"Service", "Name Type Cluster-IP External-IP Port(s) Age", "Selector"},
      {"Endpoints", "Name Endpoints Age", ""},
      {"ConfigMap", "Name Data Age", ""},
      {"Secret", "Name Type Data Age", ""},
      {"Job", "Name Status Completions Duration Age", "Containers Images Selector"},
      {"CronJob", "Name Schedule Timezone Suspend Active Last Schedule Age", "Containers Images Selector"},
      {"Namespace", "Name Status Age", ""},
      {"Node", "Name Status Roles Age Version", "Internal-IP External-IP OS-Image Kernel-Version Container-Runtime"},
      {"Role", "Name Created At", ""},
      {"ClusterRole", "Name Created At", ""},
      {"RoleBinding", "Name Role Age", "Users Groups ServiceAccounts"},
      {"ClusterRoleBinding", "Name Role Age", "Users Groups ServiceAccounts"},
      {"NetworkPolicy", "Name Pod-Selector Age", ""},
      {"Ingress", "Name Class Hosts Address Ports Age", ""},
      {"Event", "Last Seen Type Reason Object Message", "Subobject Source First Seen Count Name"},
  };
  std::set<std::string_view> covered;
  for (const Expected& e : expected) {
    const api::KindInfo* kind = api::find_kind(e.kind);
    ASSERT_NE(kind, nullptr) << e.kind;
    EXPECT_EQ(headers(*kind, 0), e.shown) << e.kind;
    EXPECT_EQ(headers(*kind, 1), e.wide) << e.kind;
    covered.insert(kind->kind);
  }
  EXPECT_EQ(covered.size(), api::all_kinds().size()) << "a kind herd serves is missing here";
}

TEST(TableFor, EveryKindHasOneNameColumnAndOnlyPriorityZeroOrOne) {
  for (const api::KindInfo& kind : api::all_kinds()) {
    int names = 0;
    for (const ColumnDefinition& c : columns_for(kind)) {
      if (c.format == "name") ++names;
      EXPECT_TRUE(c.priority == 0 || c.priority == 1) << kind.kind << " " << c.name;
      EXPECT_FALSE(c.description.empty()) << kind.kind << " " << c.name;
    }
    EXPECT_EQ(names, 1) << kind.kind;
  }
}

}  // namespace
}  // namespace herd::server::printers
