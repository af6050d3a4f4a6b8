// Every input the manifest fuzzer ever failed on (api/fuzz/regressions/)
// stays fixed.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../fuzz/round_trip_check.hpp"

namespace herd::api {
namespace {

TEST(FuzzRegressions, EveryPastFailureDecodesAndRoundTrips) {
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(HERD_SOURCE_DIR "/api/fuzz/regressions")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(fuzz::check_round_trip(text.str()), "") << entry.path();
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

TEST(FuzzRegressions, InvalidUtf8IsASyntaxErrorAtItsPosition) {
  Manifest m = decode_manifest("apiVersion: v1\nkind: ConfigMap\ndata:\n  k: ab\xff\n", DecodeOptions{"u.yaml", true});
  ASSERT_EQ(m.diagnostics.size(), 1u);
  EXPECT_EQ(m.diagnostics[0].to_string(), "u.yaml:4:8: syntax error: invalid UTF-8 (byte 0xff)");
}

}  // namespace
}  // namespace herd::api
