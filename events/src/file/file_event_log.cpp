#include "file/file_event_log.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>

#include "file/file_util.hpp"
#include "file/record_format.hpp"
#include "herd/base/logging.hpp"

namespace herd::events {
namespace file {

Result<int64_t> file_cursor_offset(const Cursor& cursor) {
  if (cursor.next.empty()) {
    return int64_t{0};
  }
  auto it = cursor.next.find("");
  if (cursor.next.size() != 1 || it == cursor.next.end()) {
    return Status::invalid_argument(
        "cursor names streams the embedded log does not have (it has one, \"\")");
  }
  if (it->second < 0) {
    return Status::invalid_argument("negative cursor offset " + std::to_string(it->second));
  }
  return it->second;
}

Cursor file_cursor(int64_t offset) {
  Cursor cursor;
  cursor.next[""] = offset;
  return cursor;
}

}  // namespace file

using file::file_cursor;
using file::file_cursor_offset;
using file::GroupCommit;
using file::PendingAppend;
using file::Segment;
using file::SegmentOptions;
using file::StoredSnapshot;

FileEventLog::FileEventLog(std::string dir, const FileLogOptions& options, int lock_fd)
    : dir_(std::move(dir)),
      segments_dir_(dir_ + "/segments"),
      options_(options),
      lock_fd_(lock_fd),
      snapshots_(dir_ + "/snapshots") {}

FileEventLog::~FileEventLog() {
  if (commit_) {
    commit_->stop();  // writes and acknowledges what is still queued
  }
  {
    std::lock_guard lock(mu_);
    segments_.clear();
  }
  ::close(lock_fd_);  // releases the flock
}

Result<std::unique_ptr<FileEventLog>> FileEventLog::open(const std::string& dir,
                                                         const FileLogOptions& options) {
  if (options.segment_bytes == 0 || options.index_interval_bytes == 0 ||
      options.max_group_bytes == 0 || options.max_queued_bytes < options.max_group_bytes ||
      options.max_read_events == 0) {
    return Status::invalid_argument(
        "file log options: sizes must be positive and max_queued_bytes >= max_group_bytes");
  }
  HERD_RETURN_IF_ERROR(file::make_dirs(dir + "/segments"));
  HERD_RETURN_IF_ERROR(file::make_dirs(dir + "/snapshots"));
  std::string lock_path = dir + "/LOCK";
  int lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd < 0) {
    return file::errno_status("open", lock_path, errno);
  }
  if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(lock_fd);
    if (err == EWOULDBLOCK) {
      return Status::unavailable("log " + dir + " is in use by another process");
    }
    return file::errno_status("flock", lock_path, err);
  }
  std::unique_ptr<FileEventLog> log(new FileEventLog(dir, options, lock_fd));
  HERD_RETURN_IF_ERROR(log->recover());
  FileEventLog* self = log.get();
  log->commit_ = std::make_unique<GroupCommit>(
      "",
      [self](std::string_view records, const std::vector<uint32_t>& sizes) {
        return self->flush_group(records, sizes);
      },
      options.max_group_bytes, options.max_queued_bytes);
  return log;
}

SegmentOptions FileEventLog::segment_options() const {
  SegmentOptions out;
  out.index_interval_bytes = options_.index_interval_bytes;
  out.torn_window_bytes = options_.max_group_bytes;
  return out;
}

Status FileEventLog::recover() {
  HERD_ASSIGN_OR_RETURN(std::vector<std::string> names, file::list_dir(segments_dir_));
  std::vector<int64_t> bases;
  for (const std::string& name : names) {
    int64_t base = 0;
    if (file::parse_offset_file_name(name, ".log", &base)) {
      bases.push_back(base);
    } else if (name.ends_with(".tmp")) {
      (void)::unlink((segments_dir_ + "/" + name).c_str());  // an index rewrite cut short
    }
  }
  std::sort(bases.begin(), bases.end());
  std::vector<std::shared_ptr<Segment>> segments;
  if (bases.empty()) {
    // A new log. Should a snapshot exist without segments (deleted by
    // hand), continue after it so that offsets are never reused.
    HERD_ASSIGN_OR_RETURN(std::optional<StoredSnapshot> snapshot, snapshots_.latest());
    int64_t base = snapshot ? snapshot->offset : 0;
    HERD_ASSIGN_OR_RETURN(std::unique_ptr<Segment> first,
                          Segment::create(segments_dir_, base, segment_options()));
    segments.push_back(std::move(first));
  }
  for (std::size_t i = 0; i < bases.size(); ++i) {
    bool last = i + 1 == bases.size();
    Result<std::unique_ptr<Segment>> segment =
        last ? Segment::recover_last(segments_dir_, bases[i], segment_options())
             : Segment::open_sealed(segments_dir_, bases[i], bases[i + 1], segment_options());
    if (!segment.ok()) {
      return segment.status().with_context("opening log " + dir_);
    }
    segments.push_back(std::move(segment).value());
  }
  std::lock_guard lock(mu_);
  segments_ = std::move(segments);
  durable_end_ = segments_.back()->next_offset();
  HERD_LOG(kInfo, "events.file") << "opened log " << dir_ << ": " << segments_.size()
                                 << " segments, offsets " << segments_.front()->base_offset()
                                 << " to " << durable_end_;
  return Status();
}

