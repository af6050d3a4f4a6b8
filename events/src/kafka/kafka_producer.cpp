#include "kafka/kafka_producer.hpp"

#include <future>

#include "herd/base/logging.hpp"

namespace herd::events::kafka {

// A batch in flight: owns its records (librdkafka points into their values
// instead of copying them) until the last delivery report. Deleted by the
// thread that completes it.
struct KafkaProducer::Batch {
  std::vector<ProduceRecord> records;
  std::vector<Slot> slots;
  std::vector<Delivered> delivered;
  std::size_t remaining = 0;  // guarded by mu
  Status first_error;         // guarded by mu
  ProduceCallback done;
  std::mutex mu;
};

Result<std::unique_ptr<KafkaProducer>> KafkaProducer::open(const std::string& brokers,
                                                           const LogOptions& options) {
  std::unique_ptr<KafkaProducer> producer(new KafkaProducer(brokers, options.broker_timeout));
  HERD_ASSIGN_OR_RETURN(Conf conf, make_conf(ClientRole::kProducer, brokers, options));
  rd_kafka_conf_set_opaque(conf.get(), producer.get());
  rd_kafka_conf_set_dr_msg_cb(conf.get(), &KafkaProducer::on_delivery);
  rd_kafka_conf_set_error_cb(conf.get(), &KafkaProducer::on_error);
  HERD_ASSIGN_OR_RETURN(producer->rk_, make_handle(ClientRole::kProducer, std::move(conf)));
  producer->poll_thread_ = std::thread([p = producer.get()] { p->poll_loop(); });
  return producer;
}

KafkaProducer::~KafkaProducer() {
  if (!poll_thread_.joinable()) return;  // open() failed before starting it
  std::unique_lock lock(mu_);
  if (!idle_.wait_for(lock, timeout_, [this] { return outstanding_ == 0; })) {
    HERD_LOG(kWarning, kLogComponent)
        << "closing with " << outstanding_ << " unacknowledged append(s); failing them";
    lock.unlock();
    // Purged records come back through on_delivery with ERR__PURGE_*.
    (void)rd_kafka_purge(rk_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    lock.lock();
    if (!idle_.wait_for(lock, std::chrono::seconds(10), [this] { return outstanding_ == 0; })) {
      HERD_LOG(kError, kLogComponent) << outstanding_ << " append callback(s) never completed";
    }
  }
  lock.unlock();
  stop_ = true;
  poll_thread_.join();
  run_posted();
}

void KafkaProducer::produce(std::vector<ProduceRecord> records, ProduceCallback done) {
  std::string fatal;
  {
    std::lock_guard lock(mu_);
    fatal = fatal_error_;
    ++outstanding_;
  }
  auto* batch = new Batch;
  batch->records = std::move(records);
  batch->done = std::move(done);
  const std::size_t n = batch->records.size();
  batch->delivered.resize(n);
  batch->remaining = n;
  batch->slots.reserve(n);
  for (std::size_t i = 0; i < n; ++i) batch->slots.push_back(Slot{batch, i});
  if (!fatal.empty() || n == 0) {
    // Complete on the poll thread like every other outcome.
    Status status = fatal.empty() ? Status() : Status::unavailable(fatal);
    post([this, batch, status] {
      std::vector<Delivered> none;
      batch->done(status.ok() ? Result<std::vector<Delivered>>(std::move(none))
                              : Result<std::vector<Delivered>>(status));
      delete batch;
      std::lock_guard lock(mu_);
      --outstanding_;
      idle_.notify_all();
    });
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    rd_kafka_resp_err_t err = produce_one(batch->records[i], &batch->slots[i]);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      // Records from i on never reach librdkafka: account for them at once.
      record_outcome(batch, i,
                     kafka_error(err, "appending to " + batch->records[i].topic->name(), brokers_),
                     n - i);
      return;
    }
  }
}

rd_kafka_resp_err_t KafkaProducer::produce_one(ProduceRecord& record, Slot* slot) {
  const auto deadline = std::chrono::steady_clock::now() + timeout_;
  const bool on_poll_thread = std::this_thread::get_id() == poll_thread_.get_id();
  while (true) {
    rd_kafka_headers_t* headers = nullptr;
    if (!record.headers.empty()) {
      headers = rd_kafka_headers_new(record.headers.size());
      for (const auto& [name, value] : record.headers) {
        (void)rd_kafka_header_add(headers, name.data(), static_cast<ssize_t>(name.size()),
                                  value.data(), static_cast<ssize_t>(value.size()));
      }
    }
    void* value = record.value ? record.value->data() : nullptr;
    std::size_t size = record.value ? record.value->size() : 0;
    // No RD_KAFKA_MSG_F_COPY: the batch keeps the value alive until delivery.
    rd_kafka_resp_err_t err = rd_kafka_producev(
        rk_.get(), RD_KAFKA_V_RKT(record.topic->rkt_),
        RD_KAFKA_V_KEY(record.key.data(), record.key.size()), RD_KAFKA_V_VALUE(value, size),
        RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_OPAQUE(slot), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return err;
    if (headers != nullptr) rd_kafka_headers_destroy(headers);  // not taken on failure
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || std::chrono::steady_clock::now() >= deadline) {
      return err;
    }
    // The local queue drains as the broker acknowledges; on the poll thread
    // itself nobody else would serve the reports, so serve them here.
    if (on_poll_thread) {
      rd_kafka_poll(rk_.get(), 10);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
}

void KafkaProducer::on_delivery(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
  auto* self = static_cast<KafkaProducer*>(opaque);
  auto* slot = static_cast<Slot*>(msg->_private);
  if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    bool maybe = rd_kafka_message_status(msg) != RD_KAFKA_MSG_STATUS_NOT_PERSISTED;
    self->record_outcome(slot->batch, slot->index, self->delivery_error(msg->err, maybe), 1);
    return;
  }
  if (msg->offset < 0) {
    // acks=all reports every written record's offset. librdkafka reports none
    // when it only infers delivery (a later batch's success, a duplicate),
    // which has been seen for records the broker never stored: not a success.
    self->record_outcome(slot->batch, slot->index,
                         Status::unavailable("Kafka at " + self->brokers_ +
                                             " confirmed a record without its offset; it may "
                                             "not have been written"),
                         1);
    return;
  }
  Delivered d{slot->batch->records[slot->index].topic, msg->partition, msg->offset};
  self->record_outcome(slot->batch, slot->index, d, 1);
}

void KafkaProducer::record_outcome(Batch* batch, std::size_t index, Result<Delivered> outcome,
                                   std::size_t count) {
  {
    std::lock_guard lock(batch->mu);
    if (outcome.ok()) {
      batch->delivered[index] = std::move(outcome).value();
    } else if (batch->first_error.ok()) {
      batch->first_error = outcome.status();
    }
    batch->remaining -= count;
    if (batch->remaining > 0) return;
  }
  auto finish = [this, batch] {
    if (batch->first_error.ok()) {
      batch->done(std::move(batch->delivered));
    } else {
      batch->done(batch->first_error);
    }
    delete batch;
    std::lock_guard lock(mu_);
    --outstanding_;
    idle_.notify_all();
  };
  if (std::this_thread::get_id() == poll_thread_.get_id()) {
    finish();
  } else {
    post(std::move(finish));  // a produce() that failed synchronously
  }
}

Status KafkaProducer::delivery_error(rd_kafka_resp_err_t err, bool possibly_written) const {
  std::string last;
  {
    std::lock_guard lock(mu_);
    last = last_client_error_;
  }
  std::string written = possibly_written ? " (some records may have been written)" : "";
  if (err == RD_KAFKA_RESP_ERR__MSG_TIMED_OUT) {
    return Status::unavailable("Kafka at " + brokers_ + " did not acknowledge the append within " +
                               std::to_string(timeout_.count()) + " ms (broker_timeout)" + written +
                               (last.empty() ? "" : "; last client error: " + last));
  }
  if (err == RD_KAFKA_RESP_ERR__PURGE_QUEUE || err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT) {
    return Status::unavailable("event log closed before Kafka at " + brokers_ +
                               " acknowledged the append" + written);
  }
  return kafka_error(err, "append" + written, brokers_);
}

void KafkaProducer::on_error(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
  auto* self = static_cast<KafkaProducer*>(opaque);
  std::string text = reason;
  bool fatal = err == RD_KAFKA_RESP_ERR__FATAL;
  if (fatal) {
    char buf[512];
    rd_kafka_resp_err_t cause = rd_kafka_fatal_error(rk, buf, sizeof buf);
    text = std::string("fatal producer error ") + rd_kafka_err2name(cause) + ": " + buf +
           " (Kafka at " + self->brokers_ + ")";
    HERD_LOG(kError, kLogComponent) << text;
  }
  std::lock_guard lock(self->mu_);
  self->last_client_error_ = text;
  if (fatal) self->fatal_error_ = text;
}

Result<const ProducerTopic*> KafkaProducer::topic(const std::string& name) {
  ProducerTopic* topic = nullptr;
  {
    std::lock_guard lock(mu_);
    auto it = topics_.find(name);
    if (it == topics_.end()) {
      rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk_.get(), name.c_str(), nullptr);
      if (rkt == nullptr) {
        return kafka_error(rd_kafka_last_error(), "topic \"" + name + "\"", brokers_);
      }
      it = topics_.emplace(name, std::make_unique<ProducerTopic>(name, rkt)).first;
    }
    topic = it->second.get();
    if (topic->prepared_) return topic;
  }
  // Without this the first record to a new topic waits about a second: the
  // producer learns of the topic from a metadata refresh that librdkafka
  // schedules, not sends, when the record arrives.
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk_.get(), 0, topic->rkt_, &md, to_ms(timeout_));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return topic;  // the next call tries again
  rd_kafka_metadata_destroy(md);
  std::lock_guard lock(mu_);
  topic->prepared_ = true;
  return topic;
}

