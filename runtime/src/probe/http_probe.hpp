#pragma once

// http_probe: one httpGet attempt as the kubelet's DoHTTPProbe makes it.
//
//   GET url ─► 200-299 ─► success
//          ├─► 301/302/303/307/308 with a Location on the same host name (any
//          │   port or scheme): follow it, at most 10 times
//          ├─► a redirect to another host, or any other 3xx: warning ("Probe
//          │   terminated redirects, Response body: <body>"), a success
//          └─► anything else: failure "HTTP probe failed with statuscode: <code>"
//
// `timeout` bounds the whole attempt: connect, TLS, redirects and the body,
// which is read up to 10 KiB (the kubelet's cap) and then left. A failure to
// connect or read is a failure worded as Go's http.Client words it:
//   Get "http://10.244.0.5:9876/health": dial tcp 10.244.0.5:9876: connect: connection refused
//   Get "http://10.244.0.5:9876/health": context deadline exceeded (Client.Timeout exceeded while
//   awaiting headers)

#include <chrono>
#include <cstddef>
#include <vector>

#include "herd/api/container.hpp"
#include "probe/http_message.hpp"
#include "probe/probe_action.hpp"

namespace herd::runtime::probe {

/// The most of a response body an attempt reads.
inline constexpr std::size_t kMaxProbeBody = 10 * 1024;

/// Makes one attempt at `url` with the probe's `headers`. Blocks up to `timeout`.
ProbeOutcome http_probe(const Url& url, const std::vector<api::HttpHeader>& headers,
                        std::chrono::milliseconds timeout);

}  // namespace herd::runtime::probe
