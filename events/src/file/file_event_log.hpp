#pragma once

// FileEventLog: the embedded event log, segment files in one directory on
// the local disk. The default backend (`--log file:///DIR`); the on-disk
// layout is in docs/formats/embedded-log.md.

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "file/group_commit.hpp"
#include "file/segment.hpp"
#include "file/snapshot_store.hpp"
#include "herd/events/event_log.hpp"

namespace herd::events {

/// Tuning of the embedded log. The defaults suit a control plane; tests use
/// small segments to exercise rolling and compaction.
struct FileLogOptions {
  /// A segment is closed and a new one started once it holds this many
  /// bytes (it may exceed it by one group).
  uint64_t segment_bytes = 64ull << 20;
  /// Distance between the sparse index entries of a segment.
  uint32_t index_interval_bytes = 4096;
  /// The most one write() + fdatasync() covers; one append whose encoded
  /// events exceed it fails with kInvalidArgument. Also how far from the end
  /// recovery accepts a hole left by an interrupted write.
  std::size_t max_group_bytes = 32u << 20;
  /// append() blocks while this many bytes wait to be written.
  std::size_t max_queued_bytes = 64u << 20;
  /// The most events one read() returns, whatever ReadOptions::max_events
  /// asks (a reader calls again for more). A page of decoded events takes
  /// about 2.5 KB each for a 1 KiB envelope; at 4096 (the default max_events)
  /// that is 10 MB, which the CPU caches no longer hold while it is built and
  /// handed over, and replay ran at half the speed of 512-event pages
  /// (docs/benchmarks.md).
  std::size_t max_read_events = 512;
};

/// The EventLog on local segment files: one stream (""), offsets global and
/// consecutive from 0. Appends are made durable by a single writer thread
/// with group commit (one write and one fdatasync for everything queued);
/// reads run on the caller's thread beside it and see only durable events.
///
/// Thread-safe. One process at a time: open() takes an exclusive flock on
/// DIR/LOCK. Lifecycle: open() recovers the directory (see Segment); the
/// destructor writes and acknowledges whatever is still queued, then stops.
/// Requires: no call is running or starts once destruction begins.
class FileEventLog final : public EventLog {
 public:
  /// Opens (creating directories as needed) the log in `dir`. Returns
  /// kUnavailable "log DIR is in use by another process" when another open
  /// log holds it, kUnavailable for I/O errors, kCorrupt when recovery finds
  /// damage it must not repair (the message names the file and byte), and
  /// kInvalidArgument for unusable options.
  static Result<std::unique_ptr<FileEventLog>> open(const std::string& dir,
                                                    const FileLogOptions& options);
  /// Writes and acknowledges what is still queued, then releases the lock.
  ~FileEventLog() override;

  /// See EventLog. `done` always runs on the writer thread. An event whose
  /// envelope exceeds 16 MiB, or an append larger than max_group_bytes,
  /// fails with kInvalidArgument (nothing of it is written). After a write
  /// or fdatasync error every append fails with kUnavailable until the log
  /// is reopened (the state of the file after a failed fsync is unknown).
  void append(std::vector<Event> events, AppendCallback done) override;

  /// See EventLog. Cursors hold one stream, "". A cursor before the first
  /// retained event (after compaction) continues at the first retained one;
  /// a cursor past end() is kInvalidArgument. With `kind`, other kinds are
  /// skipped, and the wait lasts until an event of that kind arrives. At
  /// most FileLogOptions::max_read_events events come back per call.
  /// kCorrupt (file, offset, byte) when a record fails its checksum.
  Result<ReadResult> read(const Cursor& from, const ReadOptions& options) override;

  /// See EventLog: the cursor after the last durable event. Never fails.
  Result<Cursor> end() override;

  /// See EventLog. kInvalidArgument when the cursor is past end().
  Status write_snapshot(const Snapshot& snapshot) override;
  /// See EventLog. A damaged newest snapshot file is skipped (with a
  /// warning) for the one before it; kUnavailable on I/O errors.
  Result<std::optional<Snapshot>> latest_snapshot() override;

  /// Deletes every segment (and its index) whose events all lie before the
  /// latest snapshot's cursor; never the newest segment. OK when there is
  /// no snapshot.
  Status compact() override;

  /// Group commit counters (tests, metrics).
  file::GroupCommit::Stats commit_stats() const { return commit_->stats(); }
  /// The first offset still stored (0 until compaction deletes segments).
  int64_t first_offset() const;
  /// The number of segment files (tests).
  std::size_t segment_count() const;

 private:
  FileEventLog(std::string dir, const FileLogOptions& options, int lock_fd);

  /// Opens the segments found on disk, or creates the first.
  Status recover();
  /// The writer thread's flush: rolls the segment when full, appends.
  Result<int64_t> flush_group(std::string_view records, const std::vector<uint32_t>& sizes);
  /// Reads [offset, end) of `segments` into `out` (at most max_events,
  /// filtered by kind); `*offset` becomes the offset after the last record
  /// looked at.
  Status read_range(const std::vector<std::shared_ptr<file::Segment>>& segments, int64_t end,
                    const ReadOptions& options, std::vector<StoredEvent>& out,
                    int64_t* offset) const;
  file::SegmentOptions segment_options() const;

  const std::string dir_;
  const std::string segments_dir_;
  const FileLogOptions options_;
  const int lock_fd_;
  file::SnapshotStore snapshots_;
  Status broken_;  ///< Set by the writer thread after a failed write; writer only.

  mutable std::mutex mu_;
  std::condition_variable appended_cv_;  ///< Notified after each durable flush.
  std::vector<std::shared_ptr<file::Segment>> segments_;  ///< Oldest first. Guarded by mu_.
  int64_t durable_end_ = 0;                         ///< Guarded by mu_.

  std::unique_ptr<file::GroupCommit> commit_;  ///< Last: its thread uses everything above.
};

namespace file {

/// The offset a cursor of the embedded log names: 0 for a default Cursor; kInvalidArgument for
/// a cursor of other streams or a negative offset.
Result<int64_t> file_cursor_offset(const Cursor& cursor);
/// The embedded log's cursor at `offset` (stream "").
Cursor file_cursor(int64_t offset);

}  // namespace file
}  // namespace herd::events