void KafkaProducer::fail(ProduceCallback done, Status status) {
  {
    std::lock_guard lock(mu_);
    ++outstanding_;
  }
  post([this, done = std::move(done), status = std::move(status)] {
    done(status);
    std::lock_guard lock(mu_);
    --outstanding_;
    idle_.notify_all();
  });
}

Result<std::vector<Delivered>> KafkaProducer::produce_and_wait(std::vector<ProduceRecord> records) {
  std::promise<Result<std::vector<Delivered>>> outcome;
  auto future = outcome.get_future();
  produce(std::move(records),
          [&outcome](Result<std::vector<Delivered>> r) { outcome.set_value(std::move(r)); });
  return future.get();
}

void KafkaProducer::post(std::function<void()> fn) {
  std::lock_guard lock(mu_);
  posted_.push_back(std::move(fn));
}

void KafkaProducer::poll_loop() {
  while (!stop_) {
    // Serves delivery reports and error callbacks; returns at once when one
    // arrives, so the timeout only bounds how late posted work runs.
    rd_kafka_poll(rk_.get(), 20);
    run_posted();
  }
}

void KafkaProducer::run_posted() {
  while (true) {
    std::function<void()> fn;
    {
      std::lock_guard lock(mu_);
      if (posted_.empty()) return;
      fn = std::move(posted_.front());
      posted_.pop_front();
    }
    fn();
  }
}

}  // namespace herd::events::kafka
