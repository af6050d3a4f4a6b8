#pragma once

// Sequential reading of the records of a segment file through a buffer, for
// reads and for recovery scans.

#include <cstdint>
#include <string>

#include "file/record_format.hpp"
#include "herd/base/status.hpp"

namespace herd::events::file {

/// Reads the records between two byte positions of an open file, one at a
/// time, with a few large preads instead of one per record. Not
/// thread-safe; cheap to create (one per read or scan).
class RecordReader {
 public:
  /// Reads from byte `position` up to (not including) byte `end` of `fd`,
  /// whose name `path` is used in error messages. Both must outlive the reader.
  RecordReader(int fd, const std::string& path, uint64_t position, uint64_t end)
      : fd_(fd), path_(path), position_(position), end_(end) {}

  /// Decodes the record at position() into `*record`. When it is kOk the
  /// payload stays valid until the next call and position() moves past the
  /// record; otherwise position() stays. A record that would extend past
  /// `end` is kTruncated. Returns kUnavailable only for an I/O error.
  Status next(DecodedRecord* record);

  /// Byte position of the next record.
  uint64_t position() const { return position_; }
  /// True when position() has reached `end`.
  bool at_end() const { return position_ >= end_; }

 private:
  /// Makes the buffer hold at least `need` bytes from position_ (fewer at end).
  Status fill(std::size_t need);

  int fd_;
  const std::string& path_;
  uint64_t position_;
  uint64_t end_;
  std::string buffer_;
  uint64_t buffer_start_ = 0;  ///< File position of buffer_[0].
};

}  // namespace herd::events::file
