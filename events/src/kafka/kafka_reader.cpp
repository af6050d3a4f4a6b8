#include "kafka/kafka_reader.hpp"

#include <algorithm>
#include <set>

namespace herd::events::kafka {
namespace {

using Clock = std::chrono::steady_clock;

struct MessageDeleter {
  void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
};
using Message = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;

int ms_until(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return std::max(0, to_ms(left));
}

ConsumedRecord to_record(const rd_kafka_message_t& msg) {
  ConsumedRecord r;
  r.partition = TopicPartition{rd_kafka_topic_name(msg.rkt), msg.partition};
  r.offset = msg.offset;
  if (msg.key != nullptr) r.key.assign(static_cast<const char*>(msg.key), msg.key_len);
  if (msg.payload != nullptr) r.value.emplace(static_cast<const char*>(msg.payload), msg.len);
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(&msg, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    const char* name = nullptr;
    const void* value = nullptr;
    size_t size = 0;
    for (size_t i = 0;
         rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
         ++i) {
      r.headers.emplace_back(name, value ? std::string(static_cast<const char*>(value), size) : "");
    }
  }
  return r;
}

}  // namespace

Result<std::unique_ptr<KafkaReader>> KafkaReader::open(const std::string& brokers,
                                                       const LogOptions& options) {
  std::unique_ptr<KafkaReader> reader(new KafkaReader(brokers, options.broker_timeout));
  HERD_ASSIGN_OR_RETURN(Conf conf, make_conf(ClientRole::kConsumer, brokers, options));
  rd_kafka_conf_set_opaque(conf.get(), reader.get());
  rd_kafka_conf_set_error_cb(conf.get(), &KafkaReader::on_error);
  HERD_ASSIGN_OR_RETURN(reader->rk_, make_handle(ClientRole::kConsumer, std::move(conf)));
  return reader;
}

KafkaReader::~KafkaReader() {
  // Nothing to commit; close() only leaves the (never joined) group cleanly.
  if (rk_) (void)rd_kafka_consumer_close(rk_.get());
}

void KafkaReader::on_error(rd_kafka_t*, int err, const char* reason, void* opaque) {
  // Called from rd_kafka_consumer_poll, i.e. on the reading thread.
  static_cast<KafkaReader*>(opaque)->last_error_ =
      std::string(rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(err))) + ": " + reason;
}

bool KafkaReader::continues(const std::vector<PartitionRange>& ranges) const {
  if (ranges.size() != position_.size()) return false;
  return std::all_of(ranges.begin(), ranges.end(), [this](const PartitionRange& r) {
    auto it = position_.find(r.partition);
    return it != position_.end() && it->second == r.start;
  });
}

Status KafkaReader::assign(const std::vector<PartitionRange>& ranges) {
  position_.clear();
  PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(ranges.size())));
  for (const PartitionRange& r : ranges) {
    rd_kafka_topic_partition_list_add(list.get(), r.partition.topic.c_str(), r.partition.partition)
        ->offset = r.start;
  }
  rd_kafka_resp_err_t err = rd_kafka_assign(rk_.get(), list.get());
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return kafka_error(err, "assigning partitions", brokers_);
  for (const PartitionRange& r : ranges) position_[r.partition] = r.start;
  return Status();
}

Status KafkaReader::record_error(const rd_kafka_message_t& msg) {
  std::string where = msg.rkt ? stream_name({rd_kafka_topic_name(msg.rkt), msg.partition}) : "";
  std::string text = std::string(rd_kafka_err2name(msg.err)) + ": " + rd_kafka_message_errstr(&msg);
  switch (msg.err) {
    case RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET:
    case RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE:
      position_.clear();  // the assignment is unusable; the next read re-assigns
      return Status::conflict("reading " + where +
                              ": position outside the partition (was the topic "
                              "re-created?): " +
                              text + " (Kafka at " + brokers_ + ")");
    default:
      // Transient (broker away, leader moving, a new topic this client has
      // not seen yet): librdkafka retries; the read's stall timeout bounds it.
      last_error_ = text;
      return Status();
  }
}

Result<std::vector<ConsumedRecord>> KafkaReader::read(const std::vector<PartitionRange>& ranges,
                                                      std::size_t max_records,
                                                      std::chrono::milliseconds wait) {
  std::vector<ConsumedRecord> out;
  if (!continues(ranges)) HERD_RETURN_IF_ERROR(assign(ranges));
  std::map<TopicPartition, int64_t> pending;  // partitions not yet read up to their end
  for (const PartitionRange& r : ranges) {
    if (r.start < r.end) pending[r.partition] = r.end;
  }
  const auto started = Clock::now();
  const auto wait_deadline = started + wait;
  // Progress, not the whole read, is bounded: a long replay is fine as long
  // as records keep coming.
  auto stall_deadline = started + timeout_;
  last_error_.clear();
  while (out.size() < max_records) {
    int timeout_ms = 0;
    if (pending.empty()) {
      if (out.empty() && Clock::now() >= wait_deadline) break;
      // Got some: take what is already here without waiting. Else wait.
      timeout_ms = out.empty() ? std::min(ms_until(wait_deadline), 100) : 0;
    } else {
      if (Clock::now() >= stall_deadline) {
        return Status::unavailable(
            "reading " + stream_name(pending.begin()->first) + ": Kafka at " + brokers_ +
            " delivered no records for " + std::to_string(timeout_.count()) +
            " ms (broker_timeout)" +
            (last_error_.empty() ? "" : "; last client error: " + last_error_));
      }
      timeout_ms = std::min(ms_until(stall_deadline), 100);
    }
    Message msg(rd_kafka_consumer_poll(rk_.get(), timeout_ms));
    if (msg == nullptr) {
      if (pending.empty() && !out.empty()) break;
      continue;
    }
    TopicPartition tp{msg->rkt ? rd_kafka_topic_name(msg->rkt) : "", msg->partition};
    auto pos = position_.find(tp);
    if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      // The end of a compacted partition may be a gap (its last records
      // cleaned away); reaching the end then counts as reading up to it.
      auto want = pending.find(tp);
      if (want != pending.end() && msg->offset >= want->second) pending.erase(want);
      continue;
    }
    if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      HERD_RETURN_IF_ERROR(record_error(*msg));
      continue;
    }
    // Records of an earlier assignment, or before the position, are stale.
    if (pos == position_.end() || msg->offset < pos->second) continue;
    pos->second = msg->offset + 1;
    stall_deadline = Clock::now() + timeout_;
    auto want = pending.find(tp);
    if (want != pending.end() && pos->second >= want->second) pending.erase(want);
    out.push_back(to_record(*msg));
  }
  return out;
}

Result<KafkaReaderPool::Lease> KafkaReaderPool::take(const std::vector<PartitionRange>& ranges) {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto it = std::find_if(idle_.begin(), idle_.end(),
                             [&](const auto& reader) { return reader->continues(ranges); });
      if (it == idle_.end()) it = idle_.end() - 1;
      std::unique_ptr<KafkaReader> reader = std::move(*it);
      idle_.erase(it);
      return Lease(this, std::move(reader));
    }
  }
  HERD_ASSIGN_OR_RETURN(std::unique_ptr<KafkaReader> reader, KafkaReader::open(brokers_, options_));
  return Lease(this, std::move(reader));
}

void KafkaReaderPool::give_back(std::unique_ptr<KafkaReader> reader) {
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(reader));
}

}  // namespace herd::events::kafka
