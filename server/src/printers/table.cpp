// The Table around the rows, as meta/v1 types.go shapes it:
//   {"kind":"Table","apiVersion":"meta.k8s.io/v1",
//    "metadata":{"resourceVersion":..,"continue":..,"remainingItemCount":..},
//    "columnDefinitions":[{"name","type","format","description","priority"}],
//    "rows":[{"cells":[..],"conditions":[..],"object":{..}}]}
// metadata members and a row's conditions and object are left out when
// empty; columnDefinitions is null with noHeaders.

#include "printers/table.hpp"

#include <type_traits>
#include <utility>
#include <variant>

#include "herd/api/manifest.hpp"
#include "herd/base/check.hpp"
#include "printers/printer.hpp"

namespace herd::server::printers {
namespace {

// The position of T among api::Object's alternatives (KindInfo::index).
template <class T, std::size_t I = 0>
constexpr std::size_t alternative_index() {
  if constexpr (std::is_same_v<std::variant_alternative_t<I, api::Object>, T>) {
    return I;
  } else {
    return alternative_index<T, I + 1>();
  }
}

// Every kind's printer, by KindInfo::index.
const std::vector<KindPrinter>& all_printers() {
  static const std::vector<KindPrinter> printers = [] {
    std::vector<KindPrinter> by_index(std::variant_size_v<api::Object>);
    by_index[alternative_index<api::Pod>()] = pod_printer();
    by_index[alternative_index<api::ReplicationController>()] = replication_controller_printer();
    by_index[alternative_index<api::ReplicaSet>()] = replica_set_printer();
    by_index[alternative_index<api::Deployment>()] = deployment_printer();
    by_index[alternative_index<api::Service>()] = service_printer();
    by_index[alternative_index<api::Endpoints>()] = endpoints_printer();
    by_index[alternative_index<api::ConfigMap>()] = config_map_printer();
    by_index[alternative_index<api::Secret>()] = secret_printer();
    by_index[alternative_index<api::Job>()] = job_printer();
    by_index[alternative_index<api::CronJob>()] = cron_job_printer();
    by_index[alternative_index<api::Namespace>()] = namespace_printer();
    by_index[alternative_index<api::Node>()] = node_printer();
    by_index[alternative_index<api::Role>()] = role_printer();
    by_index[alternative_index<api::ClusterRole>()] = cluster_role_printer();
    by_index[alternative_index<api::RoleBinding>()] = role_binding_printer();
    by_index[alternative_index<api::ClusterRoleBinding>()] = cluster_role_binding_printer();
    by_index[alternative_index<api::NetworkPolicy>()] = network_policy_printer();
    by_index[alternative_index<api::Ingress>()] = ingress_printer();
    by_index[alternative_index<api::Event>()] = event_printer();
    for (std::size_t i = 0; i < by_index.size(); ++i) {
      HERD_CHECK(by_index[i].row != nullptr) << "no printer for Object alternative " << i;
    }
    return by_index;
  }();
  return printers;
}

const KindPrinter& printer_for(const api::KindInfo& kind) {
  const std::vector<KindPrinter>& printers = all_printers();
  HERD_CHECK(kind.index < printers.size()) << "unknown kind " << kind.kind;
  return printers[kind.index];
}

api::Value column_value(const ColumnDefinition& c) {
  api::Value column = api::Value::object();
  column.set("name", api::Value::string(c.name));
  column.set("type", api::Value::string(c.type));
  column.set("format", api::Value::string(c.format));
  column.set("description", api::Value::string(c.description));
  column.set("priority", api::Value::integer(c.priority));
  return column;
}

// `members` led by kind and apiVersion, as Go writes TypeMeta first.
api::Value with_type_meta(std::string kind, std::string api_version, api::Value members) {
  api::Value typed = api::Value::object();
  typed.set("kind", api::Value::string(std::move(kind)));
  typed.set("apiVersion", api::Value::string(std::move(api_version)));
  for (api::Value::Member& m : members.as_object()) {
    if (m.key != "apiVersion" && m.key != "kind") typed.set(std::move(m.key), std::move(m.value));
  }
  return typed;
}

// The row's object: the whole object, or its metadata as a
// PartialObjectMetadata; either with the item's resourceVersion.
api::Value row_object(const api::KindInfo& kind, const TableItem& item, IncludeObject include) {
  api::Object copy = *item.object;  // so resourceVersion is encoded in its place
  if (!item.resource_version.empty()) api::meta(copy).resource_version = item.resource_version;
  api::Value encoded = api::encode_object(copy);
  if (include == IncludeObject::kObject) {
    return with_type_meta(std::string(kind.kind), kind.api_version(), std::move(encoded));
  }
  api::Value partial = api::Value::object();
  partial.set("metadata", encoded.take("metadata"));
  return with_type_meta("PartialObjectMetadata", "meta.k8s.io/v1", std::move(partial));
}

api::Value table_metadata(const TableOptions& options) {
  api::Value metadata = api::Value::object();
  if (!options.resource_version.empty()) {
    metadata.set("resourceVersion", api::Value::string(options.resource_version));
  }
  if (!options.continue_token.empty()) metadata.set("continue", api::Value::string(options.continue_token));
  if (options.remaining_item_count) {
    metadata.set("remainingItemCount", api::Value::integer(*options.remaining_item_count));
  }
  return metadata;
}

}  // namespace

Result<IncludeObject> parse_include_object(std::string_view value) {
  if (value.empty() || value == "Metadata") return IncludeObject::kMetadata;
  if (value == "None") return IncludeObject::kNone;
  if (value == "Object") return IncludeObject::kObject;
  return Status::invalid_argument("includeObject: Unsupported value: \"" + std::string(value) +
                                  "\": supported values: \"Metadata\", \"None\", \"Object\"");
}

std::vector<ColumnDefinition> columns_for(const api::KindInfo& kind) { return printer_for(kind).columns; }

api::Value table_for(const api::KindInfo& kind, const std::vector<TableItem>& items, const TableOptions& options) {
  const KindPrinter& printer = printer_for(kind);
  api::Value columns = api::Value::null();
  if (!options.no_headers) {
    columns = api::Value::array();
    for (const ColumnDefinition& c : printer.columns) columns.push_back(column_value(c));
  }
  api::Value rows = api::Value::array();
  for (const TableItem& item : items) {
    HERD_CHECK(item.object != nullptr && api::kind_of(*item.object).index == kind.index)
        << "table_for(" << kind.kind << ") given another kind's object";
    Row printed = printer.row(*item.object, options.now_ns);
    HERD_CHECK(printed.cells.size() == printer.columns.size()) << kind.kind << " row has the wrong cell count";
    api::Value row = api::Value::object();
    row.set("cells", api::Value::array(std::move(printed.cells)));
    if (!printed.conditions.is_null()) row.set("conditions", std::move(printed.conditions));
    if (options.include_object != IncludeObject::kNone) {
      row.set("object", row_object(kind, item, options.include_object));
    }
    rows.push_back(std::move(row));
  }
  api::Value table = api::Value::object();
  table.set("kind", api::Value::string("Table"));
  table.set("apiVersion", api::Value::string("meta.k8s.io/v1"));
  table.set("metadata", table_metadata(options));
  table.set("columnDefinitions", std::move(columns));
  table.set("rows", std::move(rows));
  return table;
}

}  // namespace herd::server::printers
