#pragma once

// For tests that run the built binaries as a user would: runs a shell
// command and collects its exit code and output (stdout and stderr).

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace herd::cli::testing {

struct Output {
  int code = -1;  ///< The exit code; -1 when it did not exit normally.
  std::string text;
};

inline Output run(const std::string& command) {
  Output out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.text.append(buffer.data(), n);
  int status = pclose(pipe);
  out.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace herd::cli::testing
