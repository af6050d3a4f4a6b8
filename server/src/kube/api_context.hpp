#pragma once

// What every Kubernetes API handler works with, and the small helpers they
// share: how objects and lists are written, how failures read, who the
// caller is.
//
// Reads come from the WatchCache (so that a list's resourceVersion is one a
// watch resumes from); writes go to the ControlPlane, and their answer waits
// until the cache has folded the write, so it carries the object's
// resourceVersion and the caller's next read sees it.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "herd/actors/control_plane.hpp"
#include "herd/api/object.hpp"
#include "herd/api/value.hpp"
#include "herd/server/api_status.hpp"
#include "herd/server/http.hpp"
#include "kube/resource_path.hpp"
#include "watch/watch_cache.hpp"

namespace herd::server::kube {

struct ApiContext {
  actors::ControlPlane& plane;
  watch::WatchCache& cache;
  /// How long a write waits for the cache to show it.
  std::chrono::milliseconds write_wait{10'000};
  /// How many bytes of events may wait for a slow watcher before its watch
  /// is closed.
  std::size_t watch_buffer_bytes = 16 * 1024 * 1024;
};

/// The object as the API writes it (kind, apiVersion, resourceVersion set).
api::Value object_value(const watch::CachedObject& object);
HttpResponse object_response(int code, const watch::CachedObject& object);

/// "deployments.apps" / "pods": how Kubernetes names a resource in messages.
std::string resource_label(const api::KindInfo& kind);
/// 404 `pods "web-0" not found`, with details as Kubernetes gives them.
HttpResponse not_found_response(const api::KindInfo& kind, std::string_view name);
/// 200 with a Success Status, and `details` when given (a delete that is done).
HttpResponse success_response(api::Value details = api::Value());
/// 400 BadRequest with `message`.
HttpResponse bad_request(std::string_view message);
/// A failure from the control plane or the cache, with Kubernetes' wording
/// for the common cases (NotFound, AlreadyExists, Conflict).
HttpResponse failure_for(const Status& status, const api::KindInfo& kind, std::string_view name);

/// Who makes the request, as the event log records it ("user:admin"). Until
/// authentication exists every caller is the cluster's admin.
std::string actor_of(const HttpRequest& request);

/// Waits until the cache shows `view` (an answer of the control plane) and
/// returns the object as the cache has it (null: the write deleted it).
Result<watch::CachedPtr> settle(const ApiContext& ctx, const api::KindInfo& kind, const actors::ObjectView& view);

/// Kubernetes' dryRun=All: the write is checked and answered as if done,
/// and nothing is stored. kInvalidArgument for another value.
Result<bool> dry_run(const HttpRequest& request);

/// Waits (up to write_wait) until the cache shows the object at `path` as
/// the control plane has it now: before a write is tried again after a
/// conflict, so that it starts from the latest version.
void catch_up(const ApiContext& ctx, const ResourcePath& path);

/// A whole-number query parameter; nullopt when absent.
Result<std::optional<int64_t>> int_param(const HttpRequest& request, std::string_view name);

}  // namespace herd::server::kube
