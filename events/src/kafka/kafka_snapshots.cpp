// Why generations: Kafka cannot write a snapshot atomically, and a crash may
// stop one anywhere. The order objects -> marker -> tombstones, with the
// generation on every record, keeps the latest complete snapshot readable:
//
//   crash while writing objects of G+1: marker G stays latest. Objects G+1
//     already written replace their G versions; they are newer than marker
//     G's cursor (replay skips events whose seq they already include), and
//     objects only G+1 holds were created after cursor G (replay skips their
//     older events the same way). Keys G dropped and G+1 did not write keep
//     generation < G and stay excluded.
//   crash before the tombstones of G+1: marker G+1 is latest; the stale keys
//     have generation <= G and are excluded; the next snapshot tombstones
//     them (it tombstones every live key it does not hold).
//
// A retried snapshot takes "highest generation seen + 1", never reusing the
// generation of an interrupted one, whose leftovers would otherwise count.

#include "kafka/kafka_snapshots.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "herd/api/codec.hpp"
#include "herd/base/logging.hpp"

namespace herd::events::kafka {
namespace {

// The record key of the object at `index`: its "key" member (herd's
// snapshot documents, cluster_state.hpp, all have one), else its position.
Result<std::string> record_key_of(const std::string& json, std::size_t index) {
  api::ParsedText parsed = api::parse_json(json);
  const api::Value* key = nullptr;
  if (!parsed.error && parsed.documents.size() == 1 && parsed.documents[0].is_object()) {
    key = parsed.documents[0].find("key");
  }
  if (key == nullptr || !key->is_string() || key->as_string().empty()) {
    return std::string(kPositionKeyPrefix) + std::to_string(index);
  }
  const std::string& k = key->as_string();
  if (k == kCursorKey || k.compare(0, kPositionKeyPrefix.size(), kPositionKeyPrefix) == 0) {
    return Status::invalid_argument("snapshot object key \"" + k + "\" is reserved");
  }
  return k;
}

std::string encode_marker(uint64_t generation, const Cursor& cursor) {
  api::Value next = api::Value::object();
  for (const auto& [stream, offset] : cursor.next) next.set(stream, api::Value::integer(offset));
  api::Value doc = api::Value::object();
  doc.set("v", api::Value::integer(1));
  doc.set("gen", api::Value::integer(static_cast<int64_t>(generation)));
  doc.set("cursor", std::move(next));
  return api::to_json(doc);
}

Status decode_marker(std::string_view json, uint64_t* generation, Cursor* cursor) {
  api::ParsedText parsed = api::parse_json(json);
  if (parsed.error || parsed.documents.size() != 1 || !parsed.documents[0].is_object()) {
    return Status::corrupt("snapshot marker is not a JSON object");
  }
  const api::Value& doc = parsed.documents[0];
  const api::Value* gen = doc.find("gen");
  const api::Value* next = doc.find("cursor");
  if (gen == nullptr || !gen->is_int() || gen->as_int() < 0 || next == nullptr ||
      !next->is_object()) {
    return Status::corrupt("snapshot marker lacks \"gen\" or \"cursor\"");
  }
  *generation = static_cast<uint64_t>(gen->as_int());
  cursor->next.clear();
  for (const api::Value::Member& m : next->as_object()) {
    if (!m.value.is_int())
      return Status::corrupt("snapshot marker offset of " + m.key + " is not an integer");
    cursor->next[m.key] = m.value.as_int();
  }
  return Status();
}

// The decimal value of header `name`, 0 when absent or not a number.
uint64_t header_number(const ConsumedRecord& record, std::string_view name) {
  for (const auto& [header, value] : record.headers) {
    uint64_t n = 0;
    if (header == name &&
        std::from_chars(value.data(), value.data() + value.size(), n).ec == std::errc()) {
      return n;
    }
  }
  return 0;  // generation 0: written by something else, part of no snapshot
}

}  // namespace

Status KafkaSnapshots::write(const Snapshot& snapshot) {
  std::lock_guard lock(write_mu_);
  HERD_ASSIGN_OR_RETURN(State state, scan());
  const std::string generation = std::to_string(state.max_generation + 1);
  std::vector<std::string> object_keys;
  std::set<std::string> keys;
  object_keys.reserve(snapshot.objects.size());
  for (std::size_t i = 0; i < snapshot.objects.size(); ++i) {
    HERD_ASSIGN_OR_RETURN(std::string key, record_key_of(snapshot.objects[i], i));
    if (!keys.insert(key).second)
      return Status::invalid_argument("snapshot holds " + key + " twice");
    object_keys.push_back(std::move(key));
  }
  HERD_RETURN_IF_ERROR(admin_.ensure_topic(topic_, spec_));
  HERD_ASSIGN_OR_RETURN(const ProducerTopic* topic, producer_.topic(topic_));
  // Objects carry generation and position, the marker its generation,
  // tombstones nothing.
  auto record = [&](std::string key, std::optional<std::string> value,
                    std::optional<std::size_t> position) {
    ProduceRecord r{topic, std::move(key), std::move(value), {}};
    if (r.value) r.headers.emplace_back(kGenerationHeader, generation);
    if (position) r.headers.emplace_back(kPositionHeader, std::to_string(*position));
    return r;
  };
  std::vector<ProduceRecord> objects;
  objects.reserve(snapshot.objects.size());
  for (std::size_t i = 0; i < snapshot.objects.size(); ++i) {
    objects.push_back(record(std::move(object_keys[i]), snapshot.objects[i], i));
  }
  // Each step waits for its acknowledgement: the marker must never be
  // durable before the objects it vouches for.
  auto objects_written = producer_.produce_and_wait(std::move(objects));
  if (!objects_written.ok())
    return objects_written.status().with_context("writing snapshot objects");
  std::vector<ProduceRecord> marker;
  marker.push_back(record(std::string(kCursorKey),
                          encode_marker(state.max_generation + 1, snapshot.cursor), std::nullopt));
  auto marker_written = producer_.produce_and_wait(std::move(marker));
  if (!marker_written.ok())
    return marker_written.status().with_context("writing the snapshot marker");

  std::vector<ProduceRecord> tombstones;
  for (const auto& [key, entry] : state.objects) {
    if (keys.count(key) == 0) tombstones.push_back(record(key, std::nullopt, std::nullopt));
  }
  if (!tombstones.empty()) {
    auto dropped = producer_.produce_and_wait(std::move(tombstones));
    if (!dropped.ok()) {
      HERD_LOG(kWarning, kLogComponent)
          << "snapshot " << generation << " is complete but its tombstones "
          << "failed (the next snapshot retries): " << dropped.status().to_string();
    }
  }
  return Status();
}

Result<std::optional<Snapshot>> KafkaSnapshots::latest() {
  HERD_ASSIGN_OR_RETURN(State state, scan());
  if (!state.marker) return std::optional<Snapshot>();
  std::vector<Entry*> live;
  for (auto& [key, entry] : state.objects) {
    if (entry.generation >= state.marker->generation) live.push_back(&entry);
  }
  // The snapshot's own order. (Leftovers of an interrupted later snapshot
  // may share positions with it; their place among them is arbitrary.)
  std::stable_sort(live.begin(), live.end(),
                   [](const Entry* a, const Entry* b) { return a->position < b->position; });
  Snapshot snapshot;
  snapshot.cursor = state.marker->cursor;
  for (Entry* entry : live) snapshot.objects.push_back(std::move(entry->value));
  return std::optional<Snapshot>(std::move(snapshot));
}

Result<KafkaSnapshots::State> KafkaSnapshots::scan() {
  State state;
  HERD_ASSIGN_OR_RETURN(auto topics, admin_.topics_with_prefix(topic_));
  auto it = topics.find(topic_);
  if (it == topics.end()) return state;  // never written
  std::vector<TopicPartition> partitions;
  for (int p = 0; p < it->second; ++p) partitions.push_back(TopicPartition{topic_, p});
  HERD_ASSIGN_OR_RETURN(auto marks, admin_.watermarks(partitions));
  std::vector<PartitionRange> ranges;
  for (const auto& [tp, w] : marks) ranges.push_back(PartitionRange{tp, w.low, w.high});
  HERD_ASSIGN_OR_RETURN(KafkaReaderPool::Lease reader, readers_.take(ranges));
  constexpr std::size_t kChunk = 16384;
  while (true) {
    HERD_ASSIGN_OR_RETURN(std::vector<ConsumedRecord> records,
                          reader->read(ranges, kChunk, std::chrono::milliseconds(0)));
    for (const ConsumedRecord& r : records) {
      HERD_RETURN_IF_ERROR(apply_record(r, &state));
      for (PartitionRange& range : ranges) {
        if (range.partition == r.partition) range.start = r.offset + 1;
      }
    }
    // A short read has reached every end (a compacted end may be a gap, so
    // comparing offsets with the high watermark would not do).
    if (records.size() < kChunk) return state;
  }
}

Status KafkaSnapshots::apply_record(const ConsumedRecord& record, State* state) {
  uint64_t generation = header_number(record, kGenerationHeader);
  state->max_generation = std::max(state->max_generation, generation);
  if (record.key == kCursorKey) {
    if (!record.value)
      return Status();  // not written by herd; a tombstone for a marker means nothing
    Marker marker;
    marker.generation = generation;
    Status decoded = decode_marker(*record.value, &marker.generation, &marker.cursor);
    if (!decoded.ok()) {
      return decoded.with_context(topic_ + " offset " + std::to_string(record.offset));
    }
    state->marker = std::move(marker);
    return Status();
  }
  if (!record.value) {
    state->objects.erase(record.key);
  } else {
    state->objects[record.key] =
        Entry{*record.value, generation, header_number(record, kPositionHeader)};
  }
  return Status();
}

}  // namespace herd::events::kafka
