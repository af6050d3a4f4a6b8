#pragma once

// The Apache Kafka backend of EventLog. Layout and guarantees:
// docs/formats/kafka-layout.md. Only log_factory.cpp (and tests) include
// this header; it names no librdkafka type.

#include <memory>
#include <string>

#include "herd/events/event_log.hpp"
#include "herd/events/log_factory.hpp"

namespace herd::events {

namespace kafka {
class KafkaAdmin;
class KafkaProducer;
class KafkaReaderPool;
class KafkaSnapshots;
struct PartitionRange;
struct TopicPartition;
}  // namespace kafka

/// An EventLog on a Kafka cluster: one topic per kind (`<prefix>.events.<Kind>`,
/// records keyed by object key, value = encode_event), read with explicit
/// per-partition offsets (Cursor streams "topic/partition"), snapshots in the
/// compacted topic `<prefix>.snapshots`.
///
/// Lifecycle: open() checks that the cluster answers; topics are created on
/// first use. The destructor waits up to options.broker_timeout for
/// unacknowledged appends, then fails them (kUnavailable) so every callback
/// runs once.
///
/// Thread-safe, as EventLog requires. Append callbacks run on the producer's
/// poll thread. Reads use a pool of consumers, one per concurrent reader; a
/// reader that continues from the cursor its last read returned reuses its
/// consumer's prefetched records.
///
/// Status codes: kUnavailable when the cluster does not answer within
/// options.broker_timeout (messages name the brokers); kInvalidArgument for a
/// kind that cannot name a topic or a malformed cursor stream; kCorrupt for a
/// record that is not a valid envelope of its topic.
class KafkaEventLog final : public EventLog {
 public:
  /// Connects to `brokers` ("host:port[,host:port...]") with `options`'
  /// topic layout and timeouts. kUnavailable when no broker answers within
  /// options.broker_timeout; kInvalidArgument for bad options.
  static Result<std::unique_ptr<KafkaEventLog>> open(const std::string& brokers,
                                                     const LogOptions& options);
  ~KafkaEventLog() override;

  /// Produces each event to its kind's topic (creating the topic on first
  /// use, which blocks that call briefly) and calls `done` when all are
  /// acknowledged by every in-sync replica, with each one's stream and
  /// offset, or with the first error. While the cluster is away appends wait;
  /// after options.broker_timeout they fail with kUnavailable. A failed
  /// append may have written some of its events (outcome unknown).
  void append(std::vector<Event> events, AppendCallback done) override;

  /// Reads from each partition of the kind's topic (or of every event topic)
  /// at the cursor's offset (the partition's first retained record when the
  /// cursor has none) up to its high watermark at the time of the call.
  /// Streams of other topics in `from` are carried into `next` unchanged.
  /// kConflict for a cursor position beyond its partition's end (the topic
  /// was re-created since).
  Result<ReadResult> read(const Cursor& from, const ReadOptions& options) override;

  /// The high watermark of every partition of every event topic.
  Result<Cursor> end() override;

  Status write_snapshot(const Snapshot& snapshot) override;
  Result<std::optional<Snapshot>> latest_snapshot() override;

  /// Nothing to do: the brokers' retention drops old records (event topics
  /// are created with retention.ms=-1; an operator may shorten it).
  Status compact() override { return Status(); }

 private:
  KafkaEventLog(std::string brokers, LogOptions options);

  /// Every partition of `kind`'s topic (none if it does not exist yet), or
  /// of every event topic.
  Result<std::vector<kafka::TopicPartition>> event_partitions(
      const std::optional<std::string>& kind);
  /// The partitions `options.kind` (or every kind) covers, with the ranges
  /// to read from `from`. Empty when no such topic exists yet.
  Result<std::vector<kafka::PartitionRange>> plan_read(const Cursor& from,
                                                       const ReadOptions& options);
  Result<ReadResult> read_once(const Cursor& from, const ReadOptions& options,
                               std::chrono::milliseconds wait);

  const std::string brokers_;
  const LogOptions options_;
  std::unique_ptr<kafka::KafkaAdmin> admin_;
  std::unique_ptr<kafka::KafkaProducer> producer_;
  std::unique_ptr<kafka::KafkaReaderPool> readers_;
  std::unique_ptr<kafka::KafkaSnapshots> snapshots_;
};

}  // namespace herd::events
