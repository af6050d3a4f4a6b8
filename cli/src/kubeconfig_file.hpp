#pragma once

// The kubeconfig `herd up` writes for kubectl and herdctl: one cluster
// ("herd") at the server's URL, one user ("admin"; herd has no
// authentication yet, so it carries no credentials), one context that uses
// both with namespace "default", made current.

#include <string>

#include "herd/base/status.hpp"

namespace herd::cli {

/// Writes the kubeconfig to `path` (mode 0600, replacing it atomically).
Status write_kubeconfig(const std::string& path, const std::string& server_url);

}  // namespace herd::cli
