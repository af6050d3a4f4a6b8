// herd-log-crash-child DIR ROUND SEED: the process the crash-safety test
// kills. Opens the embedded log in DIR (recovering what the previous round
// left), prints "R" once open (or "E <status>" and exits 2), then appends
// forever from two threads, batches of 1-20 crash_event()s with up to eight
// appends in flight per thread, and prints an "A ..." line (format_ack) for
// every acknowledged append: only those are promised to survive SIGKILL.

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "file/crash_workload.hpp"
#include "file/file_event_log.hpp"

namespace {

using herd::events::Event;
using herd::events::StoredEvent;
using namespace herd::events::file::crash;

// Writes all of `text` to stdout (a pipe to the test) with write(2), so that
// each line leaves the process at once and whole (lines < PIPE_BUF).
void emit(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
    if (n <= 0) {
      std::_Exit(3);  // the test went away
    }
    done += static_cast<std::size_t>(n);
  }
}

void append_forever(herd::events::EventLog& log, int round, int thread, unsigned seed) {
  std::mt19937 rng(seed * 2 + thread);
  std::mutex mu;
  std::condition_variable cv;
  int in_flight = 0;
  uint64_t next_n = 1;
  while (true) {
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return in_flight < 8; });
      ++in_flight;
    }
    uint64_t first_n = next_n;
    std::vector<Event> batch;
    for (int i = 0, size = 1 + static_cast<int>(rng() % 20); i < size; ++i) {
      batch.push_back(crash_event(round, thread, next_n++));
    }
    log.append(std::move(batch), [&, thread, first_n](herd::Result<std::vector<StoredEvent>> r) {
      if (!r.ok()) {
        emit("E append: " + r.status().to_string() + "\n");
        std::_Exit(4);
      }
      emit(format_ack(Ack{r->front().offset, static_cast<int64_t>(r->size()), thread, first_n}));
      std::lock_guard lock(mu);
      --in_flight;
      cv.notify_one();
    });
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    emit("E usage: herd-log-crash-child DIR ROUND SEED\n");
    return 2;
  }
  int round = std::atoi(argv[2]);
  unsigned seed = static_cast<unsigned>(std::strtoul(argv[3], nullptr, 10));
  auto log = herd::events::FileEventLog::open(argv[1], crash_log_options());
  if (!log.ok()) {
    emit("E open: " + log.status().to_string() + "\n");
    return 2;
  }
  ::alarm(60);  // never outlive a test that forgot to kill us
  emit("R\n");
  std::thread second([&] { append_forever(**log, round, 1, seed); });
  append_forever(**log, round, 0, seed);  // never returns; SIGKILL ends the process
  second.join();
  return 0;
}
