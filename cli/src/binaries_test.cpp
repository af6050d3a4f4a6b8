// Runs the built binaries as a user would.

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace {

struct Output {
  int code;
  std::string text;
};

Output run(const std::string& command) {
  Output out{-1, ""};
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.text.append(buffer.data(), n);
  int status = pclose(pipe);
  out.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

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
