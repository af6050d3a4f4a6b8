#include "herd/events/cluster_state.hpp"

#include <openssl/evp.h>

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/events/event_types.hpp"
#include "object_apply.hpp"
#include "read_ahead.hpp"

namespace herd::events {
namespace {

std::string hex(const unsigned char* bytes, unsigned n) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < n; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

}  // namespace

ClusterState::ClusterState(const ClusterState& other)
    : objects_(other.objects_), deleted_seq_(other.deleted_seq_), skipped_(other.skipped_) {
  rebuild_index();
}

ClusterState& ClusterState::operator=(const ClusterState& other) {
  if (this != &other) {
    objects_ = other.objects_;
    deleted_seq_ = other.deleted_seq_;
    skipped_ = other.skipped_;
    rebuild_index();
  }
  return *this;
}

void ClusterState::rebuild_index() {
  index_.clear();
  index_.reserve(objects_.size());
  for (auto it = objects_.begin(); it != objects_.end(); ++it) index_.emplace(it->first, it);
}

Status ClusterState::apply(const Event& event) {
  key_.clear();
  key_.append(event.kind).append("/").append(event.namespace_).append("/").append(event.name);  // object_key()
  auto found = index_.find(key_);
  bool live = found != index_.end();
  Objects::iterator it = live ? found->second : objects_.end();
  uint64_t last = live ? it->second.seq : 0;
  if (!live && event.type != types::kObjectCreated && !deleted_seq_.empty()) {
    if (auto d = deleted_seq_.find(key_); d != deleted_seq_.end()) last = d->second;
  }
  if (event.seq != 0 && event.seq <= last) {
    ++skipped_;
    return Status();
  }
  if (event.seq != 0 && last != 0 && event.seq != last + 1 && event.type != types::kObjectCreated) {
    return Status::corrupt(key_ + ": event seq " + std::to_string(event.seq) + " follows seq " + std::to_string(last));
  }
  if (live && event.type == types::kObjectUpdated) {
    // Most of a log: the object is decoded straight into its record. The same
    // as events::apply below (which calls apply_object_updated for it too),
    // without moving the object out of the record and back.
    Status status = apply_object_updated(it->second.object, event);
    if (!status.ok()) return status.with_context(event.type).with_context(key_ + " seq " + std::to_string(event.seq));
    it->second.seq = event.seq;
    return Status();
  }
  std::optional<api::Object> object;
  if (live) object = std::move(it->second.object);
  Status status = events::apply(object, event);
  if (!status.ok()) {
    if (live) it->second.object = std::move(*object);
    return status.with_context(key_ + " seq " + std::to_string(event.seq));
  }
  if (!object.has_value()) {
    if (live) {
      index_.erase(found);
      objects_.erase(it);
    }
    deleted_seq_[key_] = event.seq;
    return Status();
  }
  if (live) {
    // A live key is never in deleted_seq_ (its creation took it out).
    it->second.object = std::move(*object);
    it->second.seq = event.seq;
    return Status();
  }
  if (!deleted_seq_.empty()) deleted_seq_.erase(key_);
  auto inserted = objects_.emplace(key_, ObjectRecord{std::move(*object), event.seq}).first;
  index_.emplace(inserted->first, inserted);
  return Status();
}

std::map<std::string, std::size_t> ClusterState::count_by_kind() const {
  std::map<std::string, std::size_t> counts;
  for (const auto& [key, record] : objects_) counts[std::string(api::kind_of(record.object).kind)] += 1;
  return counts;
}

std::string digest_of(const std::vector<DigestEntry>& entries) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  for (const DigestEntry& e : entries) {
    std::string line = *e.key + "\n" + std::to_string(e.seq) + "\n" + api::to_json(api::encode_object(*e.object)) + "\n";
    EVP_DigestUpdate(ctx, line.data(), line.size());
  }
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  EVP_DigestFinal_ex(ctx, out, &n);
  EVP_MD_CTX_free(ctx);
  return hex(out, n);
}

std::string ClusterState::digest() const {
  std::vector<DigestEntry> entries;
  entries.reserve(objects_.size());
  for (const auto& [key, record] : objects_) entries.push_back(DigestEntry{&key, &record.object, record.seq});
  return digest_of(entries);
}

std::vector<std::string> ClusterState::to_snapshot_objects() const {
  std::vector<std::string> out;
  out.reserve(objects_.size());
  for (const auto& [key, record] : objects_) {
    api::Value doc = api::Value::object();
    doc.set("key", api::Value::string(key));
    doc.set("seq", api::Value::integer(static_cast<int64_t>(record.seq)));
    doc.set("object", api::encode_object(record.object));
    out.push_back(api::to_json(doc));
  }
  return out;
}

Status ClusterState::load_snapshot_objects(const std::vector<std::string>& documents) {
  objects_.clear();
  index_.clear();
  deleted_seq_.clear();
  for (const std::string& text : documents) {
    api::ParsedText parsed = api::parse_json(text);
    if (parsed.error || parsed.documents.size() != 1) return Status::corrupt("snapshot object is not JSON");
    const api::Value& doc = parsed.documents[0];
    const api::Value* key = doc.find("key");
    const api::Value* seq = doc.find("seq");
    const api::Value* object = doc.find("object");
    if (!key || !key->is_string() || !seq || !seq->is_int() || !object) {
      return Status::corrupt("snapshot object needs key, seq and object");
    }
    HERD_ASSIGN_OR_RETURN(api::Object decoded, api::decode_stored_object(*object));
    auto [it, inserted] =
        objects_.insert_or_assign(key->as_string(), ObjectRecord{std::move(decoded), static_cast<uint64_t>(seq->as_int())});
    if (inserted) index_.emplace(it->first, it);
  }
  return Status();
}

Result<ReplayStats> replay(EventLog& log, ClusterState& state) {
  ReplayStats stats;
  HERD_ASSIGN_OR_RETURN(std::optional<Snapshot> snapshot, log.latest_snapshot());
  Cursor cursor;
  if (snapshot.has_value()) {
    HERD_RETURN_IF_ERROR(state.load_snapshot_objects(snapshot->objects));
    stats.from_snapshot = true;
    stats.snapshot_objects = snapshot->objects.size();
    cursor = snapshot->cursor;
  }
  ReadAhead ahead(log, cursor);
  while (true) {
    HERD_ASSIGN_OR_RETURN(ReadResult batch, ahead.next());
    for (const StoredEvent& e : batch.events) {
      Status s = state.apply(e.event);
      if (!s.ok()) return s.with_context("replay at " + e.stream + "@" + std::to_string(e.offset));
    }
    stats.events_read += batch.events.size();
    cursor = batch.next;
    if (batch.events.empty()) break;
    ahead.recycle(std::move(batch));
  }
  stats.end = cursor;
  return stats;
}

Status write_snapshot(EventLog& log, const ClusterState& state, const Cursor& cursor) {
  return log.write_snapshot(Snapshot{cursor, state.to_snapshot_objects()});
}

}  // namespace herd::events
