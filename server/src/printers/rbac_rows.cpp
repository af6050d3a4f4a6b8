// The RBAC kinds' rows. Kubernetes has printers for the bindings
// (printRoleBinding, printClusterRoleBinding) but none for Role and
// ClusterRole, which get the API server's default table (rest.defaultTableConvertor):
// Name and "Created At", an absolute time, as `kubectl get roles` shows.

#include <ctime>

#include "printers/human_duration.hpp"
#include "printers/printer.hpp"

namespace herd::server::printers {
namespace {

// The default table's Created At: RFC 3339 to the second in UTC, Go's zero
// time for an unset timestamp.
std::string created_at(const api::ObjectMeta& meta) {
  std::optional<int64_t> ns = parse_model_time(meta.creation_timestamp);
  if (!ns) return "0001-01-01T00:00:00Z";
  constexpr int64_t kSecond = 1'000'000'000;
  int64_t seconds = *ns / kSecond - (*ns % kSecond < 0 ? 1 : 0);  // floor, also before 1970
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(buffer, n);
}

template <class Role>
Row role_row(const Role& role, int64_t /*now_ns*/) {
  Row row;
  row.cells = {text(role.metadata.name), text(created_at(role.metadata))};
  return row;
}

// The API server's default table, for a kind without a printer.
template <class Role>
KindPrinter default_printer() {
  return KindPrinter{{name_column(), column("Created At", kCreationTimestampDescription, "date")},
                     &print_as<Role, role_row<Role>>};
}

// Kubernetes' rbac.SubjectsStrings, each list joined by ", ": users,
// groups, and service accounts as "namespace/name".
void append_subject_cells(const std::vector<api::Subject>& subjects, Row& row) {
  std::vector<std::string> users;
  std::vector<std::string> groups;
  std::vector<std::string> service_accounts;
  for (const api::Subject& s : subjects) {
    if (s.kind == "ServiceAccount") {
      service_accounts.push_back(s.namespace_ + "/" + s.name);
    } else if (s.kind == "User") {
      users.push_back(s.name);
    } else if (s.kind == "Group") {
      groups.push_back(s.name);
    }
  }
  for (const auto* list : {&users, &groups, &service_accounts}) row.cells.push_back(text(join(*list, ", ")));
}

template <class Binding>
Row binding_row(const Binding& binding, int64_t now_ns) {
  Row row;
  row.cells = {
      text(binding.metadata.name),
      text(binding.role_ref.kind + "/" + binding.role_ref.name),
      age(binding.metadata, now_ns),
  };
  append_subject_cells(binding.subjects, row);
  return row;
}

// `holder` names the kind in the wide columns' descriptions ("roleBinding").
template <class Binding>
KindPrinter binding_printer(std::string_view role_ref_description, std::string_view holder) {
  std::string in = " in the " + std::string(holder);
  return KindPrinter{
      {
          name_column(),
          column("Role", role_ref_description),
          age_column(),
          wide_column("Users", "Users" + in),
          wide_column("Groups", "Groups" + in),
          wide_column("ServiceAccounts", "ServiceAccounts" + in),
      },
      &print_as<Binding, binding_row<Binding>>,
  };
}

}  // namespace

KindPrinter role_printer() { return default_printer<api::Role>(); }

KindPrinter cluster_role_printer() { return default_printer<api::ClusterRole>(); }

KindPrinter role_binding_printer() {
  return binding_printer<api::RoleBinding>(
      "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the "
      "RoleRef cannot be resolved, the Authorizer must return an error.",
      "roleBinding");
}

KindPrinter cluster_role_binding_printer() {
  return binding_printer<api::ClusterRoleBinding>(
      "RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the "
      "Authorizer must return an error.",
      "clusterRoleBinding");
}

}  // namespace herd::server::printers
