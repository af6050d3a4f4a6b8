#pragma once

// RotatingLogFile: the file side of herd-log-driver. Appends whole CRI
// records to `<path>` and, before a record would take the file past
// max_size, rotates:
//
//   <path>.<max_files-2> -> <path>.<max_files-1>   (the oldest is replaced)
//   ...
//   <path>.1 -> <path>.2
//   <path>   -> <path>.1
//   then a new, empty <path>
//
// so at most max_files files exist, <path> the newest and <path>.1 the one
// before. A record is never split across files, and a record larger than
// max_size still goes whole into an empty file. Every append is one write(2)
// per file touched, without user-space buffering, so readers see a record as
// soon as append returns.
//
// Single-threaded: one driver process owns the file.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "herd/base/result.hpp"
#include "herd/base/status.hpp"

namespace herd::runtime::logs {

/// When to rotate and how many files to keep.
struct RotationLimits {
  int64_t max_size = 10 * 1024 * 1024;  ///< Bytes; > 0.
  int max_files = 5;                    ///< Files kept, the current one included; >= 1.
};

class RotatingLogFile {
 public:
  /// Opens (creates, or appends to) `path`; its parent directories are created.
  /// Returns kInvalidArgument for bad limits, kUnavailable when the file
  /// cannot be opened.
  static Result<std::unique_ptr<RotatingLogFile>> open(std::filesystem::path path,
                                                       RotationLimits limits);
  ~RotatingLogFile();
  RotatingLogFile(const RotatingLogFile&) = delete;
  RotatingLogFile& operator=(const RotatingLogFile&) = delete;

  /// Appends `records`: zero or more whole records, each ending in LF.
  /// Returns kUnavailable when a write or a rotation fails (disk full, ...);
  /// the records that could not be written are lost, and the file stays
  /// usable: a failed rotation keeps appending to the current file.
  Status append(std::string_view records);

  /// Bytes in the current file.
  int64_t size() const { return size_; }

 private:
  RotatingLogFile(std::filesystem::path path, RotationLimits limits, int fd, int64_t size);
  Status write_all(std::string_view bytes);
  Status rotate();

  std::filesystem::path path_;
  RotationLimits limits_;
  int fd_ = -1;
  int64_t size_ = 0;
};

/// `<path>.<index>`: the index-th newest rotated file; index 0 is `path` itself.
std::filesystem::path rotated_log_path(const std::filesystem::path& path, int index);

}  // namespace herd::runtime::logs
