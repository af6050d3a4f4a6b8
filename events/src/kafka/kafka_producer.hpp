#pragma once

// Internal to the Kafka backend: the idempotent producer every record of the
// log goes through (events and snapshots), with the thread that serves its
// delivery reports and completes batches.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "herd/base/result.hpp"
#include "herd/events/log_factory.hpp"
#include "kafka/kafka_config.hpp"

namespace herd::events::kafka {

/// A topic the producer writes to, resolved once by KafkaProducer::topic():
/// records name it by this handle, so that no record carries a copy of the
/// topic's name and librdkafka does not look the topic up by name (under
/// its client-wide lock) for each record. Lives as long as the producer.
class ProducerTopic {
 public:
  ProducerTopic(std::string name, rd_kafka_topic_t* rkt) : name_(std::move(name)), rkt_(rkt) {}
  ~ProducerTopic() { rd_kafka_topic_destroy(rkt_); }
  ProducerTopic(const ProducerTopic&) = delete;
  ProducerTopic& operator=(const ProducerTopic&) = delete;

  const std::string& name() const { return name_; }

 private:
  friend class KafkaProducer;

  const std::string name_;
  rd_kafka_topic_t* const rkt_;
  bool prepared_ = false;  // partitions learned; guarded by the producer's mu_
};

/// One record to write. A missing value is a tombstone (compacted topics).
struct ProduceRecord {
  const ProducerTopic* topic = nullptr;
  std::string key;
  std::optional<std::string> value;
  /// Record headers, name and value.
  std::vector<std::pair<std::string, std::string>> headers;
};

/// Where an acknowledged record was written.
struct Delivered {
  const ProducerTopic* topic = nullptr;
  int32_t partition = 0;
  int64_t offset = 0;
};

/// The outcome of one batch: every record's place in batch order, or the
/// first error.
using ProduceCallback = std::function<void(Result<std::vector<Delivered>>)>;

/// An idempotent (acks=all) librdkafka producer and its poll thread.
///
/// Lifecycle: open() creates it and starts the poll thread; the destructor
/// waits up to the broker timeout for outstanding batches, fails whatever is
/// still pending (kUnavailable, "closed") and joins the thread. Every batch's
/// callback runs exactly once, always on the poll thread.
///
/// Thread-safe: produce() may be called from any thread, including from a
/// callback. Records of one key sent to one topic keep their produce() order,
/// and retries never duplicate or reorder them (idempotence).
class KafkaProducer {
 public:
  /// A producer for `brokers` whose records fail after waiting
  /// options.broker_timeout for an absent broker. Does not contact the
  /// brokers yet. kInvalidArgument for a configuration librdkafka rejects.
  static Result<std::unique_ptr<KafkaProducer>> open(const std::string& brokers,
                                                     const LogOptions& options);
  ~KafkaProducer();

  KafkaProducer(const KafkaProducer&) = delete;
  KafkaProducer& operator=(const KafkaProducer&) = delete;

  /// Queues `records` and calls `done` when all are acknowledged by all
  /// in-sync replicas, or with the first error once every record is
  /// accounted for: kUnavailable when the cluster did not acknowledge within
  /// the broker timeout (message names the brokers), kInvalidArgument for a
  /// record Kafka refuses (too large). A failed batch may still have written
  /// some of its records: the outcome of a failure is "unknown", as for any
  /// timeout. Blocks only while librdkafka's local queue is full.
  void produce(std::vector<ProduceRecord> records, ProduceCallback done);

  /// produce() and wait for the outcome. Requires: not on the poll thread
  /// (inside a ProduceCallback), which would wait for itself.
  Result<std::vector<Delivered>> produce_and_wait(std::vector<ProduceRecord> records);

  /// The handle records to topic `name` carry. On the first call for a
  /// topic (and after a failed attempt) it also makes the producer learn the
  /// topic's partitions now, with one metadata request, instead of on the
  /// first record; that part is best effort: records to a topic the producer
  /// does not know yet still go through. kInvalidArgument when librdkafka
  /// refuses the name.
  Result<const ProducerTopic*> topic(const std::string& name);

  /// Completes `done` with `status` (not OK) on the poll thread, for a batch
  /// that failed before reaching the producer.
  void fail(ProduceCallback done, Status status);

 private:
  struct Batch;
  struct Slot {
    Batch* batch;
    std::size_t index;
  };

  KafkaProducer(std::string brokers, std::chrono::milliseconds timeout)
      : brokers_(std::move(brokers)), timeout_(timeout) {}

  static void on_delivery(rd_kafka_t* rk, const rd_kafka_message_t* msg, void* opaque);
  static void on_error(rd_kafka_t* rk, int err, const char* reason, void* opaque);

  rd_kafka_resp_err_t produce_one(ProduceRecord& record, Slot* slot);
  void record_outcome(Batch* batch, std::size_t index, Result<Delivered> outcome,
                      std::size_t count);
  Status delivery_error(rd_kafka_resp_err_t err, bool possibly_written) const;
  void post(std::function<void()> fn);
  void poll_loop();
  void run_posted();

  const std::string brokers_;
  const std::chrono::milliseconds timeout_;
  Handle rk_;
  std::thread poll_thread_;
  std::atomic<bool> stop_{false};

  mutable std::mutex mu_;
  std::condition_variable idle_;
  std::size_t outstanding_ = 0;               // batches not yet completed; guarded by mu_
  std::deque<std::function<void()>> posted_;  // guarded by mu_
  std::string last_client_error_;             // guarded by mu_
  std::string fatal_error_;                   // guarded by mu_; producer unusable when set
  // Never removed, so handles stay valid; guarded by mu_. Declared after
  // rk_: every topic handle is destroyed before the client.
  std::map<std::string, std::unique_ptr<ProducerTopic>, std::less<>> topics_;
};

}  // namespace herd::events::kafka
