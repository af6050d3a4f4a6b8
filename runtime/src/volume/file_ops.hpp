#pragma once

// The file system calls the volume code shares: directories with exact
// modes, whole-file reads and writes, and a removal that never follows a
// symlink or crosses into another file system. Errors are kUnavailable with
// the path and strerror, unless stated.

#include <sys/types.h>

#include <string>

#include "herd/base/result.hpp"

namespace herd::runtime::volume {

/// strerror(error).
std::string errno_text(int error);

/// Creates the directory `path` with exactly `mode` (umask does not apply)
/// unless it exists; its parent must exist. An existing directory keeps its
/// mode. kInvalidArgument when `path` exists and is not a directory (a
/// symlink to one counts as not).
Status make_dir(const std::string& path, mode_t mode);

/// Creates the file `path` (which must not exist, nor be a symlink) with
/// exactly `mode` and `data` as its contents.
Status write_new_file(const std::string& path, const std::string& data, mode_t mode);

/// The contents of the file at `path`. kNotFound when it does not exist.
Result<std::string> read_file(const std::string& path);

/// realpath(3): `path` with every symlink, "." and ".." resolved. kNotFound
/// when a component does not exist.
Result<std::string> real_path(const std::string& path);

/// Removes `path` and everything below it. A symlink is removed, never its
/// target; a directory on another file system than `path` (a mount point)
/// is left alone together with its parents, and the result is kUnavailable
/// naming it. OK when `path` does not exist.
Status remove_tree(const std::string& path);

}  // namespace herd::runtime::volume
