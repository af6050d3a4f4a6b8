#include "herd/api/field_errors.hpp"

namespace herd::api {

FieldPath FieldPath::child(std::string_view name) const {
  FieldPath p = *this;
  if (!p.text_.empty()) p.text_ += '.';
  p.text_ += name;
  return p;
}

FieldPath FieldPath::index(std::size_t i) const {
  FieldPath p = *this;
  p.text_ += '[';
  p.text_ += std::to_string(i);
  p.text_ += ']';
  return p;
}

FieldPath FieldPath::key(std::string_view k) const {
  FieldPath p = *this;
  p.text_ += '[';
  p.text_ += k;
  p.text_ += ']';
  return p;
}

void FieldErrors::required(const FieldPath& path, std::string_view detail) {
  std::string msg = "Required value";
  if (!detail.empty()) msg.append(": ").append(detail);
  add(path, std::move(msg));
}

void FieldErrors::invalid(const FieldPath& path, std::string_view value, std::string_view detail) {
  std::string msg = "Invalid value: \"";
  msg.append(value).append("\"");
  if (!detail.empty()) msg.append(": ").append(detail);
  add(path, std::move(msg));
}

void FieldErrors::not_supported(const FieldPath& path, std::string_view value, const Choices& supported) {
  std::string msg = "Unsupported value: \"";
  msg.append(value).append("\": supported values: ");
  bool first = true;
  for (std::size_t i = 0; i < supported.size; ++i) {
    if (supported.values[i].empty()) continue;
    if (!first) msg.append(", ");
    first = false;
    msg.append("\"").append(supported.values[i]).append("\"");
  }
  add(path, std::move(msg));
}

void FieldErrors::duplicate(const FieldPath& path, std::string_view value) {
  add(path, "Duplicate value: \"" + std::string(value) + "\"");
}

void FieldErrors::forbidden(const FieldPath& path, std::string_view detail) {
  add(path, "Forbidden: " + std::string(detail));
}

void FieldErrors::add(const FieldPath& path, std::string message, bool warning) {
  errors_.push_back(FieldError{path.str(), std::move(message), warning});
}

bool FieldErrors::ok() const {
  for (const FieldError& e : errors_) {
    if (!e.warning) return false;
  }
  return true;
}

}  // namespace herd::api
