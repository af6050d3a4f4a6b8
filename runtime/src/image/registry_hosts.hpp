#pragma once

// Which endpoints serve a registry host, in the order to try them: the
// mirrors RegistryConfig names for it, then (unless the mirror config says
// not to) the host itself. Docker Hub's API is served from
// registry-1.docker.io; loopback and insecure hosts are reached over plain
// http, every other origin over https.

#include <string>
#include <string_view>
#include <vector>

#include "herd/base/result.hpp"
#include "herd/runtime/registry_client.hpp"
#include "image/http_transport.hpp"

namespace herd::runtime::image {

/// One place that serves the distribution API.
struct Endpoint {
  Url base;             ///< scheme://host[:port] and a path prefix ("" or "/prefix") as target.
  bool mirror = false;  ///< A configured mirror, not the registry host itself.

  /// host[:port], as messages name it: "127.0.0.1:5000", "registry-1.docker.io".
  std::string name() const { return base.authority(); }
  /// The URL of `api_path` ("library/busybox/manifests/latest") under /v2/.
  Url url(std::string_view api_path) const;
};

/// Whether `authority` (host[:port]) may be reached over plain http: its host
/// is loopback (127.0.0.0/8, localhost, ::1), or it or its host is in
/// config.insecure_hosts.
bool allows_plain_http(const RegistryConfig& config, std::string_view authority);

/// The endpoints for `domain` (an ImageReference's domain), in order.
/// Returns kInvalidArgument for a malformed mirror URL or a plain-http one
/// that allows_plain_http refuses.
Result<std::vector<Endpoint>> endpoints_for(const RegistryConfig& config, std::string_view domain);

/// Checks every mirror of `config` as endpoints_for would.
Status validate_registry_config(const RegistryConfig& config);

}  // namespace herd::runtime::image
