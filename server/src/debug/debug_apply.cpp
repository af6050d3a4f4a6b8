#include "debug/debug_apply.hpp"

#include <cctype>

namespace herd::server::debug {
namespace {

// How often apply re-reads and retries an update another writer overtook.
constexpr int kUpdateAttempts = 3;

const char* outcome_word(ApplyOutcome outcome) {
  switch (outcome) {
    case ApplyOutcome::kCreated: return "created";
    case ApplyOutcome::kConfigured: return "configured";
    case ApplyOutcome::kUnchanged: return "unchanged";
  }
  return "";
}

// Replaces the stored object; nullopt when it does not exist (any more).
std::optional<Result<std::string>> update_existing(actors::ControlPlane& plane, const api::Object& object,
                                                   const std::string& actor) {
  const api::KindInfo& kind = api::kind_of(object);
  const api::ObjectMeta& meta = api::meta(object);
  for (int attempt = 0; attempt < kUpdateAttempts; ++attempt) {
    std::optional<actors::ObjectView> stored = plane.get(kind.kind, meta.namespace_, meta.name);
    if (!stored) return std::nullopt;
    api::Object update = object;
    keep_server_set_fields(stored->object, update);
    api::meta(update).resource_version = api::meta(stored->object).resource_version;
    Result<actors::ObjectView> updated = plane.update(std::move(update), actor);
    if (updated.ok()) return apply_line(kind, meta.name, update_outcome(stored->seq, updated->seq));
    if (updated.status().code() == StatusCode::kNotFound) return std::nullopt;
    if (updated.status().code() != StatusCode::kConflict) return Result<std::string>(updated.status());
  }
  return Result<std::string>(Status::conflict(resource_label(kind, meta.name) +
                                              " kept changing while being applied; try again"));
}

}  // namespace

std::string resource_label(const api::KindInfo& kind, std::string_view name) {
  std::string label;
  for (char c : kind.kind) label.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (!kind.group.empty()) label += "." + std::string(kind.group);
  return label + "/" + std::string(name);
}

std::string apply_line(const api::KindInfo& kind, std::string_view name, ApplyOutcome outcome) {
  return resource_label(kind, name) + " " + outcome_word(outcome);
}

ApplyOutcome update_outcome(uint64_t seq_before, uint64_t seq_after) {
  return seq_after == seq_before ? ApplyOutcome::kUnchanged : ApplyOutcome::kConfigured;
}

void keep_server_set_fields(const api::Object& stored, api::Object& given) {
  const api::ObjectMeta& old = api::meta(stored);
  api::ObjectMeta& meta = api::meta(given);
  for (const auto& [key, value] : old.annotations) meta.annotations.emplace(key, value);
  if (meta.owner_references.empty()) meta.owner_references = old.owner_references;
  if (meta.finalizers.empty()) meta.finalizers = old.finalizers;
  const auto* old_pod = std::get_if<api::Pod>(&stored);
  auto* pod = std::get_if<api::Pod>(&given);
  if (old_pod != nullptr && pod != nullptr && pod->spec.node_name.empty()) pod->spec.node_name = old_pod->spec.node_name;
}

std::vector<StatusCause> diagnostic_causes(const std::vector<api::Diagnostic>& diagnostics) {
  std::vector<StatusCause> causes;
  for (const api::Diagnostic& d : diagnostics) {
    if (d.severity != api::Diagnostic::Severity::kError) continue;
    causes.push_back(StatusCause{"FieldValueInvalid", d.to_string(), d.path});
  }
  return causes;
}

Result<std::string> apply_object(actors::ControlPlane& plane, api::Object object, const std::string& actor) {
  const api::KindInfo& kind = api::kind_of(object);
  api::ObjectMeta& meta = api::meta(object);
  if (kind.namespaced && meta.namespace_.empty()) meta.namespace_ = "default";
  if (!kind.namespaced) meta.namespace_.clear();
  meta.resource_version.clear();
  // Two rounds: a create that loses a race to another writer becomes an update.
  for (int round = 0; round < 2; ++round) {
    if (!meta.name.empty()) {
      std::optional<Result<std::string>> updated = update_existing(plane, object, actor);
      if (updated) return std::move(*updated);
    }
    Result<actors::ObjectView> created = plane.create(object, actor);
    if (created.ok()) return apply_line(kind, api::meta(created->object).name, ApplyOutcome::kCreated);
    if (created.status().code() != StatusCode::kAlreadyExists || meta.name.empty()) return created.status();
  }
  return Status::conflict(resource_label(kind, meta.name) + " was created and deleted while being applied; try again");
}

HttpResponse handle_apply(actors::ControlPlane& plane, const std::string& actor, const HttpRequest& request) {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return failure_response(400, "BadRequest", "the request body is empty: send a YAML or JSON manifest");
  }
  api::Manifest manifest = api::decode_manifest(request.body, api::DecodeOptions{"request", true});
  if (manifest.error_count() > 0) {
    std::string message;
    for (const api::Diagnostic& d : manifest.diagnostics) message += d.to_string() + "\n";
    return failure_response(422, "Invalid", message, diagnostic_causes(manifest.diagnostics));
  }
  if (manifest.objects.empty()) return failure_response(400, "BadRequest", "the manifest holds no objects");
  std::string lines;
  std::optional<Status> first_failure;
  for (api::ManifestObject& o : manifest.objects) {
    std::string label = resource_label(api::kind_of(o.object), api::meta(o.object).name);
    Result<std::string> line = apply_object(plane, std::move(o.object), actor);
    if (line.ok()) {
      lines += *line + "\n";
      continue;
    }
    lines += "error: " + label + ": " + line.status().to_string() + "\n";
    if (!first_failure) first_failure = line.status();
  }
  if (first_failure) return failure_response(Status(first_failure->code(), lines));
  return HttpResponse::text(200, std::move(lines));
}

}  // namespace herd::server::debug