void FileEventLog::append(std::vector<Event> events, AppendCallback done) {
  PendingAppend pending;
  pending.record_sizes.reserve(events.size());
  for (const Event& event : events) {
    std::string payload = encode_event(event);
    if (payload.size() > file::kMaxRecordPayload) {
      pending.error = Status::invalid_argument(
          "event " + event.id + " encodes to " + std::to_string(payload.size()) +
          " bytes; a record holds at most " + std::to_string(file::kMaxRecordPayload));
      break;
    }
    file::append_record(pending.records, payload);
    pending.record_sizes.push_back(static_cast<uint32_t>(payload.size() + file::kRecordHeaderSize));
  }
  if (pending.error.ok() && pending.records.size() > options_.max_group_bytes) {
    pending.error = Status::invalid_argument(
        "append of " + std::to_string(pending.records.size()) + " bytes exceeds the " +
        std::to_string(options_.max_group_bytes) + " bytes one write may hold; split it");
  }
  if (!pending.error.ok()) {
    pending.records.clear();
    pending.record_sizes.clear();
  }
  pending.events = std::move(events);
  pending.done = std::move(done);
  commit_->submit(std::move(pending));
}

Result<int64_t> FileEventLog::flush_group(std::string_view records,
                                          const std::vector<uint32_t>& sizes) {
  if (!broken_.ok()) {
    return broken_;
  }
  std::shared_ptr<Segment> active;
  {
    std::lock_guard lock(mu_);
    active = segments_.back();
  }
  if (active->size_bytes() >= options_.segment_bytes) {
    // The full segment was fdatasync'ed with its last group, so from here
    // on it is sealed: recovery expects it whole.
    Result<std::unique_ptr<Segment>> created =
        Segment::create(segments_dir_, active->next_offset(), segment_options());
    if (!created.ok()) {
      broken_ = created.status();
      return broken_;
    }
    active = std::move(created).value();
    std::lock_guard lock(mu_);
    segments_.push_back(active);
  }
  int64_t first = active->next_offset();
  Status status = active->append(records, sizes);
  if (!status.ok()) {
    HERD_LOG(kError, "events.file") << "log " << dir_ << " stops accepting appends: "
                                    << status.to_string();
    broken_ = Status::unavailable("log " + dir_ + " failed a write and needs reopening: " +
                                  status.message());
    return status;
  }
  {
    std::lock_guard lock(mu_);
    durable_end_ = active->next_offset();
  }
  appended_cv_.notify_all();
  return first;
}

Result<ReadResult> FileEventLog::read(const Cursor& from, const ReadOptions& asked) {
  HERD_ASSIGN_OR_RETURN(int64_t offset, file_cursor_offset(from));
  if (asked.max_events == 0) {
    return Status::invalid_argument("read with max_events 0");
  }
  ReadOptions options = asked;
  options.max_events = std::min(asked.max_events, options_.max_read_events);
  auto deadline = std::chrono::steady_clock::now() + options.wait;
  ReadResult result;
  while (true) {
    int64_t end = 0;
    std::vector<std::shared_ptr<Segment>> segments;
    {
      std::unique_lock lock(mu_);
      if (offset > durable_end_) {
        return Status::invalid_argument("cursor offset " + std::to_string(offset) +
                                        " is past the end of log " + dir_ + " (" +
                                        std::to_string(durable_end_) + ")");
      }
      appended_cv_.wait_until(lock, deadline, [&] { return durable_end_ > offset; });
      end = durable_end_;
      // Events before the first segment were compacted into a snapshot.
      offset = std::max(offset, segments_.front()->base_offset());
      for (std::size_t i = 0; i < segments_.size(); ++i) {
        int64_t segment_end = i + 1 < segments_.size() ? segments_[i + 1]->base_offset() : end;
        if (segment_end > offset) {
          segments.push_back(segments_[i]);
        }
      }
    }
    HERD_RETURN_IF_ERROR(read_range(segments, end, options, result.events, &offset));
    // With a kind filter, a read may pass over events of other kinds only;
    // then it keeps waiting for one of its kind until the deadline.
    if (!result.events.empty() || std::chrono::steady_clock::now() >= deadline) {
      break;
    }
  }
  result.next = file_cursor(offset);
  return result;
}

