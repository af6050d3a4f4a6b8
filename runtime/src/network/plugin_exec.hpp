#pragma once

// PluginExecutor: runs one CNI plugin binary to completion, feeding it its
// configuration on stdin and collecting what it prints. The process
// implementation (posix_spawn) is what herd uses; the CNI logic above it is
// tested with an in-memory executor.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "herd/base/result.hpp"

namespace herd::runtime::network {

struct ExecRequest {
  std::string path;              ///< The executable; also argv[0].
  std::vector<std::string> env;  ///< The whole environment, "KEY=value" each.
  std::string stdin_data;
  std::chrono::milliseconds timeout{30'000};
};

struct ExecOutput {
  int exit_code = 0;  ///< 128 + signal when a signal ended it.
  std::string stdout_data;
  std::string stderr_data;
};

class PluginExecutor {
 public:
  virtual ~PluginExecutor() = default;
  /// Runs `request` and waits for it to exit. A non-zero exit is an
  /// ExecOutput, not an error. kNotFound when the file cannot be executed,
  /// kUnavailable when the process cannot be started or outlives its
  /// timeout (it is then killed with SIGKILL).
  virtual Result<ExecOutput> run(const ExecRequest& request) = 0;
};

/// Output beyond this many bytes per stream is dropped (CNI results are a few KiB).
inline constexpr std::size_t kMaxPluginOutput = 1 << 20;

/// Starts processes with posix_spawn: no file descriptors beyond stdin, stdout
/// and stderr, default signal handling, an empty signal mask. Thread-safe.
std::unique_ptr<PluginExecutor> make_process_executor();

}  // namespace herd::runtime::network
