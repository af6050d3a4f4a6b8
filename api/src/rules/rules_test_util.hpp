#pragma once

// Test-only helpers shared by the rules/*_rules_test.cpp files: run a kind's
// validate_kind and look for an error by path and message fragment. Header-only,
// so each test file includes it instead of carrying its own copy.

#include <string>
#include <string_view>
#include <vector>

#include "rules/kind_rules.hpp"

namespace herd::api::rules::testing {

/// Every error as "path: message", one per line, for failure output.
inline std::string dump(const FieldErrors& errors) {
  std::string out;
  for (const FieldError& e : errors.list()) out += e.path + ": " + e.message + "\n";
  return out;
}

/// True when some error is at `path` and its message contains `fragment`.
inline bool has_error(const FieldErrors& errors, std::string_view path, std::string_view fragment) {
  for (const FieldError& e : errors.list()) {
    if (e.path == path && e.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

/// The errors validate_kind reports for `object` (no defaulting first).
template <class K>
FieldErrors validate(const K& object) {
  FieldErrors errors;
  validate_kind(object, errors);
  return errors;
}

/// validate(object)'s errors, each as one "path: message" string.
template <class K>
std::vector<std::string> problems(const K& object) {
  FieldErrors errors = validate(object);  // named: a temporary would die before the loop runs
  std::vector<std::string> out;
  for (const FieldError& e : errors.list()) out.push_back(e.path + ": " + e.message);
  return out;
}

/// True when some string of `list` contains `needle`.
inline bool has(const std::vector<std::string>& list, std::string_view needle) {
  for (const std::string& s : list) {
    if (s.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace herd::api::rules::testing
