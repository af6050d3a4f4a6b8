// herd-log-driver: see log_driver.hpp for how containerd's shim runs it.

#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <vector>

#include "herd/base/clock.hpp"
#include "herd/base/logging.hpp"
#include "logs/log_driver.hpp"
#include "logs/rotating_log_file.hpp"
#include "logs/writer_lock.hpp"

namespace {

constexpr int kStdoutFd = 3;
constexpr int kStderrFd = 4;
constexpr int kReadyFd = 5;

volatile std::sig_atomic_t g_stop = 0;

void on_stop_signal(int) { g_stop = 1; }

// Blocks SIGTERM and SIGINT outside ppoll (see copy_container_output) and
// returns the mask to wait with, in which they are open.
sigset_t install_stop_signals() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  signal(SIGPIPE, SIG_IGN);
  sigset_t blocked;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGTERM);
  sigaddset(&blocked, SIGINT);
  sigset_t wait_mask;
  sigprocmask(SIG_BLOCK, &blocked, &wait_mask);
  sigdelset(&wait_mask, SIGTERM);
  sigdelset(&wait_mask, SIGINT);
  return wait_mask;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace herd::runtime::logs;
  sigset_t wait_mask = install_stop_signals();
  auto options = parse_log_driver_args(std::vector<std::string_view>(argv + 1, argv + argc));
  if (!options.ok()) {
    HERD_LOG(kError, "herd-log-driver") << options.status().message();
    return 2;
  }
  std::error_code ec;
  std::filesystem::create_directories(options->path.parent_path(), ec);
  if (ec) {
    HERD_LOG(kError, "herd-log-driver")
        << "create " << options->path.parent_path().string() << ": " << ec.message();
    return 1;
  }
  // The lock before the file: whoever sees the log also sees its writer's lock.
  auto lock = hold_writer_lock(options->path);
  if (!lock.ok()) {
    HERD_LOG(kError, "herd-log-driver") << lock.status().message();
    return 1;
  }
  auto file = RotatingLogFile::open(options->path, options->limits);
  if (!file.ok()) {
    HERD_LOG(kError, "herd-log-driver") << file.status().message();
    return 1;
  }
  ::close(kReadyFd);  // the shim waits for this EOF before it starts the container
  herd::SystemClock clock;
  copy_container_output(kStdoutFd, kStderrFd, **file, clock, g_stop, wait_mask);
  return 0;
}
