// The replicating workloads' rows, after Kubernetes' printReplicationController,
// printReplicaSet and printDeployment: desired, current and ready counts.

#include "herd/api/label_selector.hpp"
#include "printers/printer.hpp"

namespace herd::server::printers {
namespace {

constexpr std::string_view kRcReplicasDescription =
    "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit "
    "zero and unspecified. Defaults to 1. More info: "
    "https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller";
constexpr std::string_view kRcCurrentDescription =
    "Replicas is the most recently observed number of replicas. More info: "
    "https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller";
constexpr std::string_view kRcSelectorDescription =
    "Selector is a label query over pods that should match the Replicas count. If Selector is "
    "empty, it is defaulted to the labels present on the Pod template. Label keys and values that "
    "must match in order to be controlled by this replication controller, if empty defaulted to "
    "labels on Pod template. More info: "
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";
constexpr std::string_view kRsReplicasDescription =
    "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit "
    "zero and unspecified. Defaults to 1. More info: "
    "https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller";
constexpr std::string_view kRsCurrentDescription =
    "Replicas is the most recently observed number of replicas. More info: "
    "https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller";
constexpr std::string_view kRsSelectorDescription =
    "Selector is a label query over pods that should match the replica count. If the selector is "
    "empty, it is defaulted to the labels present on the pod template. Label keys and values that "
    "must match in order to be controlled by this replica set. More info: "
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

// Desired, current and ready, as RC and ReplicaSet print them.
void append_replica_counts(int64_t desired, const api::ReplicaStatus& status, Row& row) {
  row.cells.push_back(integer(desired));
  row.cells.push_back(integer(status.replicas));
  row.cells.push_back(integer(status.ready_replicas));
}

Row replication_controller_row(const api::ReplicationController& rc, int64_t now_ns) {
  Row row;
  row.cells.push_back(text(rc.metadata.name));
  append_replica_counts(rc.spec.replicas.value_or(1), rc.status, row);
  row.cells.push_back(age(rc.metadata, now_ns));
  append_container_cells(rc.spec.pod_template ? rc.spec.pod_template->spec.containers : std::vector<api::Container>{},
                         row);
  row.cells.push_back(text(format_labels(rc.spec.selector)));
  return row;
}

Row replica_set_row(const api::ReplicaSet& rs, int64_t now_ns) {
  Row row;
  row.cells.push_back(text(rs.metadata.name));
  append_replica_counts(rs.spec.replicas.value_or(1), rs.status, row);
  row.cells.push_back(age(rs.metadata, now_ns));
  append_container_cells(rs.spec.pod_template.spec.containers, row);
  row.cells.push_back(text(format_label_selector(rs.spec.selector)));
  return row;
}

// printDeployment writes the selector itself rather than through
// FormatLabelSelector: "" (not "<none>") when missing, "<invalid>" when broken.
std::string deployment_selector(const std::optional<api::LabelSelector>& selector) {
  if (!selector) return "";
  Result<api::Selector> compiled = api::Selector::from_label_selector(*selector);
  return compiled.ok() ? compiled->to_string() : "<invalid>";
}

Row deployment_row(const api::Deployment& d, int64_t now_ns) {
  Row row;
  row.cells = {
      text(d.metadata.name),
      text(std::to_string(d.status.ready_replicas) + "/" + std::to_string(d.spec.replicas.value_or(1))),
      integer(d.status.updated_replicas),
      integer(d.status.available_replicas),
      age(d.metadata, now_ns),
  };
  append_container_cells(d.spec.pod_template.spec.containers, row);
  row.cells.push_back(text(deployment_selector(d.spec.selector)));
  return row;
}

}  // namespace

KindPrinter replication_controller_printer() {
  return KindPrinter{
      with_template_columns(
          {
              name_column(),
              column("Desired", kRcReplicasDescription, "integer"),
              column("Current", kRcCurrentDescription, "integer"),
              column("Ready", "The number of ready replicas for this replication controller.", "integer"),
              age_column(),
          },
          kRcSelectorDescription),
      &print_as<api::ReplicationController, replication_controller_row>,
  };
}

KindPrinter replica_set_printer() {
  return KindPrinter{
      with_template_columns(
          {
              name_column(),
              column("Desired", kRsReplicasDescription, "integer"),
              column("Current", kRsCurrentDescription, "integer"),
              column("Ready",
                     "readyReplicas is the number of pods targeted by this ReplicaSet controller with a "
                     "Ready Condition.",
                     "integer"),
              age_column(),
          },
          kRsSelectorDescription),
      &print_as<api::ReplicaSet, replica_set_row>,
  };
}

KindPrinter deployment_printer() {
  return KindPrinter{
      with_template_columns(
          {
              name_column(),
              column("Ready", "Number of the pod with ready state"),
              column("Up-to-date",
                     "Total number of non-terminated pods targeted by this deployment that have the "
                     "desired template spec."),
              column("Available",
                     "Total number of available pods (ready for at least minReadySeconds) targeted by "
                     "this deployment."),
              age_column(),
          },
          "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the "
          "ones affected by this deployment."),
      &print_as<api::Deployment, deployment_row>,
  };
}

}  // namespace herd::server::printers
