#include "herd/api/validation.hpp"

#include "rules/kind_rules.hpp"
#include "schema/table_passes.hpp"

namespace herd::api {

std::vector<FieldError> validate_object(const Object& object) {
  FieldErrors errors;
  std::visit(
      [&errors](const auto& typed) {
        schema::validate_table(typed, FieldPath(), errors);
        rules::validate_kind(typed, errors);
      },
      object);
  return errors.list();
}

std::string invalid_object_message(const Object& object, const std::vector<FieldError>& errors) {
  std::vector<std::string> parts;
  for (const FieldError& e : errors) {
    if (!e.warning) parts.push_back(e.path.empty() ? e.message : e.path + ": " + e.message);
  }
  if (parts.empty()) return "";
  std::string out = std::string(kind_of(object).kind) + " \"" + meta(object).name + "\" is invalid: ";
  if (parts.size() == 1) return out + parts[0];
  out += '[';
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out + ']';
}

}  // namespace herd::api
