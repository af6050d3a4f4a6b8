#pragma once

// `herd up` as a child process for tests: started with the given node flags
// on 127.0.0.1:0, its stdout read until the "herd is up" line, stopped with
// SIGTERM. Every wait is bounded. Tests only.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace herd::cli::testing {

// The `herd up` child: its pid and the read end of its stdout.
class HerdUpProcess {
 public:
  static constexpr auto kPoll = std::chrono::milliseconds(100);

  /// `herd up --data-dir DATA_DIR --listen 127.0.0.1:0 NODE_FLAGS...`.
  HerdUpProcess(const std::string& data_dir, const std::vector<std::string>& node_flags)
      : stderr_path_(data_dir + "/herd-up.stderr") {
    std::vector<std::string> args = {HERD_BINARY, "up", "--data-dir", data_dir, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), node_flags.begin(), node_flags.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      int err = open(stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (err >= 0) dup2(err, STDERR_FILENO);
      execv(HERD_BINARY, argv.data());
      _exit(127);
    }
    close(out[1]);
    stdout_ = out[0];
  }

  ~HerdUpProcess() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (stdout_ >= 0) close(stdout_);
  }

  // Reads stdout until the "herd is up: http://127.0.0.1:PORT" line; 0 when
  // it did not come within `timeout` (or the process died).
  uint16_t wait_until_up(std::chrono::seconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::regex up_line(R"(herd is up: http://127\.0\.0\.1:(\d+) )");
    while (std::chrono::steady_clock::now() < deadline) {
      std::smatch m;
      if (std::regex_search(stdout_text_, m, up_line)) return static_cast<uint16_t>(std::stoi(m[1].str()));
      pollfd p{stdout_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      std::array<char, 4096> buffer;
      ssize_t n = read(stdout_, buffer.data(), buffer.size());
      if (n <= 0) return 0;
      stdout_text_.append(buffer.data(), static_cast<std::size_t>(n));
    }
    return 0;
  }

  // Sends SIGTERM and waits (bounded) for the exit; -1 on timeout or signal.
  int terminate(std::chrono::seconds timeout) {
    kill(pid_, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        reaped_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(kPoll);
    }
    return -1;
  }

  std::string stderr_text() const {
    std::ifstream in(stderr_path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  const std::string& stdout_text() const { return stdout_text_; }

 private:
  std::string stderr_path_;
  pid_t pid_ = -1;
  int stdout_ = -1;
  bool reaped_ = false;
  std::string stdout_text_;
};

}  // namespace herd::cli::testing
