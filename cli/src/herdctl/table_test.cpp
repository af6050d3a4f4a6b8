#include "herdctl/table.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "herd/api/codec.hpp"

namespace herd::cli::herdctl {
namespace {

using namespace std::chrono_literals;

Table deployments() {
  Table t;
  t.columns = {{"Name", 0}, {"Ready", 0}, {"Containers", 1}};
  t.rows = {{{"web", "2/2", "nginx"}, "default"}, {{"sise-deploy", "0/1", "sise"}, "team-a"}};
  return t;
}

std::string printed(const Table& table, const TableOptions& options) {
  std::ostringstream out;
  print_table(table, options, out);
  return out.str();
}

TEST(HerdctlTable, PadsToTheWidestCellPlusThreeAndHidesWideColumns) {
  EXPECT_EQ(printed(deployments(), {}),
            "NAME          READY\n"
            "web           2/2\n"
            "sise-deploy   0/1\n");
  TableOptions wide;
  wide.wide = true;
  wide.namespace_column = true;
  EXPECT_EQ(printed(deployments(), wide),
            "NAMESPACE   NAME          READY   CONTAINERS\n"
            "default     web           2/2     nginx\n"
            "team-a      sise-deploy   0/1     sise\n");
}

TEST(HerdctlTable, RowsUnderAnEarlierHeaderKeepItsWidths) {
  TableOptions first;
  std::ostringstream out;
  std::vector<std::size_t> widths = print_table(deployments(), first, out);
  EXPECT_EQ(widths, (std::vector<std::size_t>{11, 5}));
  Table one;
  one.columns = deployments().columns;
  one.rows = {{{"a", "1/1", "x"}, ""}};
  TableOptions next;
  next.headers = false;
  next.min_widths = widths;
  next.name_prefix = "deployment.apps/";
  EXPECT_EQ(printed(one, next), "deployment.apps/a   1/1\n");
}

TEST(HerdctlTable, ReadsTheServersTable) {
  Result<api::Value> json = api::parse_json_value(R"({"kind":"Table","apiVersion":"meta.k8s.io/v1",
    "columnDefinitions":[{"name":"Name","type":"string","priority":0},{"name":"Age","type":"string","priority":0},
                         {"name":"IP","type":"string","priority":1}],
    "rows":[{"cells":["web-1","5m",null],"object":{"metadata":{"name":"web-1","namespace":"prod"}}}]})");
  ASSERT_TRUE(json.ok());
  Result<Table> table = table_from_server(*json);
  ASSERT_TRUE(table.ok()) << table.status().to_string();
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].cells, (std::vector<std::string>{"web-1", "5m", "<none>"}));
  EXPECT_EQ(table->rows[0].namespace_, "prod");
  EXPECT_EQ(table->columns[2].priority, 1);
  EXPECT_FALSE(table_from_server(api::Value::object()).ok());
}

TEST(HerdctlTable, FallsBackToNameAndAgeFromObjects) {
  Result<api::Value> pod = api::parse_json_value(
      R"({"metadata":{"name":"p","namespace":"default","creationTimestamp":"2024-05-01T10:00:00Z"}})");
  ASSERT_TRUE(pod.ok());
  auto now = *parse_time("2024-05-01T10:03:20Z");
  Table table = table_from_objects({*pod}, now);
  EXPECT_EQ(printed(table, {}), "NAME   AGE\np      3m20s\n");
}

TEST(HerdctlTable, DurationsAndTimesAsKubectlWritesThem) {
  EXPECT_EQ(human_duration(45s), "45s");
  EXPECT_EQ(human_duration(200s), "3m20s");
  EXPECT_EQ(human_duration(25min), "25m");
  EXPECT_EQ(human_duration(5h + 3min), "5h3m");
  EXPECT_EQ(human_duration(30h), "30h");
  EXPECT_EQ(human_duration(52h), "2d4h");
  EXPECT_EQ(human_duration(400 * 24h), "400d");
  EXPECT_EQ(human_duration(-5s), "<invalid>");
  EXPECT_EQ(parse_time("2024-05-01T10:00:00.123456Z"), parse_time("2024-05-01T12:00:00+02:00"));
  EXPECT_FALSE(parse_time("yesterday").has_value());
  EXPECT_EQ(*parse_duration("1h30m"), std::chrono::milliseconds(90min));
  EXPECT_EQ(*parse_duration("90"), std::chrono::milliseconds(90s));
  EXPECT_EQ(*parse_duration("250ms"), std::chrono::milliseconds(250));
  EXPECT_FALSE(parse_duration("soon").ok());
  EXPECT_FALSE(parse_duration("5x").ok());
}

}  // namespace
}  // namespace herd::cli::herdctl
