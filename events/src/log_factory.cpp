#include "herd/events/log_factory.hpp"

#include <charconv>

#include "crypto/encrypting_event_log.hpp"
#include "file/file_event_log.hpp"
#include "kafka/kafka_event_log.hpp"

namespace herd::events {
namespace {

constexpr std::string_view kFileScheme = "file://";
constexpr std::string_view kKafkaScheme = "kafka://";

Result<int> positive_int(std::string_view key, std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) {
    return Status::invalid_argument("log URI: " + std::string(key) + "=" + std::string(text) +
                                    " is not a positive integer");
  }
  return value;
}

// kafka://HOST:PORT?partitions=6&replication-factor=3&min-insync-replicas=2&topic-prefix=prod
Status apply_query(std::string_view query, LogOptions& options) {
  while (!query.empty()) {
    std::string_view pair = query.substr(0, query.find('&'));
    query = pair.size() < query.size() ? query.substr(pair.size() + 1) : std::string_view();
    std::size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (key == "topic-prefix" && !value.empty()) {
      options.topic_prefix = std::string(value);
    } else if (key == "partitions") {
      HERD_ASSIGN_OR_RETURN(options.partitions, positive_int(key, value));
    } else if (key == "replication-factor") {
      HERD_ASSIGN_OR_RETURN(options.replication_factor, positive_int(key, value));
    } else if (key == "min-insync-replicas") {
      HERD_ASSIGN_OR_RETURN(options.min_insync_replicas, positive_int(key, value));
    } else {
      return Status::invalid_argument("log URI: unknown parameter \"" + std::string(pair) +
                                      "\" (known: topic-prefix, partitions, replication-factor, "
                                      "min-insync-replicas)");
    }
  }
  return Status();
}

Result<std::unique_ptr<EventLog>> open_backend(std::string_view uri, const LogOptions& options) {
  if (uri.substr(0, kFileScheme.size()) == kFileScheme) {
    std::string dir(uri.substr(kFileScheme.size()));
    if (dir.empty()) return Status::invalid_argument("log URI \"" + std::string(uri) + "\" names no directory");
    HERD_ASSIGN_OR_RETURN(std::unique_ptr<FileEventLog> log, FileEventLog::open(dir, FileLogOptions{}));
    return std::unique_ptr<EventLog>(std::move(log));
  }
  if (uri.substr(0, kKafkaScheme.size()) == kKafkaScheme) {
    std::string_view rest = uri.substr(kKafkaScheme.size());
    std::string brokers(rest.substr(0, rest.find('?')));
    if (brokers.empty()) return Status::invalid_argument("log URI \"" + std::string(uri) + "\" names no broker");
    LogOptions kafka_options = options;
    if (rest.find('?') != std::string_view::npos) {
      HERD_RETURN_IF_ERROR(apply_query(rest.substr(rest.find('?') + 1), kafka_options));
    }
    HERD_ASSIGN_OR_RETURN(std::unique_ptr<KafkaEventLog> log, KafkaEventLog::open(brokers, kafka_options));
    return std::unique_ptr<EventLog>(std::move(log));
  }
  return Status::invalid_argument("log URI \"" + std::string(uri) +
                                  "\": expected file:///DIR or kafka://HOST:PORT[,HOST:PORT]");
}

}  // namespace

Result<std::unique_ptr<EventLog>> open_event_log(std::string_view uri, const LogOptions& options) {
  HERD_ASSIGN_OR_RETURN(std::unique_ptr<EventLog> backend, open_backend(uri, options));
  if (options.encryption_key_file.empty()) return backend;
  HERD_ASSIGN_OR_RETURN(SecretCipher cipher, SecretCipher::load_or_create(options.encryption_key_file));
  return std::unique_ptr<EventLog>(std::make_unique<EncryptingEventLog>(std::move(backend), std::move(cipher)));
}

}  // namespace herd::events
