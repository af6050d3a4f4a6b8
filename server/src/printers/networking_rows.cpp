// Ingress's and NetworkPolicy's rows, after Kubernetes' printIngress and
// printNetworkPolicy.

#include "printers/printer.hpp"

namespace herd::server::printers {
namespace {

// Kubernetes' formatHosts: up to three rule hosts, "*" when no rule names one.
std::string hosts(const std::vector<api::IngressRule>& rules) {
  constexpr std::size_t kMax = 3;
  std::vector<std::string> shown;
  bool more = false;
  for (const api::IngressRule& rule : rules) {
    if (shown.size() == kMax) more = true;
    if (!more && !rule.host.empty()) shown.push_back(rule.host);
  }
  if (shown.empty()) return "*";
  std::string cell = join(shown, ",");
  if (more) cell += " + " + std::to_string(rules.size() - kMax) + " more...";
  return cell;
}

Row ingress_row(const api::Ingress& ing, int64_t now_ns) {
  Row row;
  row.cells = {
      text(ing.metadata.name),
      text(ing.spec.ingress_class_name.value_or("<none>")),
      text(hosts(ing.spec.rules)),
      text(load_balancer_addresses(ing.status.load_balancer)),
      text(ing.spec.tls.empty() ? "80" : "80, 443"),
      age(ing.metadata, now_ns),
  };
  return row;
}

Row network_policy_row(const api::NetworkPolicy& np, int64_t now_ns) {
  Row row;
  row.cells = {
      text(np.metadata.name),
      text(format_label_selector(np.spec.pod_selector)),
      age(np.metadata, now_ns),
  };
  return row;
}

}  // namespace

KindPrinter ingress_printer() {
  return KindPrinter{
      {
          name_column(),
          column("Class", "The name of the IngressClass resource that should be used for additional configuration"),
          column("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
          column("Address", "Address is a list containing ingress points for the load-balancer"),
          column("Ports", "Ports of TLS configurations that open"),
          age_column(),
      },
      &print_as<api::Ingress, ingress_row>,
  };
}

KindPrinter network_policy_printer() {
  return KindPrinter{
      {
          name_column(),
          column("Pod-Selector",
                 "Selects the pods to which this NetworkPolicy object applies.  The array of ingress "
                 "rules is applied to any pods selected by this field. Multiple network policies can "
                 "select the same set of pods.  In this case, the ingress rules for each are combined "
                 "additively. This field is NOT optional and follows standard label selector "
                 "semantics. An empty podSelector matches all pods in this namespace."),
          age_column(),
      },
      &print_as<api::NetworkPolicy, network_policy_row>,
  };
}

}  // namespace herd::server::printers
