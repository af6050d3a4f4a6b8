#include "kafka/kafka_admin.hpp"

#include <chrono>
#include <thread>

namespace herd::events::kafka {
namespace {

using Clock = std::chrono::steady_clock;

struct MetadataDeleter {
  void operator()(const rd_kafka_metadata_t* md) const { rd_kafka_metadata_destroy(md); }
};
using Metadata = std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter>;

struct NewTopicDeleter {
  void operator()(rd_kafka_NewTopic_t* t) const { rd_kafka_NewTopic_destroy(t); }
};
struct AdminOptionsDeleter {
  void operator()(rd_kafka_AdminOptions_t* o) const { rd_kafka_AdminOptions_destroy(o); }
};
struct DeleteTopicDeleter {
  void operator()(rd_kafka_DeleteTopic_t* t) const { rd_kafka_DeleteTopic_destroy(t); }
};
struct QueueDeleter {
  void operator()(rd_kafka_queue_t* q) const { rd_kafka_queue_destroy(q); }
};
struct EventDeleter {
  void operator()(rd_kafka_event_t* e) const { rd_kafka_event_destroy(e); }
};

// Errors a partition reports while its leadership settles.
bool is_transient(rd_kafka_resp_err_t err) {
  switch (err) {
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
    case RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH:
    case RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH:
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
      return true;
    default:
      return false;
  }
}

}  // namespace

Result<std::unique_ptr<KafkaAdmin>> KafkaAdmin::open(const std::string& brokers,
                                                     const LogOptions& options) {
  HERD_ASSIGN_OR_RETURN(Conf conf, make_conf(ClientRole::kAdmin, brokers, options));
  HERD_ASSIGN_OR_RETURN(Handle rk, make_handle(ClientRole::kAdmin, std::move(conf)));
  return std::unique_ptr<KafkaAdmin>(
      new KafkaAdmin(brokers, options.broker_timeout, std::move(rk)));
}

Status KafkaAdmin::ping() {
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk_.get(), 0, nullptr, &md, to_ms(timeout_));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return kafka_error(err, "asking for metadata", brokers_);
  rd_kafka_metadata_destroy(md);
  return Status();
}

Status KafkaAdmin::ensure_topic(const std::string& topic, const TopicSpec& spec) {
  {
    std::lock_guard lock(mu_);
    if (known_topics_.count(topic) > 0) return Status();
  }
  HERD_RETURN_IF_ERROR(create_topic(topic, spec));
  HERD_RETURN_IF_ERROR(wait_for_leaders(topic));
  std::lock_guard lock(mu_);
  known_topics_.insert(topic);
  return Status();
}

