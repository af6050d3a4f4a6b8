#pragma once

// The objects of -f files, ready to send: decoded and validated as
// `herdctl validate` does (legacy apiVersions converted, defaults applied),
// each placed in a namespace and encoded in its current apiVersion.

#include <string>
#include <vector>

#include "herd/api/object.hpp"
#include "herd/api/value.hpp"
#include "herd/base/result.hpp"
#include "herdctl/commands.hpp"

namespace herd::cli::herdctl {

struct ManifestItem {
  const api::KindInfo* kind = nullptr;
  std::string namespace_;  ///< "" for cluster-scoped kinds.
  std::string name;
  api::Value body;  ///< The object as JSON will carry it.
};

/// Reads and decodes the files. Diagnostics are printed to session.err as
/// FILE:LINE:COL: path: message; any error makes the whole read fail with
/// kInvalidArgument (nothing is sent for a manifest that does not validate,
/// as kubectl's client-side validation does). An object without a namespace
/// goes to the session's; one whose namespace differs from an explicit -n is
/// refused, as kubectl refuses it.
Result<std::vector<ManifestItem>> load_manifest_items(const FileOptions& files, const Session& session);

}  // namespace herd::cli::herdctl
