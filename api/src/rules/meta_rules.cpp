// Rules shared by every kind: object metadata, labels, selectors, ports.

#include <string>
#include <string_view>
#include <vector>

#include "herd/api/label_selector.hpp"
#include "herd/api/names.hpp"
#include "herd/base/check.hpp"
#include "rules/kind_rules.hpp"

namespace herd::api::rules {
namespace {

constexpr std::size_t kMaxAnnotationsBytes = 256 * 1024;

void validate_name_and_namespace(const ObjectMeta& meta, bool namespaced, const FieldPath& path,
                                 FieldErrors& errors) {
  if (meta.name.empty() && meta.generate_name.empty()) {
    errors.required(path.child("name"), "name or generateName is required");
  }
  if (!namespaced && !meta.namespace_.empty()) {
    errors.forbidden(path.child("namespace"), "not allowed on this type (it is cluster-scoped)");
  }
  if (namespaced && !meta.namespace_.empty()) {
    report_all(is_dns1123_label(meta.namespace_), path.child("namespace"), meta.namespace_, errors);
  }
  validate_labels(meta.labels, path.child("labels"), errors);
  validate_annotations(meta.annotations, path.child("annotations"), errors);
}

}  // namespace

void report_all(const std::vector<std::string>& problems, const FieldPath& path, std::string_view value,
                FieldErrors& errors) {
  for (const std::string& p : problems) errors.invalid(path, value, p);
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ",") + v;
  return out;
}

void validate_object_meta(const ObjectMeta& meta, bool namespaced, bool name_is_label, const FieldPath& path,
                          FieldErrors& errors) {
  validate_name_and_namespace(meta, namespaced, path, errors);
  auto check = name_is_label ? is_dns1123_label : is_dns1123_subdomain;
  if (!meta.name.empty()) report_all(check(meta.name), path.child("name"), meta.name, errors);
  if (!meta.generate_name.empty()) {
    // generateName gets a random suffix appended; validate the prefix as a name.
    std::string prefix = meta.generate_name;
    if (!prefix.empty() && prefix.back() == '-') prefix.pop_back();
    report_all(check(prefix), path.child("generateName"), meta.generate_name, errors);
  }
}

void validate_path_segment_meta(const ObjectMeta& meta, bool namespaced, const FieldPath& path,
                                FieldErrors& errors) {
  validate_name_and_namespace(meta, namespaced, path, errors);
  report_all(is_path_segment_name(meta.name), path.child("name"), meta.name, errors);
  report_all(is_path_segment_name(meta.generate_name), path.child("generateName"), meta.generate_name, errors);
}

void validate_labels(const StringMap& labels, const FieldPath& path, FieldErrors& errors) {
  for (const auto& [key, value] : labels) {
    report_all(is_qualified_name(key), path, key, errors);
    report_all(is_valid_label_value(value), path.key(key), value, errors);
  }
}

void validate_annotations(const StringMap& annotations, const FieldPath& path, FieldErrors& errors) {
  std::size_t total = 0;
  for (const auto& [key, value] : annotations) {
    report_all(is_qualified_name(key), path, key, errors);
    total += key.size() + value.size();
  }
  if (total > kMaxAnnotationsBytes) {
    errors.add(path, "Too long: must have at most " + std::to_string(kMaxAnnotationsBytes) + " bytes");
  }
}

void validate_label_selector(const LabelSelector& selector, const FieldPath& path, FieldErrors& errors) {
  // api::validate_label_selector words each problem "<sub-path>: <message>", e.g.
  // "matchExpressions[0].values: Required value: must be specified when ...".
  for (const std::string& problem : api::validate_label_selector(selector)) {
    std::size_t colon = problem.find(": ");
    HERD_CHECK(colon != std::string::npos) << "label selector problem without a path: " << problem;
    std::string_view sub_path = std::string_view(problem).substr(0, colon);
    std::string_view message = std::string_view(problem).substr(colon + 2);
    // An empty operator is a missing required field, which the schema table
    // has already reported as "Required value"; don't report it twice.
    if (sub_path.ends_with(".operator") && message.starts_with("Invalid value: \"\": ")) continue;
    errors.add(path.child(sub_path), std::string(message));
  }
}

void validate_selector_matches(const LabelSelector& selector, const StringMap& template_labels,
                               const FieldPath& template_labels_path, FieldErrors& errors) {
  Result<Selector> compiled = Selector::from_label_selector(selector);
  if (!compiled.ok()) return;  // validate_label_selector reports why
  if (!compiled->matches(template_labels)) {
    std::string shown;
    for (const auto& [k, v] : template_labels) shown += (shown.empty() ? "" : ",") + k + "=" + v;
    errors.invalid(template_labels_path, shown, "`selector` does not match template `labels`");
  }
}

void validate_port_number(int64_t value, const FieldPath& path, FieldErrors& errors) {
  report_all(is_valid_port_number(value), path, std::to_string(value), errors);
}

void validate_port_or_name(const IntOrString& port, const FieldPath& path, FieldErrors& errors) {
  if (port.is_string()) {
    report_all(is_port_name(port.string_value()), path, port.string_value(), errors);
  } else {
    validate_port_number(port.int_value(), path, errors);
  }
}

void validate_non_negative(int64_t value, const FieldPath& path, FieldErrors& errors) {
  if (value < 0) errors.invalid(path, std::to_string(value), "must be greater than or equal to 0");
}

}  // namespace herd::api::rules
