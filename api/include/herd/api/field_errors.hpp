#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "herd/api/schema.hpp"

namespace herd::api {

/// A field path as Kubernetes prints it: `spec.containers[0].ports[1]`,
/// `metadata.labels[app]`. Cheap value type; building a child copies.
class FieldPath {
 public:
  FieldPath() = default;
  explicit FieldPath(std::string_view root) : text_(root) {}

  /// `spec` + `template` -> `spec.template`.
  FieldPath child(std::string_view name) const;
  /// `containers` + 0 -> `containers[0]`.
  FieldPath index(std::size_t i) const;
  /// `labels` + `app` -> `labels[app]`.
  FieldPath key(std::string_view k) const;

  const std::string& str() const { return text_; }
  bool empty() const { return text_.empty(); }

 private:
  std::string text_;
};

/// One problem with one field. `warning` problems do not make an object invalid.
struct FieldError {
  std::string path;
  std::string message;
  bool warning = false;
  bool operator==(const FieldError&) const = default;
};

/// Collects every problem of an object (validation reports all at once).
/// The helpers word messages as Kubernetes' field.Error does.
class FieldErrors {
 public:
  /// `path: Required value[: detail]`
  void required(const FieldPath& path, std::string_view detail = {});
  /// `path: Invalid value: "value": detail`
  void invalid(const FieldPath& path, std::string_view value, std::string_view detail);
  /// `path: Unsupported value: "value": supported values: "a", "b"`
  void not_supported(const FieldPath& path, std::string_view value, const Choices& supported);
  /// `path: Duplicate value: "value"`
  void duplicate(const FieldPath& path, std::string_view value);
  /// `path: Forbidden: detail`
  void forbidden(const FieldPath& path, std::string_view detail);
  /// Any other message, as given.
  void add(const FieldPath& path, std::string message, bool warning = false);

  const std::vector<FieldError>& list() const { return errors_; }
  /// True when there is no error (warnings do not count).
  bool ok() const;

 private:
  std::vector<FieldError> errors_;
};

}  // namespace herd::api
