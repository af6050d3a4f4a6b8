#pragma once

// What only herd can answer, because it keeps every event: the history of
// one object and the cluster as it was at a moment, read from the event log.
//
//   GET /herd/v1/history/<kind>/<namespace|->/<name>
//       {"kind":"EventHistory","apiVersion":"herd.io/v1","events":[<envelope>...]}
//       every event of every object that had this name (re-creations too),
//       oldest first, as docs/formats/event-envelope.md describes them.
//   GET /herd/v1/state/<kind>[/<namespace|->[/<name>]]?at=<RFC 3339 time>
//       a v1 List (or the one object) as it was at that time, folded from the
//       log's events up to it; a meta.k8s.io Table when asked as kubectl
//       asks (herdctl get --at), with ages as they were at that time.
//
// <kind> is any word kubectl accepts ("deploy", "deployments", "Deployment").
// Both read the log from its start: their cost grows with the history (of
// the kind: the Kafka backend reads only that kind's topic). A log whose
// older events were compacted away answers 410 Gone for times before what
// it still holds.

#include "herd/events/event_log.hpp"
#include "herd/server/router.hpp"

namespace herd::server {

/// Adds the /herd/v1 routes. `log` outlives the server using the router.
void add_history_routes(Router& router, events::EventLog& log);

}  // namespace herd::server
