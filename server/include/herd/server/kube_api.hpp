#pragma once

// KubeApi: the Kubernetes REST API over herd's control plane — discovery,
// get/list/watch, create, update, patch, delete and deletecollection of every
// kind herd serves, with the status and scale subresources — on kube-
// apiserver's paths (/api/v1/..., /apis/<group>/<version>/...), so that
// kubectl and client libraries work against herd.
//
// Reads and watches come from a cache that follows the event log and
// numbers every change with a cluster-wide resourceVersion
// (docs/decisions/0011-api-resource-versions.md); writes go to the
// ControlPlane and answer when the cache shows them.
//
// Lifecycle: start() replays the log into the cache and starts following
// it; add_routes() registers the paths on a Router; the HttpServer using
// that Router must stop before the KubeApi is destroyed. Thread-safe.

#include <chrono>
#include <memory>
#include <string>

#include "herd/actors/control_plane.hpp"
#include "herd/base/result.hpp"
#include "herd/events/event_log.hpp"
#include "herd/runtime/container_logs.hpp"
#include "herd/server/router.hpp"

namespace herd::server {

struct KubeApiOptions {
  /// herd's version, shown in /version's gitVersion ("v1.32.0+herd.<it>").
  std::string herd_version = "0.0.0";
  /// How many recent changes a watch can resume from.
  std::size_t watch_window = 100'000;
  /// How often watches that allow them get a BOOKMARK.
  std::chrono::milliseconds bookmark_interval{10'000};
  /// How long a write waits for the cache to show it before answering 503.
  std::chrono::milliseconds write_wait{10'000};
  /// How many bytes of events may wait for a watcher that does not read;
  /// beyond that its watch is closed (it relists), so it holds up no one.
  std::size_t watch_buffer_bytes = 16 * 1024 * 1024;
  /// Where pods/log reads from: the logs of this process's containerd node;
  /// null when it has none (simulated nodes), and pods/log then says so.
  std::shared_ptr<const runtime::ContainerLogs> container_logs;
};

class KubeApi {
 public:
  /// `log` and `plane` outlive the KubeApi. kCorrupt / kUnavailable when the
  /// log cannot be replayed.
  static Result<std::unique_ptr<KubeApi>> start(events::EventLog& log, actors::ControlPlane& plane,
                                                KubeApiOptions options = {});
  ~KubeApi();
  KubeApi(const KubeApi&) = delete;
  KubeApi& operator=(const KubeApi&) = delete;

  /// Registers /version, /api and /apis (with everything under them).
  void add_routes(Router& router);

  class Impl;

 private:
  explicit KubeApi(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace herd::server
