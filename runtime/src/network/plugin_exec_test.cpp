// The process executor against small shell scripts standing in for plugins.

#include "network/plugin_exec.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "network/test_support.hpp"

namespace herd::runtime::network {
namespace {

class PluginExecTest : public ::testing::Test {
 protected:
  // An executable /bin/sh script with `body`; its path.
  std::string script(const std::string& name, const std::string& body) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    chmod(path.c_str(), 0755);
    return path;
  }

  Result<ExecOutput> run(const std::string& path, std::string stdin_data = "",
                         std::vector<std::string> env = {"CNI_COMMAND=ADD"},
                         std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return executor_->run(ExecRequest{path, std::move(env), std::move(stdin_data), timeout});
  }

  testing::TempDir temp_{"plugin-exec-test"};
  const std::string dir_ = temp_.path();
  std::unique_ptr<PluginExecutor> executor_ = make_process_executor();
};

TEST_F(PluginExecTest, FeedsStdinAndCollectsStdoutStderrAndTheExitCode) {
  const std::string plugin = script("echo", "cat; echo \"$CNI_COMMAND\" >&2; exit 3");
  Result<ExecOutput> output = run(plugin, "{\"cniVersion\":\"1.0.0\"}");
  ASSERT_TRUE(output.ok()) << output.status().to_string();
  EXPECT_EQ(output->stdout_data, "{\"cniVersion\":\"1.0.0\"}");
  EXPECT_EQ(output->stderr_data, "ADD\n");
  EXPECT_EQ(output->exit_code, 3);
}

TEST_F(PluginExecTest, TheEnvironmentIsExactlyTheGivenOne) {
  Result<ExecOutput> output = run(script("env", "env | sort"), "", {"A=1", "CNI_NETNS="});
  ASSERT_TRUE(output.ok());
  // sh itself adds PWD.
  EXPECT_NE(output->stdout_data.find("A=1\nCNI_NETNS=\n"), std::string::npos) << output->stdout_data;
  EXPECT_EQ(output->stdout_data.find("HOME="), std::string::npos) << output->stdout_data;
}

TEST_F(PluginExecTest, OnlyStdioIsInherited) {
  Result<ExecOutput> output = run(script("fds", "ls /proc/self/fd | sort -n | tr '\\n' ' '"));
  ASSERT_TRUE(output.ok());
  // 0-2, and the fd ls reads /proc/self/fd through.
  EXPECT_EQ(output->stdout_data, "0 1 2 3 ");
}

TEST_F(PluginExecTest, APluginThatIgnoresALargeStdinDoesNotHurtTheCaller) {
  Result<ExecOutput> output = run(script("quiet", "exit 0"), std::string(4 << 20, 'x'));
  ASSERT_TRUE(output.ok()) << output.status().to_string();
  EXPECT_EQ(output->exit_code, 0);
}

TEST_F(PluginExecTest, ASignalShowsAs128PlusItsNumber) {
  Result<ExecOutput> output = run(script("killed", "kill -9 $$"));
  ASSERT_TRUE(output.ok());
  EXPECT_EQ(output->exit_code, 128 + 9);
}

TEST_F(PluginExecTest, APluginThatHangsIsKilledAtTheTimeout) {
  const auto start = std::chrono::steady_clock::now();
  Result<ExecOutput> output = run(script("hang", "exec sleep 30"), "", {}, std::chrono::milliseconds(200));
  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(output.status().message().find("did not finish within 200 ms and was killed"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(PluginExecTest, AMissingOrNonExecutableFileIsNotFound) {
  EXPECT_EQ(run(dir_ + "/missing").status().code(), StatusCode::kNotFound);
  const std::string plain = dir_ + "/plain";
  std::ofstream(plain) << "data";
  EXPECT_EQ(run(plain).status().code(), StatusCode::kNotFound);
}

TEST_F(PluginExecTest, OutputIsCappedPerStream) {
  Result<ExecOutput> output = run(script("big", "head -c 3000000 /dev/zero"));
  ASSERT_TRUE(output.ok());
  EXPECT_EQ(output->stdout_data.size(), kMaxPluginOutput);
}

}  // namespace
}  // namespace herd::runtime::network
