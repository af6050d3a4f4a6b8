#pragma once

// Group commit: the one writer thread of the embedded log. Appends from any
// number of threads queue up; the writer takes everything queued, makes it
// durable with one write and one fdatasync, and acknowledges each append.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "herd/events/event_log.hpp"

namespace herd::events::file {

/// One append waiting for its flush: the events, their encoded records
/// (back to back, record_sizes[i] bytes for events[i]) and its callback.
struct PendingAppend {
  std::vector<Event> events;
  std::string records;
  std::vector<uint32_t> record_sizes;
  AppendCallback done;
  /// When not OK, the append is failed with it, in its turn, without being
  /// written: callbacks always run on the writer thread, in submit order.
  Status error;
};

/// The writer thread and its queue. Thread-safe: submit() from any thread.
/// Lifecycle: the thread starts in the constructor; stop() (or the
/// destructor) flushes everything queued, then joins it.
class GroupCommit {
 public:
  /// Makes `records` (whole records of one group, back to back) durable and
  /// returns the offset of the first; the others follow consecutively.
  /// Called on the writer thread only, one group at a time.
  using FlushFn = std::function<Result<int64_t>(std::string_view records,
                                                const std::vector<uint32_t>& record_sizes)>;

  /// Counters since construction, for tests and metrics.
  struct Stats {
    uint64_t groups = 0;   ///< Flushes (write + fdatasync).
    uint64_t appends = 0;  ///< Appends acknowledged or failed.
    uint64_t events = 0;
  };

  /// `stream`: the stream name put in every StoredEvent. A group holds at
  /// most `max_group_bytes` of records (but at least one append); submit()
  /// blocks while more than `max_queued_bytes` wait.
  GroupCommit(std::string stream, FlushFn flush, std::size_t max_group_bytes,
              std::size_t max_queued_bytes);
  ~GroupCommit();
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  /// Queues `append`; its callback runs on the writer thread once the group
  /// holding it is durable (with each event's offset) or has failed. Blocks
  /// while the queue is full, except on the writer thread itself (a
  /// callback that appends). After stop(), fails the append with kUnavailable.
  void submit(PendingAppend append);

  /// Flushes what is queued, then stops the thread. Idempotent.
  void stop();

  Stats stats() const;

 private:
  void run();
  /// Flushes `group` and calls its callbacks.
  void commit(std::vector<PendingAppend>& group);

  const std::string stream_;
  const FlushFn flush_;
  const std::size_t max_group_bytes_;
  const std::size_t max_queued_bytes_;

  mutable std::mutex mu_;
  std::condition_variable work_cv_;   ///< Signals the writer: work or stop.
  std::condition_variable space_cv_;  ///< Signals submitters: queue space.
  std::deque<PendingAppend> queue_;   ///< Guarded by mu_, as are the next three.
  std::size_t queued_bytes_ = 0;
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;  ///< Last: starts after everything above exists.
};

}  // namespace herd::events::file
