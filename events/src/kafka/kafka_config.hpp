#pragma once

// Internal to the Kafka backend: topic and stream names, librdkafka client
// configuration, RAII owners for librdkafka handles and the mapping of
// librdkafka error codes to herd::Status. The only header of events/ besides
// its siblings in src/kafka/ that names librdkafka types.
//
// Layout (docs/formats/kafka-layout.md):
//   <prefix>.events.<Kind>   one event topic per kind, key = object key
//   <prefix>.snapshots       compacted, key = object key or "__cursor__"
// A stream (Cursor key, StoredEvent::stream) is "<topic>/<partition>".

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "herd/base/result.hpp"
#include "herd/events/log_factory.hpp"

namespace herd::events::kafka {

/// The logger component name of every line the Kafka backend writes.
inline constexpr std::string_view kLogComponent = "kafka";

/// `<prefix>.events.` : every event topic's name starts with it.
std::string event_topic_prefix(std::string_view prefix);
/// `<prefix>.events.<kind>`, the topic of one kind's events.
std::string event_topic(std::string_view prefix, std::string_view kind);
/// `<prefix>.snapshots`, the compacted snapshot topic.
std::string snapshot_topic(std::string_view prefix);

/// kInvalidArgument unless `kind` can be part of a topic name: 1..200
/// characters of [A-Za-z0-9_-] (no '.', which separates name parts).
Status check_kind(std::string_view kind);
/// kInvalidArgument unless `prefix` is 1..100 characters of [A-Za-z0-9._-].
Status check_prefix(std::string_view prefix);

/// One partition of one topic.
struct TopicPartition {
  std::string topic;
  int32_t partition = 0;
  auto operator<=>(const TopicPartition&) const = default;
};

/// "<topic>/<partition>", the stream name of a partition.
std::string stream_name(std::string_view topic, int32_t partition);
std::string stream_name(const TopicPartition& tp);
/// Parses stream_name's output; nullopt for anything else.
std::optional<TopicPartition> parse_stream(std::string_view stream);

/// Owns an rd_kafka_t: destroys it (after the owner has flushed or closed it).
struct HandleDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;

/// Owns an rd_kafka_conf_t until rd_kafka_new takes it.
struct ConfDeleter {
  void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
};
using Conf = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;

/// Owns an rd_kafka_topic_partition_list_t.
struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* list) const {
    rd_kafka_topic_partition_list_destroy(list);
  }
};
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

/// What a client is for; decides its configuration (kafka_config.cpp).
enum class ClientRole {
  kProducer,  ///< Idempotent, acks=all; delivery reports through a poll thread.
  kConsumer,  ///< assign() only, throwaway group id, no commits.
  kAdmin,     ///< Topic creation, metadata and watermark queries.
};

/// A configuration for `role` talking to `brokers` (a bootstrap list
/// "host:port,...") with `options`' timeouts, its logs routed to HERD_LOG.
/// Callers add their callbacks before make_handle. kInvalidArgument when
/// librdkafka rejects a property (e.g. a malformed broker list).
Result<Conf> make_conf(ClientRole role, const std::string& brokers, const LogOptions& options);

/// Sets one property; kInvalidArgument with librdkafka's reason on failure.
Status set_property(rd_kafka_conf_t* conf, const std::string& name, const std::string& value);

/// Creates the client, taking ownership of `conf` (also on failure).
/// kUnavailable with librdkafka's reason when it cannot be created.
Result<Handle> make_handle(ClientRole role, Conf conf);

/// The Status for a librdkafka error: kInvalidArgument for a rejected
/// request (bad argument, record too large), kUnavailable for everything
/// else (a Kafka cluster is environment). The message is
/// "<what>: <librdkafka's text> (Kafka at <brokers>)".
Status kafka_error(rd_kafka_resp_err_t err, std::string_view what, std::string_view brokers);

/// Milliseconds as the int librdkafka takes, clamped to [0, INT32_MAX].
int to_ms(std::chrono::milliseconds d);

}  // namespace herd::events::kafka