Status KafkaAdmin::create_topic(const std::string& topic, const TopicSpec& spec) {
  char err[512];
  std::unique_ptr<rd_kafka_NewTopic_t, NewTopicDeleter> nt(rd_kafka_NewTopic_new(
      topic.c_str(), spec.partitions, spec.replication_factor, err, sizeof err));
  if (nt == nullptr) return Status::invalid_argument("topic " + topic + ": " + err);
  for (const auto& [name, value] : spec.configs) {
    rd_kafka_resp_err_t e = rd_kafka_NewTopic_set_config(nt.get(), name.c_str(), value.c_str());
    if (e != RD_KAFKA_RESP_ERR_NO_ERROR) return kafka_error(e, "topic config " + name, brokers_);
  }
  std::unique_ptr<rd_kafka_AdminOptions_t, AdminOptionsDeleter> opts(
      rd_kafka_AdminOptions_new(rk_.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS));
  (void)rd_kafka_AdminOptions_set_operation_timeout(opts.get(), to_ms(timeout_), err, sizeof err);
  (void)rd_kafka_AdminOptions_set_request_timeout(opts.get(), to_ms(timeout_), err, sizeof err);
  std::unique_ptr<rd_kafka_queue_t, QueueDeleter> queue(rd_kafka_queue_new(rk_.get()));
  rd_kafka_NewTopic_t* topics[] = {nt.get()};
  rd_kafka_CreateTopics(rk_.get(), topics, 1, opts.get(), queue.get());
  // The admin request times out by itself; the extra second only lets its
  // result event arrive.
  std::unique_ptr<rd_kafka_event_t, EventDeleter> ev(
      rd_kafka_queue_poll(queue.get(), to_ms(timeout_) + 1000));
  if (ev == nullptr) {
    return kafka_error(RD_KAFKA_RESP_ERR__TIMED_OUT, "creating topic " + topic, brokers_);
  }
  if (rd_kafka_event_error(ev.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return kafka_error(rd_kafka_event_error(ev.get()), "creating topic " + topic, brokers_);
  }
  const rd_kafka_CreateTopics_result_t* result = rd_kafka_event_CreateTopics_result(ev.get());
  size_t count = 0;
  const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(result, &count);
  for (size_t i = 0; i < count; ++i) {
    rd_kafka_resp_err_t e = rd_kafka_topic_result_error(results[i]);
    if (e == RD_KAFKA_RESP_ERR_NO_ERROR || e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) continue;
    const char* why = rd_kafka_topic_result_error_string(results[i]);
    return kafka_error(e, "creating topic " + topic + (why ? std::string(" (") + why + ")" : ""),
                       brokers_);
  }
  return Status();
}

// Topic creation returns when the controller has recorded the topic; the
// broker that serves it may learn of it a moment later. Waiting here means a
// read or watermark query right after the first append finds the topic.
Status KafkaAdmin::wait_for_leaders(const std::string& topic) {
  const auto deadline = Clock::now() + timeout_;
  std::string last = "not in metadata yet";
  while (true) {
    const rd_kafka_metadata_t* raw = nullptr;
    int remaining =
        to_ms(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
    rd_kafka_resp_err_t err =
        rd_kafka_metadata(rk_.get(), 1, nullptr, &raw, std::max(1, remaining));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
      return kafka_error(err, "metadata of " + topic, brokers_);
    Metadata md(raw);
    for (int t = 0; t < md->topic_cnt; ++t) {
      const rd_kafka_metadata_topic_t& mt = md->topics[t];
      if (topic != mt.topic) continue;
      bool ready = mt.err == RD_KAFKA_RESP_ERR_NO_ERROR && mt.partition_cnt > 0;
      for (int p = 0; ready && p < mt.partition_cnt; ++p) {
        ready = mt.partitions[p].leader >= 0 && mt.partitions[p].err == RD_KAFKA_RESP_ERR_NO_ERROR;
      }
      if (ready) return wait_until_served(topic, mt.partition_cnt);
      last = "partitions without leaders";
    }
    if (Clock::now() >= deadline) {
      return Status::unavailable("topic " + topic + " not ready (" + last + ") (Kafka at " +
                                 brokers_ + ")");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// Metadata names a leader before the broker serves the partition: a record
// sent in between is refused (NOT_LEADER), and when the idempotent producer's
// next batch to that partition succeeds, librdkafka (2.0) takes the refused
// one as written ("implicitly acked") although the broker never stored it.
// A partition answers ListOffsets only once it serves produce requests too.
Status KafkaAdmin::wait_until_served(const std::string& topic, int partitions) {
  std::vector<TopicPartition> all;
  for (int p = 0; p < partitions; ++p) all.push_back(TopicPartition{topic, p});
  std::map<TopicPartition, int64_t> ends;
  return query_offsets(all, RD_KAFKA_OFFSET_END, &ends)
      .with_context("waiting for the partitions of new topic " + topic);
}

Result<std::map<std::string, int>> KafkaAdmin::topics_with_prefix(const std::string& prefix) {
  const rd_kafka_metadata_t* raw = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk_.get(), 1, nullptr, &raw, to_ms(timeout_));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return kafka_error(err, "listing topics", brokers_);
  Metadata md(raw);
  std::map<std::string, int> out;
  for (int t = 0; t < md->topic_cnt; ++t) {
    const rd_kafka_metadata_topic_t& mt = md->topics[t];
    std::string_view name(mt.topic);
    if (name.substr(0, prefix.size()) == prefix && mt.partition_cnt > 0) {
      out.emplace(name, mt.partition_cnt);
    }
  }
  return out;
}

Result<std::map<TopicPartition, Watermarks>> KafkaAdmin::watermarks(
    const std::vector<TopicPartition>& partitions) {
  std::map<TopicPartition, Watermarks> out;
  if (partitions.empty()) return out;
  std::map<TopicPartition, int64_t> low, high;
  HERD_RETURN_IF_ERROR(query_offsets(partitions, RD_KAFKA_OFFSET_BEGINNING, &low));
  HERD_RETURN_IF_ERROR(query_offsets(partitions, RD_KAFKA_OFFSET_END, &high));
  for (const TopicPartition& tp : partitions) out[tp] = Watermarks{low[tp], high[tp]};
  return out;
}

// ListOffsets with the special timestamps -2 (earliest) and -1 (latest)
// answers every partition of one leader in one request, where
// rd_kafka_query_watermark_offsets costs two round trips per partition.
// Leadership moves (a new topic, a broker restart) make partitions answer
// "not leader" for a moment; those are asked again until the timeout.
Status KafkaAdmin::query_offsets(const std::vector<TopicPartition>& partitions, int64_t which,
                                 std::map<TopicPartition, int64_t>* out) {
  const auto deadline = Clock::now() + timeout_;
  std::vector<TopicPartition> todo = partitions;
  while (true) {
    PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(todo.size())));
    for (const TopicPartition& tp : todo) {
      rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = which;
    }
    int left =
        to_ms(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
    rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(rk_.get(), list.get(), std::max(1, left));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (!is_transient(err) || Clock::now() >= deadline) {
        return kafka_error(err, "querying watermarks", brokers_);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    todo.clear();
    rd_kafka_resp_err_t retry_err = RD_KAFKA_RESP_ERR_NO_ERROR;
    for (int i = 0; i < list->cnt; ++i) {
      const rd_kafka_topic_partition_t& p = list->elems[i];
      TopicPartition tp{p.topic, p.partition};
      if (p.err == RD_KAFKA_RESP_ERR_NO_ERROR && p.offset >= 0) {
        (*out)[tp] = p.offset;
      } else if (is_transient(p.err) || p.offset < 0) {
        todo.push_back(tp);
        retry_err = p.err;
      } else {
        return kafka_error(p.err, "watermark of " + stream_name(tp), brokers_);
      }
    }
    if (todo.empty()) return Status();
    if (Clock::now() >= deadline) {
      return kafka_error(retry_err, "watermark of " + stream_name(todo.front()), brokers_);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

Status KafkaAdmin::delete_topics_with_prefix(const std::string& prefix) {
  HERD_ASSIGN_OR_RETURN(auto topics, topics_with_prefix(prefix));
  if (topics.empty()) return Status();
  std::vector<std::unique_ptr<rd_kafka_DeleteTopic_t, DeleteTopicDeleter>> owned;
  std::vector<rd_kafka_DeleteTopic_t*> raw;
  for (const auto& [topic, partitions] : topics) {
    owned.emplace_back(rd_kafka_DeleteTopic_new(topic.c_str()));
    raw.push_back(owned.back().get());
  }
  char err[512];
  std::unique_ptr<rd_kafka_AdminOptions_t, AdminOptionsDeleter> opts(
      rd_kafka_AdminOptions_new(rk_.get(), RD_KAFKA_ADMIN_OP_DELETETOPICS));
  (void)rd_kafka_AdminOptions_set_operation_timeout(opts.get(), to_ms(timeout_), err, sizeof err);
  std::unique_ptr<rd_kafka_queue_t, QueueDeleter> queue(rd_kafka_queue_new(rk_.get()));
  rd_kafka_DeleteTopics(rk_.get(), raw.data(), raw.size(), opts.get(), queue.get());
  std::unique_ptr<rd_kafka_event_t, EventDeleter> ev(
      rd_kafka_queue_poll(queue.get(), to_ms(timeout_) + 1000));
  if (ev == nullptr)
    return kafka_error(RD_KAFKA_RESP_ERR__TIMED_OUT, "deleting topics " + prefix + "*", brokers_);
  if (rd_kafka_event_error(ev.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return kafka_error(rd_kafka_event_error(ev.get()), "deleting topics " + prefix + "*", brokers_);
  }
  std::lock_guard lock(mu_);
  for (const auto& [topic, partitions] : topics) known_topics_.erase(topic);
  return Status();
}

}  // namespace herd::events::kafka
