#pragma once

// ReadAhead: reads a log's pages on a thread of its own, a bounded number
// ahead of the consumer. Replay folds one page while the next is being read
// and decoded, so on two cores it runs at the pace of the slower of the two
// instead of their sum.

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "herd/base/result.hpp"
#include "herd/events/event_log.hpp"

namespace herd::events {

class ReadAhead {
 public:
  /// Starts reading `log` from `from` with `options`, keeping at most `depth`
  /// pages unconsumed. The log must outlive this object.
  ReadAhead(EventLog& log, Cursor from, ReadOptions options = {}, std::size_t depth = 2);
  /// Stops the reader (after the read it is in, if any) and joins it.
  ~ReadAhead();
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  /// The next page, in log order, waiting for it if need be. After an empty
  /// page or an error, the reader has stopped: later calls return kInternal.
  Result<ReadResult> next();

  /// Hands a consumed page back: the reader frees it, so that freeing its
  /// decoded events is not on the consumer's time.
  void recycle(ReadResult page);

 private:
  void run(EventLog& log, Cursor cursor, ReadOptions options);

  const std::size_t depth_;
  std::mutex mu_;
  std::condition_variable has_page_;
  std::condition_variable has_room_;
  std::deque<Result<ReadResult>> pages_;
  std::vector<ReadResult> spent_;
  bool stop_ = false;
  bool finished_ = false;
  std::thread reader_;  // last: it starts once the members above exist
};

}  // namespace herd::events
