#pragma once

// hostPath volumes: the kubelet's type check (pkg/volume/hostpath), which
// creates the path for the *OrCreate types. The path is never deleted.

#include "herd/api/volume.hpp"
#include "herd/base/status.hpp"

namespace herd::runtime::volume {

/// Checks `source.path` against `source.type`, following symlinks:
///   ""                 nothing (the path need not exist)
///   DirectoryOrCreate  created with its missing parents, 0755, when missing; then as Directory
///   Directory          must be a directory
///   FileOrCreate       created empty, 0644, when missing (its parent must exist); then as File
///   File               must be a regular file
///   Socket, CharDevice, BlockDevice   must be one
/// Errors, with the kubelet's messages:
///  - kNotFound `hostPath type check failed: <path> is not a directory` (or
///    "a file", "a socket file", "a character device", "a block device")
///    when the path does not exist, kInvalidArgument with the same message
///    when it exists as something else;
///  - kInvalidArgument when the path is not absolute or has a ".."
///    component, or `<type> is an invalid volume type`;
///  - kUnavailable when creating the path fails.
Status prepare_host_path(const api::HostPathVolumeSource& source);

}  // namespace herd::runtime::volume
