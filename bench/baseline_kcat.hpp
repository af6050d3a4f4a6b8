#pragma once

// The baseline for the Kafka log: what kcat, librdkafka's own command-line
// client, gets from the same broker with the same durability. It produces
// the same key/value records (object key, encoded envelope) from a file with
// an idempotent producer and acks=all, to a fresh topic with herd's
// partition count, and then consumes them back; each run is timed end to end.

#include <string>

#include "event_generator.hpp"
#include "herd/base/status.hpp"
#include "herd_measure.hpp"
#include "measurement.hpp"

namespace herd::bench {

/// Where and how the kcat baseline runs.
struct KcatTarget {
  std::string brokers;  ///< As in kafka://BROKERS.
  std::string topic;    ///< Created here; must not exist yet.
  int partitions = 3;   ///< As herd's topics (LogOptions).
  int replication_factor = 1;
  int min_insync_replicas = 1;
  std::string kafka_script;  ///< scripts/kafka: creates the topic ("topics --create").
  std::string work_dir;      ///< Holds the records file while the baseline runs.
};

struct KcatOutcome {
  Throughput produce;  ///< `kcat -P`: events durable in the topic when it exited.
  Throughput consume;  ///< `kcat -C -e`: lines read back.
};

/// Creates target.topic with target.kafka_script, writes shape.events records
/// of `generator` ("<object key>\t<envelope>\n") to a file in
/// target.work_dir, and times `kcat -P -l FILE` and then
/// `kcat -C -o beginning -e`, each under `timeout shape.limit`. A step that
/// cannot run (no kcat, the script manages another broker, topic creation
/// fails) fills the Throughput::error of the phases it prevents.
KcatOutcome run_kcat_baseline(const KcatTarget& target, const EventGenerator& generator,
                              const AppendShape& shape);

/// "" when `kafka_script` (scripts/kafka) manages the first broker of
/// `brokers`, else why not: it acts on the broker of its own state directory
/// (HERD_KAFKA_STATE), which may be another one.
std::string kafka_script_mismatch(const std::string& kafka_script, const std::string& brokers);

/// Deletes the topics whose whole names match the Java regex `regex` with
/// `kafka_script topics --delete`, after checking that the script manages
/// `brokers`. kUnavailable (saying why) when it does not or the tool fails.
Status delete_topics(const std::string& kafka_script, const std::string& brokers,
                     const std::string& regex);

}  // namespace herd::bench
