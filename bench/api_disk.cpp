#include "api_disk.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

namespace herd::bench {

LoadResult probe_disk(const std::string& path, double rate, int seconds, std::size_t record_bytes) {
  using Clock = std::chrono::steady_clock;
  LoadResult result;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    result.first_error = "open " + path + ": " + std::strerror(errno);
    return result;
  }
  std::string record(record_bytes, 'r');
  auto records = static_cast<uint64_t>(rate * seconds);
  std::vector<double> samples_ms;
  Clock::time_point start = Clock::now();
  for (uint64_t i = 0; i < records; ++i) {
    Clock::time_point due = start + due_after(i, rate);
    std::this_thread::sleep_until(due);
    if (::write(fd, record.data(), record.size()) != static_cast<ssize_t>(record.size()) ||
        ::fdatasync(fd) != 0) {
      result.first_error = "write+fdatasync " + path + ": " + std::strerror(errno);
      ++result.failed;
      break;
    }
    samples_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - due).count());
  }
  ::close(fd);
  result.ok = samples_ms.size();
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!samples_ms.empty()) result.max_ms = *std::max_element(samples_ms.begin(), samples_ms.end());
  result.latency = latency_of(std::move(samples_ms));
  return result;
}

}  // namespace herd::bench
