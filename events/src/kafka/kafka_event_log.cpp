#include "kafka/kafka_event_log.hpp"

#include <algorithm>
#include <thread>

#include "kafka/kafka_admin.hpp"
#include "kafka/kafka_config.hpp"
#include "kafka/kafka_producer.hpp"
#include "kafka/kafka_reader.hpp"
#include "kafka/kafka_snapshots.hpp"

namespace herd::events {

using kafka::check_kind;
using kafka::ConsumedRecord;
using kafka::Delivered;
using kafka::event_topic;
using kafka::event_topic_prefix;
using kafka::KafkaAdmin;
using kafka::KafkaProducer;
using kafka::KafkaReaderPool;
using kafka::KafkaSnapshots;
using kafka::PartitionRange;
using kafka::ProduceRecord;
using kafka::ProducerTopic;
using kafka::stream_name;
using kafka::TopicPartition;
using kafka::TopicSpec;

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A read of every kind looks for new kinds' topics at least this often
// while it waits.
constexpr milliseconds kTopicRecheck{500};

TopicSpec event_topic_spec(const LogOptions& options) {
  // retention.ms=-1: the log is the truth and the audit trail; the broker's
  // default (7 days) would silently drop it.
  return TopicSpec{options.partitions,
                   options.replication_factor,
                   {{"min.insync.replicas", std::to_string(options.min_insync_replicas)},
                    {"retention.ms", "-1"}}};
}

TopicSpec snapshot_topic_spec(const LogOptions& options) {
  // One partition: a snapshot is always read whole. Segments roll hourly so
  // that compaction (which skips the active segment) can bound the topic.
  return TopicSpec{1,
                   options.replication_factor,
                   {{"cleanup.policy", "compact"},
                    {"min.insync.replicas", std::to_string(options.min_insync_replicas)},
                    {"segment.ms", "3600000"}}};
}

Result<StoredEvent> to_stored_event(const ConsumedRecord& r, const std::string& prefix) {
  std::string where = "record " + stream_name(r.partition) + "@" + std::to_string(r.offset);
  if (!r.value) return Status::corrupt(where + " has no value");
  Result<Event> decoded = decode_event(*r.value);
  if (!decoded.ok()) return decoded.status().with_context(where);
  Event& e = decoded.value();
  if (r.partition.topic != event_topic(prefix, e.kind) || r.key != e.object_key()) {
    return Status::corrupt(where + " (key \"" + r.key + "\") holds an event of " + e.object_key());
  }
  return StoredEvent{std::move(e), stream_name(r.partition), r.offset};
}

}  // namespace

KafkaEventLog::KafkaEventLog(std::string brokers, LogOptions options)
    : brokers_(std::move(brokers)), options_(std::move(options)) {}

KafkaEventLog::~KafkaEventLog() = default;

Result<std::unique_ptr<KafkaEventLog>> KafkaEventLog::open(const std::string& brokers,
                                                           const LogOptions& options) {
  if (brokers.empty()) return Status::invalid_argument("no Kafka brokers given");
  HERD_RETURN_IF_ERROR(kafka::check_prefix(options.topic_prefix));
  if (options.partitions < 1 || options.replication_factor < 1 || options.min_insync_replicas < 1 ||
      options.min_insync_replicas > options.replication_factor ||
      options.broker_timeout.count() <= 0) {
    return Status::invalid_argument(
        "Kafka log options: need partitions, replication_factor >= min_insync_replicas >= 1 and a "
        "positive broker_timeout");
  }
  std::unique_ptr<KafkaEventLog> log(new KafkaEventLog(brokers, options));
  HERD_ASSIGN_OR_RETURN(log->admin_, KafkaAdmin::open(brokers, options));
  HERD_RETURN_IF_ERROR(log->admin_->ping().with_context("opening the Kafka event log"));
  HERD_ASSIGN_OR_RETURN(log->producer_, KafkaProducer::open(brokers, options));
  log->readers_ = std::make_unique<KafkaReaderPool>(brokers, options);
  log->snapshots_ = std::make_unique<KafkaSnapshots>(kafka::snapshot_topic(options.topic_prefix),
                                                     snapshot_topic_spec(options), *log->admin_,
                                                     *log->producer_, *log->readers_);
  return log;
}

void KafkaEventLog::append(std::vector<Event> events, AppendCallback done) {
  // Errors found here still reach `done` on the producer's thread, as the
  // EventLog contract promises.
  auto fail = [&](Status status) {
    producer_->fail(
        [done = std::move(done)](Result<std::vector<Delivered>> r) { done(r.status()); },
        status.with_context("append"));
  };
  // A batch is mostly of one kind: each kind is checked, and its topic
  // found, when it differs from the event before, not for every event.
  std::vector<std::pair<std::string_view, const ProducerTopic*>> topics;  // by kind
  for (const Event& e : events) {
    if (!topics.empty() && topics.back().first == e.kind) continue;
    Status valid = check_kind(e.kind);
    if (!valid.ok()) return fail(valid);
    topics.emplace_back(e.kind, nullptr);
  }
  for (auto& [kind, topic] : topics) {
    auto same_kind = [&kind](const auto& t) { return t.first == kind && t.second != nullptr; };
    if (auto known = std::find_if(topics.begin(), topics.end(), same_kind); known != topics.end()) {
      topic = known->second;
      continue;
    }
    std::string name = event_topic(options_.topic_prefix, kind);
    Status created = admin_->ensure_topic(name, event_topic_spec(options_));
    if (!created.ok()) return fail(created);
    Result<const ProducerTopic*> handle = producer_->topic(name);
    if (!handle.ok()) return fail(handle.status());
    topic = *handle;
  }
  std::vector<ProduceRecord> records;
  records.reserve(events.size());
  auto next_topic = topics.begin();
  for (const Event& e : events) {
    if (next_topic->first != e.kind) ++next_topic;
    records.push_back(ProduceRecord{next_topic->second, e.object_key(), encode_event(e), {}});
  }
  producer_->produce(std::move(records), [events = std::move(events), done = std::move(done)](
                                             Result<std::vector<Delivered>> delivered) mutable {
    if (!delivered.ok()) return done(delivered.status());
    std::vector<StoredEvent> stored;
    stored.reserve(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
      const Delivered& d = delivered.value()[i];
      stored.push_back(
          StoredEvent{std::move(events[i]), stream_name(d.topic->name(), d.partition), d.offset});
    }
    done(std::move(stored));
  });
}

