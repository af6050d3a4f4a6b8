#include "logs/log_driver.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <string>

#include "herd/base/logging.hpp"
#include "logs/line_splitter.hpp"

namespace herd::runtime::logs {
namespace {

constexpr std::string_view kUsage =
    "usage: herd-log-driver --path <file> [--max-size <bytes>] [--max-files <n>]";
constexpr size_t kReadSize = 64 * 1024;
constexpr auto kDrainTimeout = std::chrono::seconds(1);

Status usage_error(std::string message) {
  return Status::invalid_argument(std::move(message) + "; " + std::string(kUsage));
}

template <class Int>
Status parse_positive(std::string_view key, std::string_view text, Int& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size() || out <= 0) {
    return usage_error("--" + std::string(key) + " wants a positive integer, got \"" +
                       std::string(text) + "\"");
  }
  return {};
}

// One container stream: its pipe and the line it is in the middle of.
struct Source {
  int fd;
  LineSplitter splitter;
  bool open = true;
};

// Reads once from `source` into records in `out`; marks it closed at EOF
// (or on an error, which a pipe only gives when it is gone).
// Returns false when there was nothing to read.
bool read_once(Source& source, const Clock& clock, std::string& out) {
  char buffer[kReadSize];
  ssize_t n = ::read(source.fd, buffer, sizeof buffer);
  if (n > 0) {
    source.splitter.feed(std::string_view(buffer, static_cast<size_t>(n)), clock.now(), out);
    return true;
  }
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
    return false;
  }
  source.splitter.finish(clock.now(), out);
  source.open = false;
  return false;
}

// Logs append failures, but each distinct message once in a row, so a full
// disk does not turn into one stderr line per container line.
class ErrorReporter {
 public:
  void report(const Status& status) {
    if (!status.ok() && status.message() != last_) {
      HERD_LOG(kError, "herd-log-driver") << status.message();
      last_ = status.message();
    }
  }

 private:
  std::string last_;
};

}  // namespace

Result<LogDriverOptions> parse_log_driver_args(const std::vector<std::string_view>& args) {
  if (args.size() % 2 != 0) {
    return usage_error("arguments come in <key> <value> pairs");
  }
  LogDriverOptions options;
  for (size_t i = 0; i < args.size(); i += 2) {
    std::string_view key = args[i];
    if (key.starts_with("--")) {
      key.remove_prefix(2);
    }
    std::string_view value = args[i + 1];
    if (key == "path") {
      options.path = value;
    } else if (key == "max-size") {
      HERD_RETURN_IF_ERROR(parse_positive(key, value, options.limits.max_size));
    } else if (key == "max-files") {
      HERD_RETURN_IF_ERROR(parse_positive(key, value, options.limits.max_files));
    } else {
      return usage_error("unknown option \"" + std::string(args[i]) + "\"");
    }
  }
  if (options.path.empty() || !options.path.is_absolute()) {
    return usage_error("--path wants an absolute file name");
  }
  return options;
}

void copy_container_output(int stdout_fd, int stderr_fd, RotatingLogFile& file, const Clock& clock,
                           const volatile std::sig_atomic_t& stop, const sigset_t& wait_mask) {
  std::array<Source, 2> sources{Source{stdout_fd, LineSplitter(LogStream::kStdout)},
                                Source{stderr_fd, LineSplitter(LogStream::kStderr)}};
  for (Source& source : sources) {
    // Non-blocking so that draining after SIGTERM stops at an empty pipe.
    int flags = ::fcntl(source.fd, F_GETFL);
    source.open = flags >= 0 && ::fcntl(source.fd, F_SETFL, flags | O_NONBLOCK) == 0;
  }
  ErrorReporter errors;
  std::string out;
  auto any_open = [&sources] { return sources[0].open || sources[1].open; };
  while (any_open() && stop == 0) {
    std::array<pollfd, 2> fds{};
    for (size_t i = 0; i < sources.size(); ++i) {
      fds[i] = {sources[i].open ? sources[i].fd : -1, POLLIN, 0};  // poll skips fd -1
    }
    if (::ppoll(fds.data(), fds.size(), nullptr, &wait_mask) < 0) {
      continue;  // EINTR: the signal may have set stop
    }
    for (size_t i = 0; i < sources.size(); ++i) {
      if (fds[i].revents != 0) {
        read_once(sources[i], clock, out);
      }
    }
    errors.report(file.append(out));
    out.clear();
  }
  // Stopped: take what the container already wrote, then end its lines.
  auto deadline = std::chrono::steady_clock::now() + kDrainTimeout;
  for (Source& source : sources) {
    while (source.open && std::chrono::steady_clock::now() < deadline &&
           read_once(source, clock, out)) {
      errors.report(file.append(out));
      out.clear();
    }
    if (source.open) {
      source.splitter.finish(clock.now(), out);
    }
  }
  errors.report(file.append(out));
}

}  // namespace herd::runtime::logs
