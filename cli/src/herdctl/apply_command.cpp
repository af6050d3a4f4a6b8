// `apply` and `create`: the objects of -f files sent to the server one by
// one; each object's line is printed as soon as it is done, and a failure of
// one does not stop the others (the exit code says whether any failed).

#include <ostream>

#include "herd/api/codec.hpp"
#include "herdctl/apply.hpp"
#include "herdctl/commands.hpp"
#include "herdctl/fields.hpp"
#include "herdctl/manifest_objects.hpp"
#include "herdctl/resources.hpp"
#include "herdctl/table.hpp"

namespace herd::cli::herdctl {
namespace {

// Rounds of GET and PUT before a object that keeps changing is given up on.
constexpr int kApplyRounds = 5;

bool missing_or_empty(const api::Value* v) {
  return v == nullptr || v->is_null() || (v->is_array() && v->as_array().empty()) ||
         (v->is_object() && v->as_object().empty()) || (v->is_string() && v->as_string().empty());
}

// Copies stored.<section>.<key> into given when given lacks it.
void keep_member(const api::Value& stored, api::Value& given, std::string_view section, std::string_view key) {
  const api::Value* old = at(stored, {section, key});
  if (missing_or_empty(old)) return;
  api::Value* into = given.find(section);
  if (into == nullptr || !into->is_object()) return;
  if (missing_or_empty(into->find(key))) into->set(std::string(key), *old);
}

Result<ApplyOutcome> apply_item(const ManifestItem& item, const Session& session) {
  std::string path = object_path(*item.kind, item.namespace_, item.name);
  for (int round = 0; round < kApplyRounds; ++round) {
    Result<api::Value> stored = session.api.get(path);
    if (!stored.ok() && stored.status().code() != StatusCode::kNotFound) return stored.status();
    if (!stored.ok()) {
      Result<api::Value> created = session.api.send("POST", collection_path(*item.kind, item.namespace_), item.body);
      if (created.ok()) return ApplyOutcome::kCreated;
      if (created.status().code() != StatusCode::kAlreadyExists) return created.status();
      continue;  // created meanwhile by someone else: update it
    }
    api::Value update = item.body;
    keep_server_set_fields(*stored, update);
    Result<api::Value> updated = session.api.send("PUT", path, update);
    if (updated.ok()) {
      return update_outcome(metadata_string(*stored, "resourceVersion"), metadata_string(*updated, "resourceVersion"));
    }
    if (updated.status().code() != StatusCode::kConflict && updated.status().code() != StatusCode::kNotFound) {
      return updated.status();
    }
  }
  return Status::conflict(quoted_name(*item.kind, item.name) + " kept changing while being applied; try again");
}

}  // namespace

const char* outcome_word(ApplyOutcome outcome) {
  switch (outcome) {
    case ApplyOutcome::kCreated:
      return "created";
    case ApplyOutcome::kConfigured:
      return "configured";
    case ApplyOutcome::kUnchanged:
      return "unchanged";
  }
  return "";
}

ApplyOutcome update_outcome(const std::string& version_before, const std::string& version_after) {
  return version_before == version_after ? ApplyOutcome::kUnchanged : ApplyOutcome::kConfigured;
}

void keep_server_set_fields(const api::Value& stored, api::Value& given) {
  api::Value* meta = given.find("metadata");
  if (meta == nullptr || !meta->is_object()) return;
  const api::Value* old_annotations = at(stored, {"metadata", "annotations"});
  if (old_annotations != nullptr && old_annotations->is_object()) {
    api::Value* annotations = meta->find("annotations");
    if (annotations == nullptr || !annotations->is_object())
      annotations = &meta->set("annotations", api::Value::object());
    for (const api::Value::Member& m : old_annotations->as_object()) {
      if (annotations->find(m.key) == nullptr) annotations->set(m.key, m.value);
    }
  }
  keep_member(stored, given, "metadata", "ownerReferences");
  keep_member(stored, given, "metadata", "finalizers");
  std::string kind = text_at(given, {"kind"});
  if (kind == "Pod") keep_member(stored, given, "spec", "nodeName");
  if (kind == "Service") {
    keep_member(stored, given, "spec", "clusterIP");
    keep_member(stored, given, "spec", "clusterIPs");
  }
  meta->set("resourceVersion", api::Value::string(metadata_string(stored, "resourceVersion")));
}

int run_apply(const FileOptions& options, Session& session) {
  Result<std::vector<ManifestItem>> items = load_manifest_items(options, session);
  if (!items.ok()) return report_error(items.status(), session.err);
  int code = 0;
  for (const ManifestItem& item : *items) {
    Result<ApplyOutcome> outcome = apply_item(item, session);
    if (!outcome.ok()) {
      code = report_error(outcome.status(), session.err);
      continue;
    }
    session.out << qualified_name(*item.kind, item.name) << " " << outcome_word(*outcome) << "\n";
  }
  return code;
}

int run_create(const FileOptions& options, Session& session) {
  Result<std::vector<ManifestItem>> items = load_manifest_items(options, session);
  if (!items.ok()) return report_error(items.status(), session.err);
  int code = 0;
  for (const ManifestItem& item : *items) {
    Result<api::Value> created = session.api.send("POST", collection_path(*item.kind, item.namespace_), item.body);
    if (!created.ok()) {
      code = report_error(created.status(), session.err);
      continue;
    }
    session.out << qualified_name(*item.kind, metadata_string(*created, "name")) << " created\n";
  }
  return code;
}

}  // namespace herd::cli::herdctl
