#pragma once

// The snapshots of the embedded log: DIR/snapshots/<cursor offset>.snap,
// each written atomically and checksummed.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/base/result.hpp"
#include "herd/events/event_log.hpp"

namespace herd::events::file {

/// A snapshot as the embedded log keeps it: the offset of the one stream
/// ("") where replay continues, and the object documents.
struct StoredSnapshot {
  int64_t offset = 0;
  std::vector<std::string> objects;
};

/// Reads and writes snapshot files in one directory. Thread-safe: writes
/// are serialised; reads may run beside them (they only see renamed,
/// complete files).
class SnapshotStore {
 public:
  /// Uses directory `dir` (must exist). Removes leftover temporary files.
  explicit SnapshotStore(std::string dir);

  /// Writes `snapshot` as <offset>.snap (tmp file, fsync, rename, fsync of
  /// the directory), replacing one with the same offset. Then keeps only
  /// it and the newest older one (the fallback should it be damaged later);
  /// snapshots at greater offsets are removed, since this one replaces them.
  /// kUnavailable on I/O errors.
  Status write(const StoredSnapshot& snapshot);

  /// The snapshot with the greatest offset that reads back whole; damaged
  /// files are skipped with a warning. nullopt when there is none.
  Result<std::optional<StoredSnapshot>> latest() const;

  /// The file bytes of `snapshot` (see snapshot_store.cpp for the grammar).
  static std::string encode(const StoredSnapshot& snapshot);
  /// Parses a snapshot file; kCorrupt when it does not verify.
  static Result<StoredSnapshot> decode(std::string_view bytes);

 private:
  /// Offsets of the .snap files present, ascending.
  Result<std::vector<int64_t>> list() const;

  const std::string dir_;
  std::mutex write_mu_;
};

}  // namespace herd::events::file
