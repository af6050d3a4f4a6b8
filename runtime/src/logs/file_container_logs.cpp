// ContainerLogs over the files herd-log-driver writes (the layout in
// herd/runtime/container_logs.hpp).
//
// A read picks the instance, opens its chain of files at one moment
// (log_chain.hpp), finds where --tail starts (log_tail.hpp), and feeds every
// record from there through a LogEmitter. A follow then stays on the newest
// file: at its end it looks for the file the driver rotated to, and waits
// (LogWatcher) when there is none yet. It ends once the writer is known to be
// finished, its lock free or a newer instance started, and everything up to
// that moment has been read.

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "herd/runtime/container_logs.hpp"
#include "logs/log_chain.hpp"
#include "logs/log_emitter.hpp"
#include "logs/log_tail.hpp"
#include "logs/log_watcher.hpp"
#include "logs/writer_lock.hpp"

namespace herd::runtime {
namespace {

using logs::LogEmitter;
using logs::LogFile;

constexpr size_t kReadSize = 64 * 1024;

bool is_path_component(std::string_view name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of(std::string_view("/\0", 2)) == std::string_view::npos;
}

Status check_request(const ContainerLogRequest& request) {
  if (!is_path_component(request.pod_uid) || !is_path_component(request.container)) {
    return Status::invalid_argument(
        "pod uid and container name must be non-empty names without '/'");
  }
  if (request.tail_lines && *request.tail_lines < 0) {
    return Status::invalid_argument("tailLines must be >= 0");
  }
  if (request.limit_bytes && *request.limit_bytes <= 0) {
    return Status::invalid_argument("limitBytes must be > 0");
  }
  return {};
}

// Feeds the records from `fd`'s offset to its end into `emitter`. A record
// still being written stays in `carry` for the next call. Returns whether
// anything was read.
Result<bool> read_records(int fd, std::string& carry, LogEmitter& emitter) {
  bool any = false;
  char buffer[kReadSize];
  while (!emitter.done()) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return Status::unavailable(std::string("read container log: ") + std::strerror(errno));
    }
    if (n == 0) {
      break;
    }
    any = true;
    carry.append(buffer, static_cast<size_t>(n));
    size_t start = 0;
    for (size_t newline;
         !emitter.done() && (newline = carry.find('\n', start)) != std::string::npos;
         start = newline + 1) {
      emitter.add_record(std::string_view(carry).substr(start, newline - start));
    }
    carry.erase(0, start);
  }
  return any;
}

// Whether no more lines can come for the instance at `log_path`.
bool writer_finished(const std::filesystem::path& log_path,
                     const std::filesystem::path& next_instance) {
  std::error_code ec;
  return logs::writer_state(log_path) == logs::WriterState::kFinished ||
         std::filesystem::exists(next_instance, ec);
}

Status follow(const std::filesystem::path& log_path, const std::filesystem::path& next_instance,
              LogFile current, std::string carry, LogEmitter& emitter, logs::LogWatcher& watcher,
              const std::stop_token& stop) {
  while (!emitter.done() && !stop.stop_requested()) {
    // Sampled before reading: when it is true, what follows reads every line.
    bool finished = writer_finished(log_path, next_instance);
    HERD_ASSIGN_OR_RETURN(bool any, read_records(current.fd.get(), carry, emitter));
    emitter.flush();
    if (any) {
      continue;
    }
    HERD_ASSIGN_OR_RETURN(auto next, logs::open_next_log_file(log_path, current));
    if (next) {
      // Renamed away: what the driver wrote before the rename is all there is.
      HERD_RETURN_IF_ERROR(read_records(current.fd.get(), carry, emitter).status());
      carry.clear();
      current = std::move(*next);
      continue;
    }
    if (finished) {
      emitter.finish_lines();
      break;
    }
    watcher.wait();
  }
  emitter.flush();
  return emitter.status();
}

class FileContainerLogs final : public ContainerLogs {
 public:
  explicit FileContainerLogs(std::filesystem::path pods_dir) : pods_dir_(std::move(pods_dir)) {}

  Status read(const ContainerLogRequest& request, const LogSink& sink,
              std::stop_token stop) const override;

 private:
  std::filesystem::path pods_dir_;
};

Status FileContainerLogs::read(const ContainerLogRequest& request, const LogSink& sink,
                               std::stop_token stop) const {
  HERD_RETURN_IF_ERROR(check_request(request));
  std::filesystem::path dir = container_log_dir(pods_dir_, request.pod_uid, request.container);
  auto not_found = [&request](std::string_view which) {
    return Status::not_found(std::string(which) + "container \"" + request.container +
                             "\" in pod \"" + request.pod_name + "\" not found");
  };
  HERD_ASSIGN_OR_RETURN(std::vector<int> restarts, logs::list_log_instances(dir));
  if (restarts.empty()) {
    return not_found("");
  }
  int instance = restarts.back() - (request.previous ? 1 : 0);
  if (!std::binary_search(restarts.begin(), restarts.end(), instance)) {
    return not_found("previous terminated ");
  }
  // Watching starts before the first read, so no write after it goes unseen.
  std::optional<logs::LogWatcher> watcher;
  if (request.follow) {
    watcher.emplace(dir, stop);
  }
  std::filesystem::path log_path = dir / (std::to_string(instance) + ".log");
  auto files = logs::open_log_chain(log_path);
  if (!files.ok()) {
    return files.status().code() == StatusCode::kNotFound ? not_found("") : files.status();
  }
  logs::LogPosition start;
  if (request.tail_lines) {
    HERD_ASSIGN_OR_RETURN(start, logs::find_tail_start(*files, *request.tail_lines));
  }
  if (::lseek((*files)[start.file].fd.get(), start.offset, SEEK_SET) < 0) {
    return Status::unavailable("seek in " + log_path.string() + ": " + std::strerror(errno));
  }
  LogEmitter emitter(request, sink);
  std::string carry;
  for (size_t i = start.file; i < files->size(); ++i) {
    HERD_RETURN_IF_ERROR(read_records((*files)[i].fd.get(), carry, emitter).status());
    if (i + 1 < files->size()) {
      carry.clear();  // a rotated file ends with a whole record
    }
  }
  if (!request.follow || emitter.done()) {
    emitter.finish_lines();
    return emitter.status();
  }
  return follow(log_path, dir / (std::to_string(instance + 1) + ".log"), std::move(files->back()),
                std::move(carry), emitter, *watcher, stop);
}

}  // namespace

std::unique_ptr<ContainerLogs> make_file_container_logs(std::filesystem::path pods_dir) {
  return std::make_unique<FileContainerLogs>(std::move(pods_dir));
}

}  // namespace herd::runtime
