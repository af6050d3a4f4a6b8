#pragma once

// One segment file of the embedded log (DIR/segments/<first offset>.log) and
// its sparse index (.idx): append, read from an offset, and the recovery of
// a segment found on disk.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "file/segment_index.hpp"
#include "herd/base/result.hpp"

namespace herd::events::file {

/// Tuning of segments; FileLogOptions fills it.
struct SegmentOptions {
  /// Least distance in bytes between two sparse index entries.
  uint32_t index_interval_bytes = 4096;
  /// Recovery: a hole of zero bytes this close to the end of the last
  /// segment is what an interrupted last write leaves, and is truncated as
  /// a torn tail; further back it is corruption. The largest single write.
  uint64_t torn_window_bytes = 32u << 20;
};

/// Called for each record read: its offset and payload (valid only during
/// the call). Returns false to stop the read.
using RecordVisitor = std::function<bool(int64_t offset, std::string_view payload)>;

/// A segment: records with consecutive offsets from base_offset(), in one
/// file. Lifecycle: created empty (create) or opened at startup (open_sealed
/// for all but the newest, recover_last for the newest); only the newest is
/// appended to, by the log's single writer thread. Reads may run on any
/// thread beside the append and see only records whose append returned
/// (i.e. that are durable). Shared by shared_ptr so that compaction can
/// unlink the files of a segment a reader is still using.
class Segment {
 public:
  /// Creates DIR/<base_offset>.log (must not exist) and an empty index, and
  /// fsyncs DIR. kUnavailable on I/O errors.
  static Result<std::unique_ptr<Segment>> create(const std::string& dir, int64_t base_offset,
                                                 const SegmentOptions& options);

  /// Opens a segment that a newer one follows, read-only: it must hold
  /// exactly the records [base_offset, next_base_offset) and end at a record
  /// boundary. Its index is checked and rebuilt from the data when missing
  /// or damaged. kCorrupt when the data is damaged or the count is wrong.
  static Result<std::unique_ptr<Segment>> open_sealed(const std::string& dir, int64_t base_offset,
                                                      int64_t next_base_offset,
                                                      const SegmentOptions& options);

  /// Opens the newest segment for appending after scanning all of it: a torn
  /// or corrupt tail (short record, bad length, bad checksum, with no valid
  /// record after it) is truncated away with a warning; a damaged record
  /// followed by valid data is kCorrupt naming the file and byte position
  /// (except a zero-filled hole within torn_window_bytes of the end, which
  /// only an interrupted last write leaves). Rebuilds the index.
  static Result<std::unique_ptr<Segment>> recover_last(const std::string& dir, int64_t base_offset,
                                                       const SegmentOptions& options);

  ~Segment();
  Segment(const Segment&) = delete;
  Segment& operator=(const Segment&) = delete;

  int64_t base_offset() const { return base_offset_; }
  /// The offset after the last durable record (base_offset() when empty).
  int64_t next_offset() const;
  /// Bytes of durable records.
  uint64_t size_bytes() const;
  const std::string& path() const { return path_; }
  /// A copy of the sparse index (tests).
  std::vector<IndexEntry> index_entries() const;

  /// Appends `records` (whole records back to back; record_sizes gives each
  /// one's size) with one write() and one fdatasync(), then makes them
  /// visible to read(). On failure the segment is cut back to its previous
  /// size where possible and kUnavailable returned; the caller must stop
  /// appending. Writer thread only. Requires: opened by create/recover_last.
  Status append(std::string_view records, const std::vector<uint32_t>& record_sizes);

  /// Calls `visit` for each durable record with an offset in [from, to), in
  /// order, until it returns false. kCorrupt (file, offset, byte position)
  /// for a record that fails its checks; kUnavailable for I/O errors.
  Status read(int64_t from, int64_t to, const RecordVisitor& visit) const;

  /// Unlinks the segment's files (compaction). Readers holding the segment
  /// keep reading through the open descriptor.
  Status remove_files();

 private:
  Segment(std::string dir, int64_t base_offset, int fd, const SegmentOptions& options);

  /// Scans from `start` to `end` noting index entries. Stops at the first
  /// damaged record; returns the offset and position reached.
  Status scan(IndexEntry start, uint64_t end, SparseIndex& index, IndexEntry* reached,
              std::string* damage) const;
  /// OK when the damage at `position` is a torn tail that recovery may cut
  /// off, kCorrupt when valid records follow it (see segment_recovery.cpp).
  Status check_torn_tail(uint64_t position, uint64_t file_size, const std::string& damage) const;
  /// Writes the index file atomically (fsynced when `durable`; otherwise a
  /// lost or stale file is rebuilt) and opens it for appending when
  /// `for_append`.
  Status write_index_file(bool for_append, bool durable);

  const std::string path_;
  const std::string index_path_;
  const int64_t base_offset_;
  const SegmentOptions options_;
  int fd_ = -1;        ///< The .log: O_RDWR|O_APPEND, or O_RDONLY when sealed.
  int index_fd_ = -1;  ///< The .idx for appending (newest segment only).

  mutable std::mutex mu_;  ///< Guards the three fields below.
  SparseIndex index_;
  uint64_t size_ = 0;
  int64_t next_offset_;
};

}  // namespace herd::events::file
