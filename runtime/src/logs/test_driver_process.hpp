#pragma once

// For tests: runs the real bin/herd-log-driver as containerd's shim does
// (log_driver.hpp): pipes on fds 3, 4 and 5, only CONTAINER_ID and
// CONTAINER_NAMESPACE in the environment.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace herd::runtime::logs {

class TestDriverProcess {
 public:
  /// Starts HERD_LOG_DRIVER_BINARY with `args`. HERD_CHECKs that it started.
  explicit TestDriverProcess(const std::vector<std::string>& args);
  /// Kills the driver if it still runs.
  ~TestDriverProcess();
  TestDriverProcess(const TestDriverProcess&) = delete;
  TestDriverProcess& operator=(const TestDriverProcess&) = delete;

  /// Waits until the driver closes fd 5; false after `timeout`.
  bool wait_ready(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  /// True while the process has not exited.
  bool running();

  void write_stdout(std::string_view bytes);
  void write_stderr(std::string_view bytes);
  void close_stdout();
  void close_stderr();
  void signal(int sig);

  /// The exit code once the driver exits (-signal when killed by one), or
  /// nullopt when it still runs after `timeout`.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout = std::chrono::seconds(5));

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  int stdout_ = -1;
  int stderr_ = -1;
  int ready_ = -1;
};

}  // namespace herd::runtime::logs
