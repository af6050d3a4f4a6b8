#include "kafka/kafka_config.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "herd/base/logging.hpp"
#include "herd/events/event.hpp"

namespace herd::events::kafka {
namespace {

bool all_of_charset(std::string_view s, std::string_view extra) {
  return std::all_of(s.begin(), s.end(), [extra](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           extra.find(c) != std::string_view::npos;
  });
}

// librdkafka logs with syslog levels (0 emerg .. 7 debug). Nothing it says
// is a herd bug: a broker that is away is the environment, so the worst
// herd level is a warning.
void log_to_herd(const rd_kafka_t* rk, int level, const char* facility, const char* text) {
  std::string line = std::string(rd_kafka_name(rk)) + " " + facility + ": " + text;
  if (level <= 4) {
    HERD_LOG(kWarning, kLogComponent) << line;
  } else {
    HERD_LOG(kDebug, kLogComponent) << line;
  }
}

const char* role_name(ClientRole role) {
  switch (role) {
    case ClientRole::kProducer:
      return "producer";
    case ClientRole::kConsumer:
      return "reader";
    case ClientRole::kAdmin:
      return "admin";
  }
  return "client";
}

}  // namespace

std::string event_topic_prefix(std::string_view prefix) { return std::string(prefix) + ".events."; }

std::string event_topic(std::string_view prefix, std::string_view kind) {
  return event_topic_prefix(prefix) + std::string(kind);
}

std::string snapshot_topic(std::string_view prefix) { return std::string(prefix) + ".snapshots"; }

Status check_kind(std::string_view kind) {
  if (kind.empty() || kind.size() > 200 || !all_of_charset(kind, "_-")) {
    return Status::invalid_argument("kind \"" + std::string(kind) +
                                    "\" cannot name a Kafka topic (1-200 of [A-Za-z0-9_-])");
  }
  return Status();
}

Status check_prefix(std::string_view prefix) {
  if (prefix.empty() || prefix.size() > 100 || !all_of_charset(prefix, "._-")) {
    return Status::invalid_argument("topic prefix \"" + std::string(prefix) +
                                    "\" is not 1-100 of [A-Za-z0-9._-]");
  }
  return Status();
}

// Built in one allocation: every appended event gets one.
std::string stream_name(std::string_view topic, int32_t partition) {
  char digits[12];
  char* end = std::to_chars(digits, digits + sizeof digits, partition).ptr;
  std::string name;
  name.reserve(topic.size() + 1 + static_cast<std::size_t>(end - digits));
  name.append(topic).append("/").append(digits, end);
  return name;
}

std::string stream_name(const TopicPartition& tp) { return stream_name(tp.topic, tp.partition); }

std::optional<TopicPartition> parse_stream(std::string_view stream) {
  std::size_t slash = stream.rfind('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == stream.size()) {
    return std::nullopt;
  }
  std::string_view digits = stream.substr(slash + 1);
  int32_t partition = -1;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), partition);
  if (ec != std::errc() || end != digits.data() + digits.size() || partition < 0) {
    return std::nullopt;
  }
  return TopicPartition{std::string(stream.substr(0, slash)), partition};
}

int to_ms(std::chrono::milliseconds d) {
  return static_cast<int>(std::clamp<int64_t>(d.count(), 0, INT32_MAX));
}

Status set_property(rd_kafka_conf_t* conf, const std::string& name, const std::string& value) {
  char err[512];
  if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
    return Status::invalid_argument("Kafka client property " + name + "=" + value + ": " + err);
  }
  return Status();
}

