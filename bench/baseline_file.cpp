#include "baseline_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <system_error>
#include <vector>

namespace herd::bench {
namespace {

using Clock = std::chrono::steady_clock;

// The encoded batches are built before the timed loop so that it times only
// write() and fdatasync(). Above this many bytes the batches are reused
// cyclically (same sizes, same bytes again) to bound memory.
constexpr uint64_t kMaxPreparedBytes = 512ull << 20;
constexpr std::size_t kReadChunk = 1 << 20;

struct PreparedBatch {
  std::string bytes;  // each envelope followed by '\n'
  uint64_t events = 0;
  uint64_t envelope_bytes = 0;  // without the newlines
};

std::string errno_text(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::system_category().message(errno);
}

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// Batches 0 .. ring.size()-1 and the last one (which may be short), encoded.
struct PreparedBatches {
  std::vector<PreparedBatch> ring;
  PreparedBatch last;
  uint64_t total = 0;
  const PreparedBatch& at(uint64_t b) const {
    return b + 1 == total ? last : ring[b % ring.size()];
  }
};

PreparedBatch prepare_batch(const EventGenerator& generator, const AppendShape& shape, uint64_t b) {
  PreparedBatch batch;
  uint64_t first = b * shape.batch;
  uint64_t end = std::min<uint64_t>(first + shape.batch, shape.events);
  for (uint64_t n = first; n < end; ++n) {
    std::string envelope =
        events::encode_event(generator.make(interleaved_slot(n, shape.threads, shape.batch)));
    batch.bytes += envelope;
    batch.bytes += '\n';
    batch.events += 1;
    batch.envelope_bytes += envelope.size();
  }
  return batch;
}

PreparedBatches prepare_batches(const EventGenerator& generator, const AppendShape& shape) {
  PreparedBatches out;
  out.total = (shape.events + shape.batch - 1) / shape.batch;
  auto batch_bytes = static_cast<uint64_t>(generator.mean_encoded_size() * shape.batch) + 1;
  uint64_t ring =
      std::min<uint64_t>(std::max<uint64_t>(kMaxPreparedBytes / batch_bytes, 1), out.total - 1);
  for (uint64_t b = 0; b < ring; ++b) {
    out.ring.push_back(prepare_batch(generator, shape, b));
  }
  out.last = prepare_batch(generator, shape, out.total - 1);
  return out;
}

// write() until all of `bytes` is written; false with errno set otherwise.
bool write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

void write_loop(int fd, const std::string& path, const PreparedBatches& batches,
                const AppendShape& shape, FileBaselineOutcome& out) {
  std::vector<double> latencies_ms;
  double cpu_before = own_cpu_seconds();
  Clock::time_point start = Clock::now();
  Clock::time_point deadline = start + shape.limit;
  Clock::time_point end = start;
  for (uint64_t b = 0; b < batches.total; ++b) {
    Clock::time_point issued = Clock::now();
    if (issued >= deadline) {
      out.write.cut_by_time = true;
      break;
    }
    const PreparedBatch& batch = batches.at(b);
    if (!write_all(fd, batch.bytes)) {
      out.write.error = errno_text("write", path);
      break;
    }
    if (::fdatasync(fd) != 0) {
      out.write.error = errno_text("fdatasync", path);
      break;
    }
    end = Clock::now();
    latencies_ms.push_back(seconds_between(issued, end) * 1000);
    out.write.events += batch.events;
    out.write.bytes += batch.envelope_bytes;
  }
  out.write.seconds = seconds_between(start, end);
  out.write.cpu_seconds = own_cpu_seconds() - cpu_before;
  out.batch_latency = latency_of(std::move(latencies_ms));
}

void read_loop(int fd, const std::string& path, const AppendShape& shape, Throughput& out) {
  std::vector<char> buffer(kReadChunk);
  uint64_t total = 0;
  Clock::time_point start = Clock::now();
  Clock::time_point deadline = start + shape.limit;
  while (true) {
    if (Clock::now() >= deadline) {
      out.cut_by_time = true;
      break;
    }
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      out.error = errno_text("read", path);
      break;
    }
    if (n == 0) {
      break;
    }
    total += static_cast<uint64_t>(n);
    out.events += static_cast<uint64_t>(std::count(buffer.data(), buffer.data() + n, '\n'));
  }
  out.seconds = seconds_between(start, Clock::now());
  out.bytes = total - out.events;  // envelope bytes: without the newlines
}

}  // namespace

FileBaselineOutcome run_file_baseline(const std::string& path, const EventGenerator& generator,
                                      const AppendShape& shape) {
  FileBaselineOutcome out;
  PreparedBatches batches = prepare_batches(generator, shape);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    out.write.error = errno_text("open", path);
    out.read.error = "not run: the write loop could not open its file";
    return out;
  }
  write_loop(fd, path, batches, shape, out);
  ::close(fd);
  batches = PreparedBatches{};
  fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    out.read.error = errno_text("open", path);
    return out;
  }
  read_loop(fd, path, shape, out.read);
  ::close(fd);
  return out;
}

}  // namespace herd::bench
