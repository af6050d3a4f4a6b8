#include "network/plugin_exec.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <thread>

namespace herd::runtime::network {
namespace {

using Clock = std::chrono::steady_clock;

std::string errno_text(int error) { return std::strerror(error); }

// Closes what it holds when it goes; close_now() closes early.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd& operator=(Fd&& other) noexcept {
    close_now();
    fd_ = other.fd_;
    other.fd_ = -1;
    return *this;
  }
  ~Fd() { close_now(); }
  int get() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  void close_now() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
};

Status make_pipe(Pipe& pipe) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return Status::unavailable("pipe2: " + errno_text(errno));
  pipe.read = Fd(fds[0]);
  pipe.write = Fd(fds[1]);
  return Status();
}

// Blocks SIGPIPE on this thread while stdin is written, so that a plugin
// which exits without reading it costs an EPIPE instead of the process. A
// SIGPIPE raised meanwhile is taken off the thread before the mask returns.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~SigpipeBlock() {
    if (raised_) {
      const timespec zero{0, 0};
      (void)sigtimedwait(&pipe_, nullptr, &zero);  // nothing pending is fine
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  void raised() { raised_ = true; }

 private:
  sigset_t pipe_;
  sigset_t old_;
  bool raised_ = false;
};

// Everything the child needs, in the form posix_spawn takes.
struct SpawnArgs {
  explicit SpawnArgs(const ExecRequest& request) {
    argv = {const_cast<char*>(request.path.c_str()), nullptr};
    for (const std::string& entry : request.env) envp.push_back(const_cast<char*>(entry.c_str()));
    envp.push_back(nullptr);
  }
  std::array<char*, 2> argv{};
  std::vector<char*> envp;
};

Result<pid_t> spawn(const ExecRequest& request, Pipe& in, Pipe& out, Pipe& err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read.get(), 0);
  posix_spawn_file_actions_adddup2(&actions, out.write.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err.write.get(), 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigset_t all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  SpawnArgs args(request);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, request.path.c_str(), &actions, &attr, args.argv.data(), args.envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (error != 0) {
    return Status::unavailable("starting " + request.path + ": " + errno_text(error));
  }
  return pid;
}

// Appends what `fd` has to `out` (up to kMaxPluginOutput); closes it at EOF.
void drain(Fd& fd, std::string& out) {
  char buffer[8192];
  const ssize_t n = read(fd.get(), buffer, sizeof buffer);
  if (n > 0) {
    const std::size_t room = kMaxPluginOutput - std::min(out.size(), kMaxPluginOutput);
    out.append(buffer, std::min(static_cast<std::size_t>(n), room));
  } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
    fd.close_now();
  }
}

// Feeds stdin and collects stdout/stderr until both are closed or the
// deadline passes. Returns false on timeout.
bool exchange(const std::string& input, Fd& in, Fd& out, Fd& err, ExecOutput& output,
              Clock::time_point deadline) {
  SigpipeBlock sigpipe;
  std::size_t written = 0;
  if (input.empty()) in.close_now();
  while (out.open() || err.open()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    std::array<pollfd, 3> fds{pollfd{out.get(), POLLIN, 0}, pollfd{err.get(), POLLIN, 0},
                              pollfd{in.get(), POLLOUT, 0}};
    if (poll(fds.data(), fds.size(), static_cast<int>(left.count())) < 0 && errno != EINTR) {
      return false;
    }
    if (fds[0].revents != 0) drain(out, output.stdout_data);
    if (fds[1].revents != 0) drain(err, output.stderr_data);
    if (fds[2].revents != 0) {
      const ssize_t n = write(in.get(), input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 && errno == EPIPE) sigpipe.raised();
      if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) in.close_now();
    }
  }
  return true;
}

// Waits for `pid` until the deadline; false when it is still running then.
bool wait_for_exit(pid_t pid, Clock::time_point deadline, int* wait_status) {
  while (true) {
    const pid_t done = waitpid(pid, wait_status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

class ProcessExecutor final : public PluginExecutor {
 public:
  Result<ExecOutput> run(const ExecRequest& request) override {
    if (access(request.path.c_str(), X_OK) != 0) {
      return Status::not_found("cannot execute " + request.path + ": " + errno_text(errno));
    }
    Pipe in;
    Pipe out;
    Pipe err;
    HERD_RETURN_IF_ERROR(make_pipe(in));
    HERD_RETURN_IF_ERROR(make_pipe(out));
    HERD_RETURN_IF_ERROR(make_pipe(err));
    const Clock::time_point deadline = Clock::now() + request.timeout;
    HERD_ASSIGN_OR_RETURN(pid_t pid, spawn(request, in, out, err));
    in.read.close_now();
    out.write.close_now();
    err.write.close_now();
    for (Fd* fd : {&in.write, &out.read, &err.read}) fcntl(fd->get(), F_SETFL, O_NONBLOCK);

    ExecOutput output;
    int wait_status = 0;
    if (!exchange(request.stdin_data, in.write, out.read, err.read, output, deadline) ||
        !wait_for_exit(pid, deadline, &wait_status)) {
      kill(pid, SIGKILL);
      while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
      }
      return Status::unavailable(request.path + " did not finish within " +
                                 std::to_string(request.timeout.count()) + " ms and was killed");
    }
    output.exit_code = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : 128 + WTERMSIG(wait_status);
    return output;
  }
};

}  // namespace

std::unique_ptr<PluginExecutor> make_process_executor() { return std::make_unique<ProcessExecutor>(); }

}  // namespace herd::runtime::network
