#pragma once

// GET /api/v1/namespaces/<ns>/pods/<name>/log: what `kubectl logs` reads,
// with the PodLogOptions it sends (container, follow, previous, tailLines,
// limitBytes, sinceSeconds, sinceTime, timestamps). The lines come from the
// node's ContainerLogs; with follow the answer is a stream that ends when
// the container's instance does or the client leaves.

#include <memory>

#include "herd/runtime/container_logs.hpp"
#include "herd/server/http.hpp"
#include "kube/api_context.hpp"

namespace herd::server::kube {

/// `logs` is null when no node of this process keeps logs (simulated nodes).
HttpResponse handle_pod_log(const ApiContext& ctx, std::shared_ptr<const runtime::ContainerLogs> logs,
                            const ResourcePath& path, const HttpRequest& request);

}  // namespace herd::server::kube
