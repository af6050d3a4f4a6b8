#include "read_ahead.hpp"

namespace herd::events {

ReadAhead::ReadAhead(EventLog& log, Cursor from, ReadOptions options, std::size_t depth)
    : depth_(depth == 0 ? 1 : depth),
      reader_([this, &log, from = std::move(from), options] { run(log, from, options); }) {}

ReadAhead::~ReadAhead() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  has_room_.notify_all();
  reader_.join();
}

void ReadAhead::run(EventLog& log, Cursor cursor, ReadOptions options) {
  std::vector<ReadResult> spent;
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      spent.swap(spent_);
    }
    spent.clear();
    Result<ReadResult> page = log.read(cursor, options);
    bool last = !page.ok() || page->events.empty();
    if (!last) cursor = page->next;
    {
      std::unique_lock<std::mutex> lock(mu_);
      has_room_.wait(lock, [this] { return stop_ || pages_.size() < depth_; });
      if (stop_) return;
      pages_.push_back(std::move(page));
      if (last) finished_ = true;
    }
    has_page_.notify_one();
    if (last) return;
  }
}

Result<ReadResult> ReadAhead::next() {
  std::unique_lock<std::mutex> lock(mu_);
  has_page_.wait(lock, [this] { return !pages_.empty() || finished_; });
  if (pages_.empty()) return Status::internal("read ahead: read past the last page");
  Result<ReadResult> page = std::move(pages_.front());
  pages_.pop_front();
  lock.unlock();
  has_room_.notify_one();
  return page;
}

void ReadAhead::recycle(ReadResult page) {
  std::lock_guard<std::mutex> lock(mu_);
  spent_.push_back(std::move(page));
}

}  // namespace herd::events
