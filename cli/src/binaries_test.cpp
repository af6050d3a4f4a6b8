// Runs the built binaries as a user would.

#include <gtest/gtest.h>

#include <string>

#include "run_binary_testing.hpp"

namespace {

using herd::cli::testing::Output;
using herd::cli::testing::run;

TEST(HerdctlBinary, HelpListsTheCommandsThatExist) {
  Output o = run(std::string(HERDCTL_BINARY) + " --help");
  EXPECT_EQ(o.code, 0);
  EXPECT_NE(o.text.find("validate"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("convert"), std::string::npos) << o.text;
}

TEST(HerdctlBinary, ValidateExitCodesFollowTheOutcome) {
  EXPECT_EQ(run(std::string(HERDCTL_BINARY) + " validate -f " HERD_SOURCE_DIR "/examples/seed").code, 0);
  Output bad = run(std::string(HERDCTL_BINARY) + " validate -f " HERD_SHARED_DIR "/seed/manifests/pod-constraintpod.yaml");
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.text.find("pod-constraintpod.yaml:17:3: spec.livenessProbe: unknown field"), std::string::npos)
      << bad.text;
}

TEST(HerdctlBinary, UnknownCommandIsAUsageError) {
  Output o = run(std::string(HERDCTL_BINARY) + " frobnicate");
  EXPECT_NE(o.code, 0);
}

TEST(HerdBinary, HelpAndVersion) {
  Output help = run(std::string(HERD_BINARY) + " --help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.text.find("version"), std::string::npos);
  Output version = run(std::string(HERD_BINARY) + " version");
  EXPECT_EQ(version.code, 0);
  EXPECT_EQ(version.text.rfind("herd ", 0), 0u) << version.text;
}

}  // namespace
