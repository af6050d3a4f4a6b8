#pragma once

// The sparse index of one segment: every index_interval_bytes, the offset
// and file position of the record that starts there, so a read at an offset
// seeks close to it instead of scanning the segment from the start.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace herd::events::file {

/// One index point: the record with `offset` starts at byte `position`.
struct IndexEntry {
  int64_t offset = 0;
  uint64_t position = 0;
  bool operator==(const IndexEntry&) const = default;
};

/// Bytes of one entry in a .idx file: u64 offset, u64 position, u32 CRC-32C
/// of the 16 bytes before it.
inline constexpr std::size_t kIndexEntrySize = 20;

/// The in-memory index of one segment. Not thread-safe: Segment guards it.
class SparseIndex {
 public:
  /// `interval_bytes`: the least distance in bytes between two entries.
  explicit SparseIndex(uint32_t interval_bytes) : interval_bytes_(interval_bytes) {}

  /// Notes that a record with `offset` starts at `position` (records must be
  /// noted in file order). Returns true when it became an entry: the first
  /// record, or one at least interval_bytes after the last entry.
  bool note(int64_t offset, uint64_t position);

  /// The last entry at or before `offset`. Requires: not empty, and
  /// offset >= entries().front().offset.
  IndexEntry floor(int64_t offset) const;

  /// Drops every entry at `position` or after (recovery truncated there).
  void drop_from(uint64_t position);

  bool empty() const { return entries_.empty(); }
  const std::vector<IndexEntry>& entries() const { return entries_; }
  /// Replaces the entries. Requires: offsets and positions strictly increasing.
  void assign(std::vector<IndexEntry> entries) { entries_ = std::move(entries); }

  /// The .idx form of one entry (kIndexEntrySize bytes).
  static std::string encode_entry(const IndexEntry& entry);
  /// The .idx form of all entries.
  std::string encode() const;

  /// Parses a .idx file: the entries up to the first damaged one (bad
  /// checksum, partial entry, or offsets/positions not strictly increasing).
  /// `complete` is set to whether the whole file parsed.
  static std::vector<IndexEntry> decode(std::string_view bytes, bool* complete);

 private:
  uint32_t interval_bytes_;
  std::vector<IndexEntry> entries_;
};

}  // namespace herd::events::file
