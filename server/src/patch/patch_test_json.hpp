#pragma once

// For the patch tests only: documents written as JSON text in the test, and
// results compared as compact JSON so that a failure shows both sides.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

#include "herd/api/codec.hpp"
#include "herd/api/value.hpp"

namespace herd::server::patch::testing {

/// `text` parsed; a syntax error fails the test and gives null.
inline api::Value json(std::string_view text) {
  Result<api::Value> value = api::parse_json_value(text);
  EXPECT_TRUE(value.ok()) << value.status().to_string() << " in " << text;
  return value.ok() ? std::move(value).value() : api::Value();
}

/// `text` as to_json writes it, to compare with to_json of a result.
inline std::string compact(std::string_view text) { return api::to_json(json(text)); }

}  // namespace herd::server::patch::testing
