#pragma once

// Internal to the Kafka backend: snapshots in the compacted topic
// `<prefix>.snapshots`. Record grammar (docs/formats/kafka-layout.md):
//
//   object    key = the object's "key" member     value = the object's JSON
//             (or "__pos__/<index>" when it has none)
//   marker    key = "__cursor__"                  value =
//   {"v":1,"gen":G,"cursor":{STREAM:OFFSET,...}} tombstone key = a key no longer in the latest
//   snapshot, value = null
//
// Object and marker records carry the headers `herd-snapshot-gen` (the
// decimal generation G) and `herd-snapshot-pos` (the object's index in
// Snapshot::objects). Snapshot G writes its objects, then its marker, then
// tombstones for keys it no longer holds. The latest snapshot is the latest
// marker G with every object whose latest record has a generation >= G, in
// position order.

#include <cstdint>
#include <optional>
#include <string>

#include "herd/base/result.hpp"
#include "herd/events/event_log.hpp"
#include "kafka/kafka_admin.hpp"
#include "kafka/kafka_producer.hpp"
#include "kafka/kafka_reader.hpp"

namespace herd::events::kafka {

/// The key of the marker record (reserved: no object may use it).
inline constexpr std::string_view kCursorKey = "__cursor__";
/// The record key prefix of an object without a "key" member.
inline constexpr std::string_view kPositionKeyPrefix = "__pos__/";
/// The record header holding a snapshot generation.
inline constexpr std::string_view kGenerationHeader = "herd-snapshot-gen";
/// The record header holding an object's index in Snapshot::objects.
inline constexpr std::string_view kPositionHeader = "herd-snapshot-pos";

/// Writes and reads snapshots. Borrows the log's admin client, producer and
/// reader pool, which must outlive it.
///
/// Thread-safe; writes are serialized (a snapshot reads the topic's state
/// before writing). Requires: one writer process per topic prefix, as the
/// generation is "highest seen + 1".
class KafkaSnapshots {
 public:
  KafkaSnapshots(std::string topic, TopicSpec spec, KafkaAdmin& admin, KafkaProducer& producer,
                 KafkaReaderPool& readers)
      : topic_(std::move(topic)),
        spec_(std::move(spec)),
        admin_(admin),
        producer_(producer),
        readers_(readers) {}

  /// Stores `snapshot` as described above. kInvalidArgument when two
  /// objects share a "key" or one uses a reserved key;
  /// kUnavailable when Kafka does not acknowledge in time. Tombstones that
  /// fail are logged (the next snapshot writes them again); the snapshot has
  /// taken effect once its marker is acknowledged.
  Status write(const Snapshot& snapshot);

  /// The latest complete snapshot, objects in their snapshot's order; nullopt when no
  /// marker was ever written. kCorrupt for a marker that does not parse.
  Result<std::optional<Snapshot>> latest();

 private:
  struct Entry {
    std::string value;
    uint64_t generation = 0;
    uint64_t position = 0;
  };
  struct Marker {
    uint64_t generation = 0;
    Cursor cursor;
  };
  /// The topic read to its high watermark: latest value per key.
  struct State {
    std::map<std::string, Entry> objects;  ///< Keys whose latest record is not a tombstone.
    std::optional<Marker> marker;
    uint64_t max_generation = 0;  ///< Highest generation on any record.
  };

  Result<State> scan();
  Status apply_record(const ConsumedRecord& record, State* state);

  const std::string topic_;
  const TopicSpec spec_;
  KafkaAdmin& admin_;
  KafkaProducer& producer_;
  KafkaReaderPool& readers_;
  std::mutex write_mu_;
};

}  // namespace herd::events::kafka
