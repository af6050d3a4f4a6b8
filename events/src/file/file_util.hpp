#pragma once

// Thin POSIX wrappers for the embedded log: every failure becomes a Status
// naming the path and errno text, and every short read or write is retried.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "herd/base/result.hpp"

namespace herd::events::file {

/// The Status for a failed system call: kUnavailable "<what> <path>: <strerror(err)>".
Status errno_status(std::string_view what, const std::string& path, int err);

/// Creates `path` and its missing parents (mode 0755). OK when it exists.
Status make_dirs(const std::string& path);

/// fsyncs the directory `path`, making renames and unlinks in it durable.
Status fsync_dir(const std::string& path);

/// Writes all of `data` to `fd` (retrying short writes and EINTR).
Status write_all(int fd, std::string_view data, const std::string& path);

/// Reads up to `size` bytes at `position` into `out` (resized to what was
/// read; shorter only at end of file).
Status pread_some(int fd, uint64_t position, std::size_t size, std::string& out,
                  const std::string& path);

/// The whole content of the file at `path`; kNotFound when it does not exist.
Result<std::string> read_whole_file(const std::string& path);

/// Writes `data` to `path` atomically: a temporary file beside it, fsync,
/// rename over `path`, then (when `durable`) fsync of the directory.
Status write_file_atomically(const std::string& path, std::string_view data, bool durable);

/// Names of the entries of directory `path` (no "." and ".."), unsorted.
Result<std::vector<std::string>> list_dir(const std::string& path);

/// The 20-digit zero-padded decimal form of `offset` used in file names.
std::string offset_file_name(int64_t offset, std::string_view extension);

/// Parses a name made by offset_file_name with `extension`; false otherwise.
bool parse_offset_file_name(std::string_view name, std::string_view extension, int64_t* offset);

}  // namespace herd::events::file
