#pragma once

// Helpers shared by the embedded log's tests (test targets only).

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "file/file_event_log.hpp"

namespace herd::events::file::testing {

/// A fresh directory under /tmp, removed with everything in it on
/// destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/herd-file-log-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp failed";
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// Small segments and index steps, so a few hundred events roll segments.
inline FileLogOptions small_options(uint64_t segment_bytes = 16 * 1024) {
  FileLogOptions options;
  options.segment_bytes = segment_bytes;
  options.index_interval_bytes = 512;
  return options;
}

/// Opens the log in `dir`, failing the test (and returning nullptr) on error.
inline std::unique_ptr<FileEventLog> open_or_fail(const std::string& dir,
                                                  const FileLogOptions& options) {
  Result<std::unique_ptr<FileEventLog>> log = FileEventLog::open(dir, options);
  if (!log.ok()) {
    ADD_FAILURE() << "open " << dir << ": " << log.status().to_string();
    return nullptr;
  }
  return std::move(log).value();
}

/// The bytes of a file.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Replaces the content of a file.
inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// The path of the segment of `dir` that starts at `base`.
inline std::string segment_path(const std::string& dir, int64_t base, const char* ext = ".log") {
  char name[32];
  std::snprintf(name, sizeof name, "%020lld", static_cast<long long>(base));
  return dir + "/segments/" + name + ext;
}

}  // namespace herd::events::file::testing
