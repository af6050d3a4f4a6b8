#pragma once

// Named network namespaces, made the way `ip netns add` makes them: a thread
// unshares its network namespace and bind-mounts it onto <dir>/<name>, so the
// namespace outlives the thread and anyone (runc, the CNI plugins) can join it
// by path. Everything that switches namespaces happens on a short-lived thread
// of its own: the calling thread's namespace never changes.
//
// Needs CAP_SYS_ADMIN (unshare, mount).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/base/result.hpp"

namespace herd::runtime::network {

/// OK when `name` is usable as a netns file name: 1..255 bytes of letters,
/// digits, '-', '_' and '.', and not "." or "..". kInvalidArgument otherwise.
Status check_netns_name(std::string_view name);

/// Creates the netns `dir`/`name` and returns its path. Creates `dir` when
/// missing and makes it a shared mount point, as iproute2 does, so that the
/// namespace mounts propagate to other mount namespaces. kAlreadyExists when
/// the file exists; on any failure nothing is left behind.
Result<std::string> create_netns(const std::string& dir, const std::string& name);

/// Unmounts and removes the netns at `path` (`ip netns delete`). OK when it is
/// not there or only a leftover file that was never mounted.
Status delete_netns(const std::string& path);

/// Whether `path` is a mounted network namespace (an nsfs file).
bool netns_exists(const std::string& path);

/// The names in `dir` that start with `prefix` (mounted or not), sorted. A
/// missing `dir` has none.
Result<std::vector<std::string>> list_netns(const std::string& dir, std::string_view prefix);

/// Runs `fn` on a new thread that has joined the netns at `path`, and waits
/// for it: sockets `fn` creates belong to that namespace. kNotFound when
/// `path` cannot be opened, kUnavailable when it cannot be joined.
Status run_in_netns(const std::string& path, const std::function<void()>& fn);

}  // namespace herd::runtime::network
