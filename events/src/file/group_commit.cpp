#include "file/group_commit.hpp"

#include "herd/base/check.hpp"

namespace herd::events::file {

GroupCommit::GroupCommit(std::string stream, FlushFn flush, std::size_t max_group_bytes,
                         std::size_t max_queued_bytes)
    : stream_(std::move(stream)),
      flush_(std::move(flush)),
      max_group_bytes_(max_group_bytes),
      max_queued_bytes_(max_queued_bytes) {
  thread_ = std::thread([this] { run(); });
}

GroupCommit::~GroupCommit() { stop(); }

void GroupCommit::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) {
    thread_.join();
  }
}

GroupCommit::Stats GroupCommit::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void GroupCommit::submit(PendingAppend append) {
  std::unique_lock lock(mu_);
  if (stopping_) {
    lock.unlock();
    append.done(Status::unavailable("the event log is closed"));
    return;
  }
  // A callback appending from the writer thread must not wait for space
  // that only this same thread can free.
  if (std::this_thread::get_id() != thread_.get_id()) {
    space_cv_.wait(lock, [&] {
      return stopping_ || queued_bytes_ == 0 ||
             queued_bytes_ + append.records.size() <= max_queued_bytes_;
    });
  }
  queued_bytes_ += append.records.size();
  queue_.push_back(std::move(append));
  lock.unlock();
  work_cv_.notify_one();
}

void GroupCommit::run() {
  std::vector<PendingAppend> group;
  while (true) {
    {
      std::unique_lock lock(mu_);
      work_cv_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) {
        return;  // stopping, and everything queued has been flushed
      }
      // Everything queued, up to the group limit: this is where concurrent
      // appends come to share one write and one fdatasync.
      std::size_t bytes = 0;
      while (!queue_.empty() &&
             (group.empty() || bytes + queue_.front().records.size() <= max_group_bytes_)) {
        bytes += queue_.front().records.size();
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    commit(group);
    group.clear();
  }
}

void GroupCommit::commit(std::vector<PendingAppend>& group) {
  // Appends that fail before writing (error set) or hold nothing take no
  // part in the flush but are answered in their turn.
  std::vector<PendingAppend*> writes;
  std::size_t events = 0;
  std::size_t queued = 0;
  for (PendingAppend& a : group) {
    events += a.events.size();
    queued += a.records.size();
    if (a.error.ok() && !a.records.empty()) {
      writes.push_back(&a);
    }
  }
  Result<int64_t> first = int64_t{0};
  if (writes.size() == 1) {
    first = flush_(writes[0]->records, writes[0]->record_sizes);
  } else if (writes.size() > 1) {
    std::string records;
    std::vector<uint32_t> sizes;
    for (const PendingAppend* a : writes) {
      records += a->records;
      sizes.insert(sizes.end(), a->record_sizes.begin(), a->record_sizes.end());
    }
    first = flush_(records, sizes);
  }
  {
    std::lock_guard lock(mu_);
    queued_bytes_ -= queued;
    stats_.groups += writes.empty() ? 0 : 1;
    stats_.appends += group.size();
    stats_.events += events;
  }
  space_cv_.notify_all();
  int64_t offset = first.ok() ? *first : 0;
  for (PendingAppend& a : group) {
    if (!a.error.ok()) {
      a.done(std::move(a.error));
      continue;
    }
    if (!first.ok()) {
      a.done(first.status());
      continue;
    }
    std::vector<StoredEvent> stored;
    stored.reserve(a.events.size());
    for (Event& e : a.events) {
      stored.push_back(StoredEvent{std::move(e), stream_, offset++});
    }
    a.done(std::move(stored));
  }
}

}  // namespace herd::events::file
