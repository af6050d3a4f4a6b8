// Events.Subscribe on a thread of its own.
//
// containerd sends nothing when a subscription starts, so a client cannot see
// when its stream is live; an event published before that is lost to it. To
// return only once the stream is live, subscribe() adds a filter for a topic
// of its own ("/herd/subscribed/<random>"), publishes events on that topic
// every 100 ms, and returns when the stream delivers one. The callbacks never
// see those events.
//
// The stream has no deadline (it lasts until the subscription is destroyed);
// setting it up waits at most ContainerdOptions::call_timeout.

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include "containerd/grpc_containerd_client.hpp"
#include "containerd/proto_convert.hpp"
#include "herd/base/check.hpp"
#include "herd/base/logging.hpp"

namespace herd::runtime::containerd {
namespace {

constexpr std::chrono::milliseconds kReadyProbeInterval{100};

std::string random_hex() {
  std::random_device random;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x%08x", random(), random());
  return buf;
}

class GrpcEventSubscription final : public EventSubscription {
 public:
  GrpcEventSubscription(std::shared_ptr<const Connection> conn, std::string lease,
                        std::function<void(Event)> on_event, std::function<void(Status)> on_end)
      : conn_(std::move(conn)),
        lease_(std::move(lease)),
        ready_topic_("/herd/subscribed/" + random_hex()),
        on_event_(std::move(on_event)),
        on_end_(std::move(on_end)) {}

  ~GrpcEventSubscription() override {
    HERD_CHECK(std::this_thread::get_id() != thread_.get_id())
        << "an EventSubscription destroyed inside its own callback";
    cancelled_ = true;
    context_.TryCancel();
    if (thread_.joinable()) {
      thread_.join();
    }
  }

  /// Starts the stream and returns once it delivers the ready probe.
  Status start(const std::vector<std::string>& filters) {
    const std::string ns_filter = "namespace==\"" + conn_->options().ns + "\"";
    pb::events::SubscribeRequest request;
    request.add_filters(ns_filter + ",topic==\"" + ready_topic_ + "\"");
    if (filters.empty()) {
      request.add_filters(ns_filter);
    }
    for (const auto& filter : filters) {
      request.add_filters(ns_filter + "," + filter);
    }
    conn_->add_headers(context_, lease_);  // no deadline: see above
    thread_ = std::thread([this, request = std::move(request)] { run(request); });

    const auto deadline = std::chrono::steady_clock::now() + conn_->options().call_timeout;
    std::unique_lock lock(mu_);
    while (!ready_ && !ended_) {
      lock.unlock();
      HERD_RETURN_IF_ERROR(publish_probe());
      lock.lock();
      if (std::chrono::steady_clock::now() >= deadline) {
        return Status::unavailable("containerd Events.Subscribe " + conn_->options().ns +
                                   ": the stream delivered nothing within the call timeout");
      }
      ready_cv_.wait_for(lock, kReadyProbeInterval, [&] { return ready_ || ended_; });
    }
    return ready_ ? Status() : end_status_;
  }

 private:
  Status publish_probe() {
    pb::events::PublishRequest request;
    request.set_topic(ready_topic_);
    request.mutable_event()->set_type_url("types.herd.io/SubscriptionReady");
    google::protobuf::Empty response;
    grpc::ClientContext context;
    conn_->prepare(context, conn_->options().call_timeout, lease_);
    return from_grpc(conn_->events->Publish(&context, request, &response), "Events.Publish",
                     conn_->options().ns, ready_topic_);
  }

  void run(const pb::events::SubscribeRequest& request) {
    auto reader = conn_->events->Subscribe(&context_, request);
    pb::events::Envelope envelope;
    while (reader->Read(&envelope)) {
      if (envelope.topic() == ready_topic_) {
        std::lock_guard lock(mu_);
        ready_ = true;
        ready_cv_.notify_all();
        continue;
      }
      auto event = decode_event(envelope);
      if (!event.ok()) {
        HERD_LOG(kWarning, "containerd") << "skipping an event: " << event.status().to_string();
        continue;
      }
      on_event_(std::move(event).value());
    }
    Status status = from_grpc(reader->Finish(), "Events.Subscribe", conn_->options().ns, "");
    if (status.ok()) {
      status = Status::unavailable("containerd Events.Subscribe " + conn_->options().ns +
                                   ": the stream ended");
    }
    bool was_ready = false;
    {
      std::lock_guard lock(mu_);
      ended_ = true;
      end_status_ = status;
      was_ready = ready_;
      ready_cv_.notify_all();
    }
    if (was_ready && !cancelled_) {
      on_end_(std::move(status));
    }
  }

  std::shared_ptr<const Connection> conn_;
  std::string lease_;
  std::string ready_topic_;
  std::function<void(Event)> on_event_;
  std::function<void(Status)> on_end_;
  grpc::ClientContext context_;
  std::thread thread_;
  std::atomic<bool> cancelled_{false};
  std::mutex mu_;
  std::condition_variable ready_cv_;
  bool ready_ = false;
  bool ended_ = false;
  Status end_status_;
};

}  // namespace

Result<std::unique_ptr<EventSubscription>> GrpcContainerdClient::subscribe(
    const std::vector<std::string>& filters, std::function<void(Event)> on_event,
    std::function<void(Status)> on_end) {
  auto subscription = std::make_unique<GrpcEventSubscription>(conn_, lease_, std::move(on_event),
                                                              std::move(on_end));
  HERD_RETURN_IF_ERROR(subscription->start(filters));
  return std::unique_ptr<EventSubscription>(std::move(subscription));
}

}  // namespace herd::runtime::containerd
