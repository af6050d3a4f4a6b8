#pragma once

// POST /debug/apply: kubectl apply's outcome for each object of a manifest,
// without its three-way merge (there is no last-applied record yet): an
// object that exists gets the manifest's labels and spec, unconditionally,
// and keeps what the control plane set and the manifest does not say
// (keep_server_set_fields).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "herd/actors/control_plane.hpp"
#include "herd/api/manifest.hpp"
#include "herd/server/api_status.hpp"
#include "herd/server/http.hpp"

namespace herd::server::debug {

/// What applying one object did, as kubectl prints it.
enum class ApplyOutcome { kCreated, kConfigured, kUnchanged };

/// kubectl's name of an object: lower-case kind, ".group" unless core, "/name":
/// "deployment.apps/sise-deploy", "replicationcontroller/rcex".
std::string resource_label(const api::KindInfo& kind, std::string_view name);

/// "deployment.apps/sise-deploy created" (or configured, unchanged).
std::string apply_line(const api::KindInfo& kind, std::string_view name, ApplyOutcome outcome);

/// An update that did not move the object's seq changed nothing.
ApplyOutcome update_outcome(uint64_t seq_before, uint64_t seq_after);

/// Copies into `given` what controllers and the scheduler set on the stored
/// object and a manifest does not mention, so re-applying an unchanged
/// manifest changes nothing: annotations whose keys `given` lacks (e.g.
/// deployment.kubernetes.io/revision), ownerReferences and finalizers when
/// `given` has none, and a Pod's spec.nodeName when `given` has none.
/// Consequence: deleting an annotation from a manifest does not delete it
/// from the object.
void keep_server_set_fields(const api::Object& stored, api::Object& given);

/// A Status cause (reason "FieldValueInvalid", the field path, the message as
/// Diagnostic::to_string() with file, line and column) per error diagnostic;
/// warnings are left out.
std::vector<StatusCause> diagnostic_causes(const std::vector<api::Diagnostic>& diagnostics);

/// Creates `object`, or updates it when it exists (carrying over the stored
/// resourceVersion so the update is unconditional; retried when another
/// writer moved it in between). Returns the outcome line.
Result<std::string> apply_object(actors::ControlPlane& plane, api::Object object, const std::string& actor);

/// The whole route: decode `request.body` strictly (422 with every
/// diagnostic when any is an error, nothing applied), then apply each object
/// in order. 200 with one line per object; when one fails, the others are
/// still applied and the answer is the first failure's Status, whose message
/// lists every line and error.
HttpResponse handle_apply(actors::ControlPlane& plane, const std::string& actor, const HttpRequest& request);

}  // namespace herd::server::debug