Result<Conf> make_conf(ClientRole role, const std::string& brokers, const LogOptions& options) {
  Conf conf(rd_kafka_conf_new());
  rd_kafka_conf_set_log_cb(conf.get(), log_to_herd);
  const std::string timeout = std::to_string(std::max(1, to_ms(options.broker_timeout)));
  auto set = [&](const std::string& name, const std::string& value) {
    return set_property(conf.get(), name, value);
  };
  HERD_RETURN_IF_ERROR(set("bootstrap.servers", brokers));
  HERD_RETURN_IF_ERROR(set("client.id", std::string("herd-") + role_name(role)));
  // After a broker restart, reconnect within a second instead of backing off
  // for up to ten (librdkafka's default maximum).
  HERD_RETURN_IF_ERROR(set("reconnect.backoff.ms", "100"));
  HERD_RETURN_IF_ERROR(set("reconnect.backoff.max.ms", "1000"));
  switch (role) {
    case ClientRole::kProducer:
      // Idempotence: retries never duplicate or reorder a partition's records.
      // It requires acks=all and at most 5 requests in flight per connection.
      HERD_RETURN_IF_ERROR(set("enable.idempotence", "true"));
      HERD_RETURN_IF_ERROR(set("acks", "all"));
      HERD_RETURN_IF_ERROR(set("max.in.flight.requests.per.connection", "5"));
      // No linger: every command of the control plane waits for its event to
      // be durable, so a lone append must not wait to fill a batch; under load
      // batches form anyway while earlier requests are in flight.
      HERD_RETURN_IF_ERROR(set("linger.ms", "0"));
      // How long a record may wait for an absent broker before its append fails.
      HERD_RETURN_IF_ERROR(set("message.timeout.ms", timeout));
      HERD_RETURN_IF_ERROR(
          set("request.timeout.ms",
              std::to_string(std::min(30000, std::max(1, to_ms(options.broker_timeout))))));
      // The Java client's partitioner, so every client maps a key to the same partition.
      HERD_RETURN_IF_ERROR(set("partitioner", "murmur2_random"));
      HERD_RETURN_IF_ERROR(set("allow.auto.create.topics", "false"));
      break;
    case ClientRole::kConsumer:
      // librdkafka's assign() needs a group; positions never go to it.
      HERD_RETURN_IF_ERROR(set("group.id", "herd-reader-" + new_uuid()));
      HERD_RETURN_IF_ERROR(set("enable.auto.commit", "false"));
      HERD_RETURN_IF_ERROR(set("enable.auto.offset.store", "false"));
      // A position outside the log is reported, never silently moved.
      HERD_RETURN_IF_ERROR(set("auto.offset.reset", "error"));
      HERD_RETURN_IF_ERROR(set("allow.auto.create.topics", "false"));
      // Reaching a partition's end is an event: a compacted partition may end in a gap.
      HERD_RETURN_IF_ERROR(set("enable.partition.eof", "true"));
      // A fresh assignment waits for the outstanding fetch; keep that short.
      HERD_RETURN_IF_ERROR(set("fetch.wait.max.ms", "100"));
      // Fetch again soon after an error (a broker restarting), not after 500 ms.
      HERD_RETURN_IF_ERROR(set("fetch.error.backoff.ms", "100"));
      break;
    case ClientRole::kAdmin:
      HERD_RETURN_IF_ERROR(set("allow.auto.create.topics", "false"));
      break;
  }
  return conf;
}

Result<Handle> make_handle(ClientRole role, Conf conf) {
  char err[512];
  rd_kafka_type_t type = role == ClientRole::kConsumer ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER;
  // rd_kafka_new takes the configuration only when it succeeds.
  rd_kafka_t* rk = rd_kafka_new(type, conf.get(), err, sizeof err);
  if (rk == nullptr) {
    return Status::unavailable(std::string("creating the Kafka ") + role_name(role) + ": " + err);
  }
  (void)conf.release();  // owned by rk now
  return Handle(rk);
}

Status kafka_error(rd_kafka_resp_err_t err, std::string_view what, std::string_view brokers) {
  std::string message =
      std::string(what) + ": " + rd_kafka_err2str(err) + " (Kafka at " + std::string(brokers) + ")";
  switch (err) {
    case RD_KAFKA_RESP_ERR__INVALID_ARG:
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE:
    case RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION:
    case RD_KAFKA_RESP_ERR_INVALID_CONFIG:
    case RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR:
    case RD_KAFKA_RESP_ERR_INVALID_PARTITIONS:
      return Status::invalid_argument(std::move(message));
    default:
      return Status::unavailable(std::move(message));
  }
}

}  // namespace herd::events::kafka
