#include "logs/test_driver_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <thread>

#include "herd/base/check.hpp"

namespace herd::runtime::logs {
namespace {

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    HERD_CHECK(n > 0) << "write to the driver's pipe failed";
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

void close_fd(int& fd) {
  if (fd >= 0) {
    ::close(fd);
    fd = -1;
  }
}

}  // namespace

TestDriverProcess::TestDriverProcess(const std::vector<std::string>& args) {
  int out[2], err[2], ready[2];
  HERD_CHECK(::pipe2(out, O_CLOEXEC) == 0 && ::pipe2(err, O_CLOEXEC) == 0 &&
             ::pipe2(ready, O_CLOEXEC) == 0);
  std::vector<std::string> argv_storage{HERD_LOG_DRIVER_BINARY};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  char env_id[] = "CONTAINER_ID=test";
  char env_ns[] = "CONTAINER_NAMESPACE=herd-test";
  char* envp[] = {env_id, env_ns, nullptr};
  pid_ = ::fork();
  HERD_CHECK(pid_ >= 0);
  if (pid_ == 0) {
    // Above 5 first, so that no dup2 below overwrites a source still needed.
    int a = ::fcntl(out[0], F_DUPFD_CLOEXEC, 10);
    int b = ::fcntl(err[0], F_DUPFD_CLOEXEC, 10);
    int c = ::fcntl(ready[1], F_DUPFD_CLOEXEC, 10);
    if (a < 0 || b < 0 || c < 0 || ::dup2(a, 3) < 0 || ::dup2(b, 4) < 0 || ::dup2(c, 5) < 0) {
      ::_exit(127);
    }
    ::execve(argv[0], argv.data(), envp);
    ::_exit(127);
  }
  ::close(out[0]);
  ::close(err[0]);
  ::close(ready[1]);
  stdout_ = out[1];
  stderr_ = err[1];
  ready_ = ready[0];
}

TestDriverProcess::~TestDriverProcess() {
  close_fd(stdout_);
  close_fd(stderr_);
  close_fd(ready_);
  if (running()) {
    ::kill(pid_, SIGKILL);
    wait_exit();
  }
}

bool TestDriverProcess::wait_ready(std::chrono::milliseconds timeout) {
  pollfd fd{ready_, POLLIN, 0};
  if (::poll(&fd, 1, static_cast<int>(timeout.count())) != 1) {
    return false;
  }
  char byte;
  return ::read(ready_, &byte, 1) == 0;  // EOF: every write end is closed
}

bool TestDriverProcess::running() { return !wait_exit(std::chrono::milliseconds(0)).has_value(); }

void TestDriverProcess::write_stdout(std::string_view bytes) { write_all(stdout_, bytes); }
void TestDriverProcess::write_stderr(std::string_view bytes) { write_all(stderr_, bytes); }
void TestDriverProcess::close_stdout() { close_fd(stdout_); }
void TestDriverProcess::close_stderr() { close_fd(stderr_); }
void TestDriverProcess::signal(int sig) { ::kill(pid_, sig); }

std::optional<int> TestDriverProcess::wait_exit(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!exit_code_) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    } else if (std::chrono::steady_clock::now() >= deadline) {
      break;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  return exit_code_;
}

}  // namespace herd::runtime::logs
