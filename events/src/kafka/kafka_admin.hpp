#pragma once

// Internal to the Kafka backend: topic creation and the cluster questions a
// reader asks before it fetches (which topics exist, where each partition
// begins and ends). One librdkafka client of its own, so these requests never
// queue behind produced records or fetches.

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "herd/base/result.hpp"
#include "herd/events/log_factory.hpp"
#include "kafka/kafka_config.hpp"

namespace herd::events::kafka {

/// How to create a topic that does not exist yet.
struct TopicSpec {
  int partitions = 1;
  int replication_factor = 1;
  /// Topic configs, e.g. {"cleanup.policy", "compact"}.
  std::vector<std::pair<std::string, std::string>> configs;
};

/// The first retained offset and the offset after the last durable record
/// (the high watermark) of one partition.
struct Watermarks {
  int64_t low = 0;
  int64_t high = 0;
};

/// Creates topics and queries metadata and watermarks.
///
/// Thread-safe: every method may be called from any thread. Each call blocks
/// for at most the broker timeout it was opened with and returns kUnavailable
/// (naming the brokers) when the cluster does not answer in time.
class KafkaAdmin {
 public:
  /// A client for `brokers`; does not contact them yet. kInvalidArgument for
  /// a configuration librdkafka rejects.
  static Result<std::unique_ptr<KafkaAdmin>> open(const std::string& brokers,
                                                  const LogOptions& options);

  /// OK once the cluster answers a metadata request.
  Status ping();

  /// Creates `topic` with `spec` unless it exists (then OK, whatever its
  /// spec), and waits until its partitions have leaders. Remembers topics it
  /// has seen, so later calls for them return at once.
  Status ensure_topic(const std::string& topic, const TopicSpec& spec);

  /// The existing topics whose names start with `prefix`, with their
  /// partition counts. Topics still being created may be missing.
  Result<std::map<std::string, int>> topics_with_prefix(const std::string& prefix);

  /// The watermarks of `partitions` (two batched requests, whatever their
  /// number; partitions whose leader is moving are asked again).
  Result<std::map<TopicPartition, Watermarks>> watermarks(
      const std::vector<TopicPartition>& partitions);

  /// Deletes every topic whose name starts with `prefix` (tests and tools
  /// clean up with it; the log itself never deletes). OK when there is none.
  Status delete_topics_with_prefix(const std::string& prefix);

  /// The bootstrap list this client talks to, for messages.
  const std::string& brokers() const { return brokers_; }

 private:
  KafkaAdmin(std::string brokers, std::chrono::milliseconds timeout, Handle rk)
      : brokers_(std::move(brokers)), timeout_(timeout), rk_(std::move(rk)) {}

  Status create_topic(const std::string& topic, const TopicSpec& spec);
  Status wait_for_leaders(const std::string& topic);
  Status wait_until_served(const std::string& topic, int partitions);
  Status query_offsets(const std::vector<TopicPartition>& partitions, int64_t which,
                       std::map<TopicPartition, int64_t>* out);

  const std::string brokers_;
  const std::chrono::milliseconds timeout_;
  Handle rk_;
  std::mutex mu_;
  std::set<std::string> known_topics_;  // guarded by mu_
};

}  // namespace herd::events::kafka
