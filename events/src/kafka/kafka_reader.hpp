#pragma once

// Internal to the Kafka backend: one consumer that reads given partitions
// from given offsets. Positions are the caller's (a Cursor): the consumer is
// assign()ed explicitly, never subscribe()d, and never commits to a group.

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "herd/base/result.hpp"
#include "herd/events/log_factory.hpp"
#include "kafka/kafka_config.hpp"

namespace herd::events::kafka {

/// One partition to read: from `start` at least up to `end` (the high
/// watermark when the read began). Requires: low watermark <= start.
struct PartitionRange {
  TopicPartition partition;
  int64_t start = 0;
  int64_t end = 0;
};

/// A record as read.
struct ConsumedRecord {
  TopicPartition partition;
  int64_t offset = 0;
  std::string key;
  std::optional<std::string> value;  ///< nullopt: a tombstone.
  std::vector<std::pair<std::string, std::string>> headers;
};

/// A librdkafka consumer with a throwaway group id and no offset commits.
///
/// Not thread-safe: one thread at a time (KafkaEventLog keeps a pool). The
/// consumer keeps its assignment between reads: a read that continues where
/// the previous one stopped reuses the records already prefetched; any other
/// read re-assigns.
class KafkaReader {
 public:
  /// A consumer for `brokers`; reads give up after options.broker_timeout
  /// without progress. kInvalidArgument for a configuration librdkafka rejects.
  static Result<std::unique_ptr<KafkaReader>> open(const std::string& brokers,
                                                   const LogOptions& options);
  ~KafkaReader();

  KafkaReader(const KafkaReader&) = delete;
  KafkaReader& operator=(const KafkaReader&) = delete;

  /// Reads `ranges` in offset order per partition: every record up to each
  /// range's end, stopping early at `max_records`; when there are none it
  /// waits up to `wait` for new ones and returns as soon as some arrive.
  /// Records of different partitions interleave in arrival order.
  /// kUnavailable when the brokers do not deliver up to the ends within the
  /// broker timeout; kConflict when a start is outside the partition (the
  /// log was re-created).
  Result<std::vector<ConsumedRecord>> read(const std::vector<PartitionRange>& ranges,
                                           std::size_t max_records, std::chrono::milliseconds wait);

  /// True when read(ranges) would continue the consumer's current
  /// assignment without re-assigning (same partitions, same positions).
  bool continues(const std::vector<PartitionRange>& ranges) const;

 private:
  KafkaReader(std::string brokers, std::chrono::milliseconds timeout)
      : brokers_(std::move(brokers)), timeout_(timeout) {}

  static void on_error(rd_kafka_t* rk, int err, const char* reason, void* opaque);
  Status assign(const std::vector<PartitionRange>& ranges);
  Status record_error(const rd_kafka_message_t& msg);

  const std::string brokers_;
  const std::chrono::milliseconds timeout_;
  Handle rk_;
  /// Assigned partitions -> offset of the next record the consumer delivers.
  std::map<TopicPartition, int64_t> position_;
  std::string last_error_;  // the latest client error, for messages
};

/// Idle readers for reuse, so that reads neither pay for a new consumer nor
/// lose the records it prefetched. Thread-safe.
class KafkaReaderPool {
 public:
  /// Readers for `brokers` with `options`' timeouts, created on demand.
  KafkaReaderPool(std::string brokers, LogOptions options)
      : brokers_(std::move(brokers)), options_(std::move(options)) {}

  /// A reader the caller uses alone, back to the pool when destroyed.
  class Lease {
   public:
    Lease(KafkaReaderPool* pool, std::unique_ptr<KafkaReader> reader)
        : pool_(pool), reader_(std::move(reader)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (reader_) pool_->give_back(std::move(reader_));
    }
    KafkaReader& operator*() const { return *reader_; }
    KafkaReader* operator->() const { return reader_.get(); }

   private:
    KafkaReaderPool* pool_;
    std::unique_ptr<KafkaReader> reader_;
  };

  /// An idle reader that continues `ranges` if there is one, else any idle
  /// reader, else a new one. kInvalidArgument if a new one cannot be made.
  Result<Lease> take(const std::vector<PartitionRange>& ranges);

 private:
  void give_back(std::unique_ptr<KafkaReader> reader);

  const std::string brokers_;
  const LogOptions options_;
  std::mutex mu_;
  std::vector<std::unique_ptr<KafkaReader>> idle_;  // guarded by mu_
};

}  // namespace herd::events::kafka
