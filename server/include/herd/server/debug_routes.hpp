#pragma once

// The interim command path: small /debug routes over the ControlPlane that
// let `herd up` be driven and checked until the Kubernetes API server (with
// /api/v1/... paths, watches and kubectl compatibility) takes their place.
//
//   GET    /healthz, /readyz                       200 "ok"
//   GET    /debug/digest                           {"digest","objects","kinds"}
//   POST   /debug/apply                            YAML or JSON manifest(s) -> create or update each
//   GET    /debug/objects/<Kind>[/<ns>[/<name>]]   a v1 List, or one object
//   DELETE /debug/objects/<Kind>/<ns>/<name>[?propagationPolicy=Background|Foreground|Orphan]
//                                               [&gracePeriodSeconds=N]
//
// <Kind> is any name kubectl accepts ("Pod", "pods", "deploy"); "-" is the
// namespace of cluster-scoped kinds (/debug/objects/Node/-/sim-node-0).
// Failures are Kubernetes Status objects (api_status.hpp).

#include <string>

#include "herd/actors/control_plane.hpp"
#include "herd/server/router.hpp"

namespace herd::server {

/// Adds /healthz and /readyz: both answer 200 "ok" while the server runs.
void add_health_routes(Router& router);

/// Adds the /debug routes above. `plane` must outlive the server that uses
/// the router. Changes are recorded in the log with `actor` as their actor.
void add_debug_routes(Router& router, actors::ControlPlane& plane, std::string actor = "user:debug-api");

}  // namespace herd::server
