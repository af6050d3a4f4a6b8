#pragma once

// How `apply` updates an object that exists: it PUTs the manifest's object
// with the stored resourceVersion, after bringing over what the server (or
// a controller) set and the manifest does not say: annotations the manifest
// lacks (deployment.kubernetes.io/revision, change-cause), ownerReferences,
// finalizers, a scheduled pod's nodeName and a Service's allocated
// clusterIP(s). The outcome is read from the resourceVersion: the server
// keeps it when the update changed nothing.

#include <string>

#include "herd/api/value.hpp"

namespace herd::cli::herdctl {

enum class ApplyOutcome { kCreated, kConfigured, kUnchanged };

/// "created", "configured" or "unchanged".
const char* outcome_word(ApplyOutcome outcome);

/// kUnchanged when the resourceVersion before and after the update are the
/// same, else kConfigured.
ApplyOutcome update_outcome(const std::string& version_before, const std::string& version_after);

/// Copies the server-set fields of `stored` (as read from the server) into
/// `given` (the manifest's object), and the stored resourceVersion, so that
/// a PUT of `given` changes only what the manifest says.
void keep_server_set_fields(const api::Value& stored, api::Value& given);

}  // namespace herd::cli::herdctl
