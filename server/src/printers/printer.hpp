#pragma once

// Internal to printers/: how one kind prints (its columns and the cells of
// one object's row), and the helpers the per-kind printers share. Each
// *_rows.cpp file defines the printers of one group of kinds, following
// Kubernetes' pkg/printers/internalversion/printers.go function by function;
// table.cpp picks the printer by kind and builds the Table around the rows.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "herd/api/object.hpp"
#include "herd/api/value.hpp"
#include "printers/table.hpp"

namespace herd::server::printers {

/// The printed content of one object.
struct Row {
  /// One per column: strings, and integers where Kubernetes prints an int64.
  std::vector<api::Value> cells;
  /// The row's TableRowConditions (an array), or null for none; only
  /// finished pods have one.
  api::Value conditions;
};

/// How one kind prints. `row` is called with an object of that kind only.
struct KindPrinter {
  std::vector<ColumnDefinition> columns;
  Row (*row)(const api::Object& object, int64_t now_ns) = nullptr;
};

/// Adapts a row function of one kind's struct to KindPrinter::row.
template <class T, Row (*Print)(const T&, int64_t)>
Row print_as(const api::Object& object, int64_t now_ns) {
  return Print(std::get<T>(object), now_ns);
}

// The printers, one per kind (defined in the *_rows.cpp files).
KindPrinter pod_printer();
KindPrinter replication_controller_printer();
KindPrinter replica_set_printer();
KindPrinter deployment_printer();
KindPrinter job_printer();
KindPrinter cron_job_printer();
KindPrinter service_printer();
KindPrinter endpoints_printer();
KindPrinter ingress_printer();
KindPrinter network_policy_printer();
KindPrinter config_map_printer();
KindPrinter secret_printer();
KindPrinter namespace_printer();
KindPrinter node_printer();
KindPrinter event_printer();
KindPrinter role_printer();
KindPrinter cluster_role_printer();
KindPrinter role_binding_printer();
KindPrinter cluster_role_binding_printer();

// Shared columns -------------------------------------------------------------

/// ObjectMeta's documentation of name and creationTimestamp, which every
/// Name and Age column carries.
inline constexpr std::string_view kNameDescription =
    "Name must be unique within a namespace. Is required when creating resources, although some "
    "resources may allow a client to request the generation of an appropriate name automatically. "
    "Name is primarily intended for creation idempotence and configuration definition. Cannot be "
    "updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
inline constexpr std::string_view kCreationTimestampDescription =
    "CreationTimestamp is a timestamp representing the server time when this object was created. "
    "It is not guaranteed to be set in happens-before order across separate operations. Clients "
    "may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the "
    "system. Read-only. Null for lists. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/// A column; `type` is "string" unless said otherwise.
ColumnDefinition column(std::string name, std::string_view description, std::string type = "string", int priority = 0);
/// A wide (priority 1) column.
ColumnDefinition wide_column(std::string name, std::string_view description, std::string type = "string");
/// {Name: "Name", Type: "string", Format: "name"}.
ColumnDefinition name_column();
/// {Name: "Age", Type: "string"}: time_since(creationTimestamp).
ColumnDefinition age_column();
/// `columns` followed by the wide columns of kinds with a pod template:
/// Containers, Images, and a Selector documented as `selector_description`.
std::vector<ColumnDefinition> with_template_columns(std::vector<ColumnDefinition> columns,
                                                    std::string_view selector_description);

// Shared cells ---------------------------------------------------------------

api::Value text(std::string value);
api::Value integer(int64_t value);

/// The Age cell: time_since(metadata.creationTimestamp, now).
api::Value age(const api::ObjectMeta& meta, int64_t now_ns);

/// The Containers and Images cells (layoutContainerCells): names and images
/// joined by ','.
void append_container_cells(const std::vector<api::Container>& containers, Row& row);

/// `parts` joined by `separator`.
std::string join(const std::vector<std::string>& parts, std::string_view separator);

/// labels.FormatLabels: "a=1,b=2" in key order, "<none>" when empty.
std::string format_labels(const api::StringMap& labels);

/// metav1.FormatLabelSelector: the selector's string form; "<none>" when it
/// is missing or empty, "<error>" when it does not compile.
std::string format_label_selector(const std::optional<api::LabelSelector>& selector);

/// A load balancer's ingress points (Kubernetes' loadBalancerStatusStringer,
/// wide form): each one's IP, else its hostname, de-duplicated, sorted and
/// joined by ','; "" when there are none.
std::string load_balancer_addresses(const api::LoadBalancerStatus& status);

}  // namespace herd::server::printers
