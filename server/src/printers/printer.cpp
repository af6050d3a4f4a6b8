#include "printers/printer.hpp"

#include <set>
#include <utility>

#include "herd/api/label_selector.hpp"
#include "printers/human_duration.hpp"

namespace herd::server::printers {

ColumnDefinition column(std::string name, std::string_view description, std::string type, int priority) {
  return ColumnDefinition{std::move(name), std::move(type), "", std::string(description), priority};
}

ColumnDefinition wide_column(std::string name, std::string_view description, std::string type) {
  return column(std::move(name), description, std::move(type), 1);
}

ColumnDefinition name_column() {
  ColumnDefinition name = column("Name", kNameDescription);
  name.format = "name";
  return name;
}

ColumnDefinition age_column() { return column("Age", kCreationTimestampDescription); }

std::vector<ColumnDefinition> with_template_columns(std::vector<ColumnDefinition> columns,
                                                    std::string_view selector_description) {
  columns.push_back(wide_column("Containers", "Names of each container in the template."));
  columns.push_back(wide_column("Images", "Images referenced by each container in the template."));
  columns.push_back(wide_column("Selector", selector_description));
  return columns;
}

api::Value text(std::string value) { return api::Value::string(std::move(value)); }

api::Value integer(int64_t value) { return api::Value::integer(value); }

api::Value age(const api::ObjectMeta& meta, int64_t now_ns) {
  return text(time_since(meta.creation_timestamp, now_ns));
}

void append_container_cells(const std::vector<api::Container>& containers, Row& row) {
  std::vector<std::string> names;
  std::vector<std::string> images;
  for (const api::Container& c : containers) {
    names.push_back(c.name);
    images.push_back(c.image);
  }
  row.cells.push_back(text(join(names, ",")));
  row.cells.push_back(text(join(images, ",")));
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += separator;
    joined += parts[i];
  }
  return joined;
}

std::string format_labels(const api::StringMap& labels) {
  std::string formatted = api::Selector::from_labels(labels).to_string();
  return formatted.empty() ? "<none>" : formatted;
}

std::string format_label_selector(const std::optional<api::LabelSelector>& selector) {
  if (!selector) return "<none>";  // LabelSelectorAsSelector(nil) is Nothing, whose string is ""
  Result<api::Selector> compiled = api::Selector::from_label_selector(*selector);
  if (!compiled.ok()) return "<error>";
  std::string formatted = compiled->to_string();
  return formatted.empty() ? "<none>" : formatted;
}

std::string load_balancer_addresses(const api::LoadBalancerStatus& status) {
  std::set<std::string> addresses;
  for (const api::LoadBalancerIngress& ingress : status.ingress) {
    if (!ingress.ip.empty()) {
      addresses.insert(ingress.ip);
    } else if (!ingress.hostname.empty()) {
      addresses.insert(ingress.hostname);
    }
  }
  return join(std::vector<std::string>(addresses.begin(), addresses.end()), ",");
}

}  // namespace herd::server::printers
