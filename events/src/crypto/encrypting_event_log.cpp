// Secret events carry their whole data sealed:
//   data = {"sealed": "herd-aes256gcm:1:<key id>:<base64>"}
// and snapshot documents of Secrets ({"key": "Secret/...", ...}) are replaced by
//   {"key": "Secret/ns/name", "sealed": "..."}
// so kind, namespace and name stay readable for tools, the values do not.

#include "crypto/encrypting_event_log.hpp"

#include "herd/api/codec.hpp"

namespace herd::events {
namespace {

constexpr std::string_view kSecretKind = "Secret";
// ClusterState::to_snapshot_objects writes compact JSON with "key" first.
constexpr std::string_view kKeyPrefix = "{\"key\":\"";
constexpr std::string_view kSecretDocumentPrefix = "{\"key\":\"Secret/";

bool is_secret_document(const std::string& doc) { return doc.rfind(kSecretDocumentPrefix, 0) == 0; }

}  // namespace

Result<std::string> EncryptingEventLog::seal(std::string_view plaintext) const {
  if (!cipher_) return Status::unavailable("no encryption key: Secret data cannot be written (--encryption-key)");
  return cipher_->seal(plaintext);
}

Result<std::string> EncryptingEventLog::open(std::string_view sealed) const {
  if (!cipher_) return Status::unavailable("no encryption key: Secret data in the log cannot be read (--encryption-key)");
  return cipher_->open(sealed);
}

void EncryptingEventLog::append(std::vector<Event> events, AppendCallback done) {
  for (Event& e : events) {
    if (e.kind != kSecretKind) continue;
    Result<std::string> sealed = seal(api::to_json(e.data));
    if (!sealed.ok()) return done(sealed.status());
    e.data = api::Value::object();
    e.data.set("sealed", api::Value::string(std::move(sealed).value()));
  }
  inner_->append(std::move(events), std::move(done));
}

Result<ReadResult> EncryptingEventLog::read(const Cursor& from, const ReadOptions& options) {
  HERD_ASSIGN_OR_RETURN(ReadResult result, inner_->read(from, options));
  for (StoredEvent& stored : result.events) {
    Event& e = stored.event;
    const api::Value* sealed = e.data.find("sealed");
    if (e.kind != kSecretKind || sealed == nullptr || !sealed->is_string()) continue;
    Result<std::string> plain = open(sealed->as_string());
    if (!plain.ok()) return plain.status().with_context(e.object_key() + " seq " + std::to_string(e.seq));
    api::ParsedText parsed = api::parse_json(*plain);
    if (parsed.error || parsed.documents.size() != 1) return Status::corrupt(e.object_key() + ": sealed data is not JSON");
    e.data = std::move(parsed.documents[0]);
  }
  return result;
}

Status EncryptingEventLog::write_snapshot(const Snapshot& snapshot) {
  Snapshot sealed = snapshot;
  for (std::string& doc : sealed.objects) {
    if (!is_secret_document(doc)) continue;
    std::size_t key_end = doc.find('"', kKeyPrefix.size());
    std::string key = doc.substr(kKeyPrefix.size(), key_end - kKeyPrefix.size());
    HERD_ASSIGN_OR_RETURN(std::string text, seal(doc));
    api::Value wrapped = api::Value::object();
    wrapped.set("key", api::Value::string(key));
    wrapped.set("sealed", api::Value::string(text));
    doc = api::to_json(wrapped);
  }
  return inner_->write_snapshot(sealed);
}

Result<std::optional<Snapshot>> EncryptingEventLog::latest_snapshot() {
  HERD_ASSIGN_OR_RETURN(std::optional<Snapshot> snapshot, inner_->latest_snapshot());
  if (!snapshot) return snapshot;
  for (std::string& doc : snapshot->objects) {
    if (!is_secret_document(doc)) continue;
    api::ParsedText parsed = api::parse_json(doc);
    const api::Value* sealed = parsed.documents.empty() ? nullptr : parsed.documents[0].find("sealed");
    if (sealed == nullptr || !sealed->is_string()) continue;
    HERD_ASSIGN_OR_RETURN(doc, open(sealed->as_string()));
  }
  return snapshot;
}

}  // namespace herd::events
