#pragma once

// Checks on the paths a pod names inside its volumes (ConfigMap and Secret
// keys and item paths, subPaths) and on the names that become directories
// (pod uids, volume names). Pure.

#include <string>
#include <string_view>
#include <vector>

#include "herd/base/status.hpp"

namespace herd::runtime::volume {

/// OK when `path` may name a file of a configMap or secret volume, by the
/// kubelet's AtomicWriter rules: not empty, relative, at most 4096 bytes, no
/// component "..", ".", or "" ("a//b"), each component at most 255 bytes, and
/// the first not starting with ".." (those names are the writer's own).
/// kInvalidArgument `invalid path: must not contain '..': a/../b` otherwise.
Status check_file_path(std::string_view path);

/// OK when `sub_path` is relative and has no ".." component (empty is OK:
/// no subPath). kInvalidArgument otherwise.
Status check_sub_path(std::string_view sub_path);

/// OK when `name` is usable as one directory name: 1..255 bytes of letters,
/// digits, '-', '_' and '.', and not "." or "..". kInvalidArgument naming
/// `what` ("pod uid", "volume name") otherwise.
Status check_dir_name(std::string_view what, std::string_view name);

/// The components of a '/'-separated path, empty ones ("a//b", "/a") skipped.
std::vector<std::string> path_components(std::string_view path);

/// Whether `path` is `root` or below it. Both are absolute and normalised
/// (no "." or ".." components, no trailing '/').
bool is_within(std::string_view path, std::string_view root);

}  // namespace herd::runtime::volume
