#pragma once

// Helpers the network tests share: JSON literals and scratch directories.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "herd/api/codec.hpp"
#include "herd/api/value.hpp"

namespace herd::runtime::network::testing {

/// `text` parsed as one JSON value (a failed parse fails the test and gives null).
inline api::Value json(std::string_view text) {
  Result<api::Value> value = api::parse_json_value(text);
  EXPECT_TRUE(value.ok()) << value.status().to_string();
  return value.ok() ? *value : api::Value();
}

/// A fresh directory /tmp/herd-<name>.XXXXXX, removed with everything in it
/// when the TempDir goes.
class TempDir {
 public:
  explicit TempDir(const std::string& name) {
    std::string pattern = "/tmp/herd-" + name + ".XXXXXX";
    EXPECT_NE(mkdtemp(pattern.data()), nullptr) << pattern;
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace herd::runtime::network::testing
