// Rules shared by every kind: object metadata, labels, selectors, ports.

#include "herd/api/names.hpp"
#include "rules/kind_rules.hpp"

namespace herd::api::rules {
namespace {

void report_all(const std::vector<std::string>& problems, const FieldPath& path, std::string_view value,
                FieldErrors& errors) {
  for (const std::string& p : problems) errors.invalid(path, value, p);
}

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
  for (const std::string* n : {&meta.name, &meta.generate_name}) {
    if (*n == "." || *n == "..") errors.invalid(path.child("name"), *n, "may not be '.' or '..'");
    if (n->find_first_of("/%") != std::string::npos) {
      errors.invalid(path.child("name"), *n, "may not contain '/' or '%'");
    }
  }
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
    std::vector<std::string> problems = is_qualified_name(key);
    for (const std::string& p : problems) errors.invalid(path, key, p);
    total += key.size() + value.size();
  }
  if (total > kMaxAnnotationsBytes) {
    errors.add(path, "Too long: must have at most " + std::to_string(kMaxAnnotationsBytes) + " bytes");
  }
}

void validate_label_selector(const LabelSelector& selector, const FieldPath& path, FieldErrors& errors) {
  validate_labels(selector.match_labels, path.child("matchLabels"), errors);
  for (std::size_t i = 0; i < selector.match_expressions.size(); ++i) {
    const LabelSelectorRequirement& r = selector.match_expressions[i];
    FieldPath at = path.child("matchExpressions").index(i);
    report_all(is_qualified_name(r.key), at.child("key"), r.key, errors);
    if (r.op == "In" || r.op == "NotIn") {
      if (r.values.empty()) errors.required(at.child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
    } else if (r.op == "Exists" || r.op == "DoesNotExist") {
      if (!r.values.empty()) {
        errors.forbidden(at.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
      }
    } else if (!r.op.empty()) {
      static constexpr std::array<std::string_view, 4> kOps{"In", "NotIn", "Exists", "DoesNotExist"};
      errors.not_supported(at.child("operator"), r.op, Choices{kOps.data(), kOps.size()});
    }
    for (std::size_t j = 0; j < r.values.size(); ++j) {
      report_all(is_valid_label_value(r.values[j]), at.child("values").index(j), r.values[j], errors);
    }
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
