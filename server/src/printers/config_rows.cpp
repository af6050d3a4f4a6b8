// ConfigMap's and Secret's rows, after Kubernetes' printConfigMap and
// printSecret: how many keys they hold, never the values.

#include <set>

#include "printers/printer.hpp"

namespace herd::server::printers {
namespace {

Row config_map_row(const api::ConfigMap& cm, int64_t now_ns) {
  Row row;
  row.cells = {
      text(cm.metadata.name),
      integer(static_cast<int64_t>(cm.data.size() + cm.binary_data.size())),
      age(cm.metadata, now_ns),
  };
  return row;
}

// Kubernetes counts the keys of data after stringData was merged into it
// (stored Secrets carry no stringData; one that was never defaulted might).
int64_t secret_keys(const api::Secret& secret) {
  std::set<std::string_view> keys;
  for (const auto& [key, value] : secret.data) keys.insert(key);
  for (const auto& [key, value] : secret.string_data) keys.insert(key);
  return static_cast<int64_t>(keys.size());
}

Row secret_row(const api::Secret& secret, int64_t now_ns) {
  Row row;
  row.cells = {
      text(secret.metadata.name),
      text(secret.type),
      integer(secret_keys(secret)),
      age(secret.metadata, now_ns),
  };
  return row;
}

}  // namespace

KindPrinter config_map_printer() {
  return KindPrinter{
      {
          name_column(),
          column("Data",
                 "Data contains the configuration data. Each key must consist of alphanumeric "
                 "characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the "
                 "BinaryData field. The keys stored in Data must not overlap with the keys in the "
                 "BinaryData field, this is enforced during validation process."),
          age_column(),
      },
      &print_as<api::ConfigMap, config_map_row>,
  };
}

KindPrinter secret_printer() {
  return KindPrinter{
      {
          name_column(),
          column("Type",
                 "Used to facilitate programmatic handling of secret data. More info: "
                 "https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
          column("Data",
                 "Data contains the secret data. Each key must consist of alphanumeric characters, '-', "
                 "'_' or '.'. The serialized form of the secret data is a base64 encoded string, "
                 "representing the arbitrary (possibly non-string) data value here. Described in "
                 "https://tools.ietf.org/html/rfc4648#section-4"),
          age_column(),
      },
      &print_as<api::Secret, secret_row>,
  };
}

}  // namespace herd::server::printers