Result<std::vector<TopicPartition>> KafkaEventLog::event_partitions(
    const std::optional<std::string>& kind) {
  if (kind) HERD_RETURN_IF_ERROR(check_kind(*kind));
  const std::string prefix = event_topic_prefix(options_.topic_prefix);
  HERD_ASSIGN_OR_RETURN(auto topics, admin_->topics_with_prefix(kind ? prefix + *kind : prefix));
  std::vector<TopicPartition> partitions;
  for (const auto& [topic, count] : topics) {
    std::string_view topic_kind = std::string_view(topic).substr(prefix.size());
    // "Pod" must not take "PodTemplate"; "<prefix>.events.x.y" is no kind's.
    if (kind ? topic_kind != *kind : !check_kind(topic_kind).ok()) continue;
    for (int p = 0; p < count; ++p) partitions.push_back(TopicPartition{topic, p});
  }
  return partitions;
}

Result<std::vector<PartitionRange>> KafkaEventLog::plan_read(const Cursor& from,
                                                             const ReadOptions& options) {
  for (const auto& [stream, offset] : from.next) {
    if (!kafka::parse_stream(stream) || offset < 0) {
      return Status::invalid_argument("cursor stream \"" + stream + "\" at " +
                                      std::to_string(offset) +
                                      " is not a Kafka \"topic/partition\" position");
    }
  }
  HERD_ASSIGN_OR_RETURN(std::vector<TopicPartition> partitions, event_partitions(options.kind));
  HERD_ASSIGN_OR_RETURN(auto marks, admin_->watermarks(partitions));
  std::vector<PartitionRange> ranges;
  for (const auto& [tp, w] : marks) {
    auto at = from.next.find(stream_name(tp));
    if (at != from.next.end() && at->second > w.high) {
      // A cursor only holds acknowledged positions, and Kafka never reports
      // a high watermark below them: this log is not the one it came from.
      return Status::conflict("cursor position " + std::to_string(at->second) + " of " + at->first +
                              " is beyond its end (" + std::to_string(w.high) +
                              "): was the topic re-created? (Kafka at " + brokers_ + ")");
    }
    // Records before the low watermark are gone to retention; start at the first kept one.
    int64_t start = at == from.next.end() ? w.low : std::max(at->second, w.low);
    ranges.push_back(PartitionRange{tp, start, w.high});
  }
  return ranges;
}

Result<ReadResult> KafkaEventLog::read_once(const Cursor& from, const ReadOptions& options,
                                            milliseconds wait) {
  ReadResult result{{}, from};
  HERD_ASSIGN_OR_RETURN(std::vector<PartitionRange> ranges, plan_read(from, options));
  if (ranges.empty()) {  // no such topic yet: nothing to wait on but its creation
    std::this_thread::sleep_for(std::min(wait, milliseconds(100)));
    return result;
  }
  HERD_ASSIGN_OR_RETURN(KafkaReaderPool::Lease reader, readers_->take(ranges));
  HERD_ASSIGN_OR_RETURN(std::vector<ConsumedRecord> records,
                        reader->read(ranges, options.max_events, wait));
  result.events.reserve(records.size());
  for (const ConsumedRecord& r : records) {
    HERD_ASSIGN_OR_RETURN(StoredEvent stored, to_stored_event(r, options_.topic_prefix));
    result.next.next[stored.stream] = stored.offset + 1;
    result.events.push_back(std::move(stored));
  }
  return result;
}

Result<ReadResult> KafkaEventLog::read(const Cursor& from, const ReadOptions& options) {
  if (options.max_events == 0) return ReadResult{{}, from};
  const auto deadline = Clock::now() + options.wait;
  while (true) {
    auto left = std::max(milliseconds(0),
                         std::chrono::duration_cast<milliseconds>(deadline - Clock::now()));
    // A read of one kind sees that kind's one topic; a read of every kind
    // re-lists topics now and then so that a kind appended to for the first
    // time while it waits is seen.
    milliseconds slice = options.kind ? left : std::min(left, kTopicRecheck);
    HERD_ASSIGN_OR_RETURN(ReadResult result, read_once(from, options, slice));
    if (!result.events.empty() || Clock::now() >= deadline) return result;
  }
}

Result<Cursor> KafkaEventLog::end() {
  HERD_ASSIGN_OR_RETURN(std::vector<TopicPartition> partitions, event_partitions(std::nullopt));
  HERD_ASSIGN_OR_RETURN(auto marks, admin_->watermarks(partitions));
  Cursor cursor;
  for (const auto& [tp, w] : marks) cursor.next[stream_name(tp)] = w.high;
  return cursor;
}

Status KafkaEventLog::write_snapshot(const Snapshot& snapshot) {
  return snapshots_->write(snapshot);
}

Result<std::optional<Snapshot>> KafkaEventLog::latest_snapshot() { return snapshots_->latest(); }

}  // namespace herd::events