Status FileEventLog::read_range(const std::vector<std::shared_ptr<Segment>>& segments,
                                int64_t end, const ReadOptions& options,
                                std::vector<StoredEvent>& out, int64_t* offset) const {
  // Cheap pre-filter: an envelope of kind K holds the JSON string "K", so
  // one without it cannot match and need not be decoded. Only for plain
  // names, which no JSON writer escapes.
  std::string quoted_kind;
  if (options.kind && !options.kind->empty() &&
      std::all_of(options.kind->begin(), options.kind->end(),
                  [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; })) {
    quoted_kind = "\"" + *options.kind + "\"";
  }
  if (!options.kind && *offset < end) {
    // Room for all this read can return, so that the events are not moved
    // a dozen times as the vector grows.
    out.reserve(out.size() + std::min<std::size_t>(options.max_events,
                                                   static_cast<std::size_t>(end - *offset)));
  }
  Status status;
  for (const std::shared_ptr<Segment>& segment : segments) {
    if (out.size() >= options.max_events || *offset >= end) {
      break;
    }
    HERD_RETURN_IF_ERROR(
        segment->read(*offset, end, [&](int64_t at, std::string_view payload) {
          *offset = at + 1;
          if (!quoted_kind.empty() && payload.find(quoted_kind) == std::string_view::npos) {
            return true;
          }
          Result<Event> event = decode_event(payload);
          if (!event.ok()) {
            status = event.status().with_context(segment->path() + ": record " +
                                                 std::to_string(at));
            *offset = at;
            return false;
          }
          if (options.kind && event->kind != *options.kind) {
            return true;
          }
          out.emplace_back(std::move(event).value(), "", at);
          return out.size() < options.max_events;
        }));
    HERD_RETURN_IF_ERROR(status);
  }
  return Status();
}

Result<Cursor> FileEventLog::end() {
  std::lock_guard lock(mu_);
  return file_cursor(durable_end_);
}

int64_t FileEventLog::first_offset() const {
  std::lock_guard lock(mu_);
  return segments_.front()->base_offset();
}

std::size_t FileEventLog::segment_count() const {
  std::lock_guard lock(mu_);
  return segments_.size();
}

Status FileEventLog::write_snapshot(const Snapshot& snapshot) {
  HERD_ASSIGN_OR_RETURN(int64_t offset, file_cursor_offset(snapshot.cursor));
  {
    std::lock_guard lock(mu_);
    if (offset > durable_end_) {
      return Status::invalid_argument("snapshot cursor " + std::to_string(offset) +
                                      " is past the end of the log (" +
                                      std::to_string(durable_end_) + ")");
    }
  }
  return snapshots_.write(StoredSnapshot{offset, snapshot.objects});
}

Result<std::optional<Snapshot>> FileEventLog::latest_snapshot() {
  HERD_ASSIGN_OR_RETURN(std::optional<StoredSnapshot> stored, snapshots_.latest());
  if (!stored) {
    return std::optional<Snapshot>();
  }
  Snapshot snapshot;
  snapshot.cursor = file_cursor(stored->offset);
  snapshot.objects = std::move(stored->objects);
  return std::optional<Snapshot>(std::move(snapshot));
}

Status FileEventLog::compact() {
  HERD_ASSIGN_OR_RETURN(std::optional<StoredSnapshot> snapshot, snapshots_.latest());
  if (!snapshot) {
    return Status();
  }
  std::vector<std::shared_ptr<Segment>> doomed;
  {
    std::lock_guard lock(mu_);
    // A segment ends where the next begins; the newest is never deleted.
    while (segments_.size() > 1 && segments_[1]->base_offset() <= snapshot->offset) {
      doomed.push_back(segments_.front());
      segments_.erase(segments_.begin());
    }
  }
  for (const std::shared_ptr<Segment>& segment : doomed) {
    HERD_RETURN_IF_ERROR(segment->remove_files());
  }
  if (!doomed.empty()) {
    HERD_LOG(kInfo, "events.file") << "compacted log " << dir_ << ": deleted " << doomed.size()
                                   << " segments before offset " << snapshot->offset;
    HERD_RETURN_IF_ERROR(file::fsync_dir(segments_dir_));
  }
  return Status();
}

}  // namespace herd::events
