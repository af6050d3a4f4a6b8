#pragma once

// Test-only helpers for the printers' tests: objects from YAML, Tables at a
// fixed time, and cells by column name.

#include <cstdint>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/events/event.hpp"
#include "printers/table.hpp"

namespace herd::server::printers {

inline constexpr int64_t kSecondNs = 1'000'000'000;
/// The "now" of every printer test: 2026-01-01T00:00:00Z.
inline constexpr int64_t kNowNs = 1'767'225'600 * kSecondNs;

/// The RFC 3339 time `seconds` before kNowNs.
inline std::string ago(int64_t seconds) { return events::format_time(kNowNs - seconds * kSecondNs); }

/// The one object of a YAML manifest, decoded as the API decodes a request
/// (defaults applied). Fails the test on any error.
inline api::Object from_yaml(std::string_view yaml) {
  api::Manifest m = api::decode_manifest(yaml, api::DecodeOptions{"test.yaml", true});
  for (const api::Diagnostic& d : m.diagnostics) ADD_FAILURE() << d.to_string();
  if (m.objects.size() != 1) {
    ADD_FAILURE() << "expected one object, got " << m.objects.size();
    return api::Object{};
  }
  return m.objects.front().object;
}

/// The Table of one object at kNowNs, its resourceVersion "7".
inline api::Value table_of(const api::Object& o, IncludeObject include = IncludeObject::kNone) {
  TableOptions options;
  options.now_ns = kNowNs;
  options.include_object = include;
  return table_for(api::kind_of(o), {TableItem{&o, "7"}}, options);
}

/// The Table of the one object `yaml` holds (see from_yaml and table_of).
inline api::Value table_of_yaml(std::string_view yaml) { return table_of(from_yaml(yaml)); }

/// Row `row`'s cells as compact JSON, e.g. ["web","2/3",1,2,"3h"]: the whole
/// row at once, cell types included.
inline std::string cells_json(const api::Value& table, std::size_t row = 0) {
  return api::to_json(*table.find("rows")->as_array().at(row).find("cells"));
}

/// The cell of `column` (by its name) in row `row`; a null Value (and a test
/// failure) when the column does not exist.
inline api::Value cell(const api::Value& table, std::string_view column, std::size_t row = 0) {
  const api::Value::Array& columns = table.find("columnDefinitions")->as_array();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].find("name")->as_string() == column) {
      return table.find("rows")->as_array().at(row).find("cells")->as_array().at(i);
    }
  }
  ADD_FAILURE() << "no column " << column;
  return api::Value::null();
}

/// A string cell's text; "<not a string: ...>" otherwise, so a comparison fails.
inline std::string text_cell(const api::Value& table, std::string_view column, std::size_t row = 0) {
  api::Value c = cell(table, column, row);
  return c.is_string() ? c.as_string() : "<not a string: " + c.scalar_text() + ">";
}

/// An integer cell's value; -1 (and a test failure) for another type.
inline int64_t int_cell(const api::Value& table, std::string_view column, std::size_t row = 0) {
  api::Value c = cell(table, column, row);
  if (!c.is_int()) {
    ADD_FAILURE() << column << " is not an integer cell: " << c.scalar_text();
    return -1;
  }
  return c.as_int();
}

/// The text cell of `column` (STATUS unless said) of the object `yaml` holds.
inline std::string status_of(std::string_view yaml, std::string_view column = "Status") {
  api::Object o = from_yaml(yaml);
  return text_cell(table_of(o), column);
}

}  // namespace herd::server::printers
