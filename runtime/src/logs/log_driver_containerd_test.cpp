// herd-log-driver under a real containerd: the runc shim starts it from a
// binary:// log URI, as the containerd runtime will. Needs the containerd at
// HERD_CONTAINERD_SOCKET and Debian's `ctr` (and /bin/busybox, static); fails
// without them. By hand:
//   export HERD_CONTAINERD_SOCKET=$(scripts/containerd up | tail -n 1)
//
// The containers run from a plain directory holding busybox (ctr run
// --rootfs), so no image and no registry is involved.

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "herd/runtime/container_logs.hpp"
#include "logs/rotating_log_file.hpp"
#include "logs/test_support.hpp"
#include "logs/writer_lock.hpp"

namespace herd::runtime {
namespace {

using namespace std::chrono_literals;
using namespace logs::testing;

std::string shell_quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

class LogDriverContainerdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* socket = std::getenv("HERD_CONTAINERD_SOCKET");
    ASSERT_TRUE(socket != nullptr && *socket != '\0')
        << "HERD_CONTAINERD_SOCKET is not set: this test needs a real containerd. Run "
           "`scripts/containerd up` and export the socket it prints last (scripts/test does both).";
    socket_ = socket;
    ns_ = "herd-logtest-" + std::to_string(::getpid());
    std::filesystem::create_directories(dir_.path() / "rootfs" / "bin");
    std::filesystem::copy_file("/bin/busybox", dir_.path() / "rootfs" / "bin" / "busybox");
  }

  void TearDown() override {
    for (const auto& id : started_) {
      (void)ctr({"task", "kill", "-s", "KILL", id});  // cleanup: it may have exited already
      std::this_thread::sleep_for(100ms);
      (void)ctr({"task", "delete", id});
      (void)ctr({"container", "delete", id});
    }
    (void)ctr({"namespaces", "remove", ns_});  // cleanup: fails only if something is left
  }

  // Runs ctr against the test's containerd and namespace; its exit code,
  // with its output (stdout and stderr) in *output when given.
  int ctr(const std::vector<std::string>& args, std::string* output = nullptr) {
    std::string command = "ctr --address " + shell_quote(socket_) + " --namespace " + ns_;
    for (const auto& arg : args) {
      command += " " + shell_quote(arg);
    }
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) {
      return -1;
    }
    std::string text;
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
      text.append(buffer, n);
    }
    int status = ::pclose(pipe);
    if (output != nullptr) {
      *output = text;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // `ctr run` of `script` in busybox sh, its output going to herd-log-driver.
  int run_container(const std::string& id, const std::string& script, bool detach,
                    const LogDriverConfig& config, std::string* output) {
    started_.push_back(id);
    std::vector<std::string> args{"run"};
    if (detach) {
      args.push_back("--detach");
    } else {
      args.push_back("--rm");
    }
    for (const std::string& arg :
         {std::string("--rootfs"), std::string("--log-uri"),
          log_driver_uri(config, container_log_path(pods_, "uid-1", "app", 0)),
          (dir_.path() / "rootfs").string(), id, std::string("/bin/busybox"), std::string("sh"),
          std::string("-c"), script}) {
      args.push_back(arg);
    }
    return ctr(args, output);
  }

  std::string socket_;
  std::string ns_;
  TestDir dir_;
  std::filesystem::path pods_ = dir_.path() / "pods";
  std::unique_ptr<ContainerLogs> logs_ = make_file_container_logs(pods_);
  std::vector<std::string> started_;
};

TEST_F(LogDriverContainerdTest, TheShimRunsTheDriverAndTheLinesCanBeReadBack) {
  LogDriverConfig config{.binary = HERD_LOG_DRIVER_BINARY, .max_size = 2048, .max_files = 3};
  std::string output;
  int rc = run_container("logs-once-" + std::to_string(::getpid()),
                         "echo to stderr >&2; sleep 0.2; i=0; while [ $i -lt 50 ]; do "
                         "echo line $i; i=$((i+1)); done; head -c 20000 /dev/zero | tr '\\0' z",
                         false, config, &output);
  ASSERT_EQ(rc, 0) << output;
  EXPECT_EQ(output, "") << "the container's output went to the driver, not to ctr";

  auto log = container_log_path(pods_, "uid-1", "app", 0);
  ASSERT_TRUE(eventually([&] { return logs::writer_state(log) == logs::WriterState::kFinished; }))
      << "the driver exits when the shim deletes the task";
  // 50 records of ~47 bytes and the long line's two records rotate the 2 KiB
  // files; 3 are kept, so the stderr line and the first lines are gone.
  EXPECT_TRUE(std::filesystem::exists(logs::rotated_log_path(log, 2)));
  EXPECT_FALSE(std::filesystem::exists(logs::rotated_log_path(log, 3)));

  // The long line is joined again; the driver ended it at EOF, as
  // containerd's own CRI logger does.
  auto r = app_request();
  r.tail_lines = 3;
  std::string text = read_all(*logs_, r);
  EXPECT_TRUE(text == "line 48\nline 49\n" + std::string(20000, 'z') + "\n")
      << text.size() << " bytes: " << text.substr(0, 100);
}

TEST_F(LogDriverContainerdTest, FollowSeesLinesWhileTheContainerRunsWithoutItsClient) {
  LogDriverConfig config{.binary = HERD_LOG_DRIVER_BINARY};
  std::string id = "logs-follow-" + std::to_string(::getpid());
  std::string output;
  // --detach: ctr exits at once, so nothing but the shim and the driver
  // carry the lines (as while herd restarts).
  ASSERT_EQ(run_container(id,
                          "echo started; i=0; while [ $i -lt 10 ]; do sleep 0.05; echo tick $i; "
                          "i=$((i+1)); done; echo oops >&2; exec sleep 600",
                          true, config, &output),
            0)
      << output;

  Follower follower(*logs_, app_request());
  std::string want = "started\n";
  for (int i = 0; i < 10; ++i) {
    want += "tick " + std::to_string(i) + "\n";
  }
  want += "oops\n";
  ASSERT_TRUE(eventually([&] { return follower.text() == want; })) << follower.text();
  EXPECT_FALSE(follower.result().has_value()) << "the container still runs: the follow goes on";

  ASSERT_EQ(ctr({"task", "kill", "-s", "KILL", id}, &output), 0) << output;
  ASSERT_TRUE(eventually([&] { return ctr({"task", "delete", id}) == 0; }));
  ASSERT_TRUE(eventually([&] { return follower.result().has_value(); }))
      << "deleting the task ends the driver, and with it the follow";
  EXPECT_TRUE(follower.result()->ok()) << follower.result()->to_string();
  EXPECT_EQ(follower.text(), want);
}

}  // namespace
}  // namespace herd::runtime
