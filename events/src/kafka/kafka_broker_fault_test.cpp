// The broker goes away under a running log: appends wait and succeed when it
// returns, nothing acknowledged is lost or duplicated; when it stays away
// past broker_timeout, appends fail with kUnavailable naming it.
//
// These tests stop and start the shared test broker (scripts/kafka stop /
// start, same port and data), so they must not run beside other Kafka tests:
// their ctest entries are RUN_SERIAL. Integration tests: kafka_test_support.hpp.

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "events/testing/event_log_conformance.hpp"
#include "kafka/kafka_test_support.hpp"

namespace herd::events::kafka::testing {
namespace {

using events::testing::append_sync;
using events::testing::make_test_event;
using events::testing::read_events;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Stops the broker; starts it again when destroyed, also when a test fails
// halfway, so that later tests find it.
class BrokerOutage {
 public:
  BrokerOutage() {
    std::string out;
    stopped_ = run_command(kafka_script("stop") + " 2>&1", &out) == 0;
    EXPECT_TRUE(stopped_) << "scripts/kafka stop failed:\n" << out;
  }
  ~BrokerOutage() { restart(); }
  void restart() {
    if (!stopped_) return;
    std::string out;
    stopped_ = false;
    EXPECT_EQ(run_command(kafka_script("start") + " 2>&1", &out), 0)
        << "scripts/kafka start failed:\n"
        << out;
  }

 private:
  bool stopped_ = false;
};

class KafkaBrokerFaultTest : public KafkaTest {
 protected:
  void SetUp() override {
    KafkaTest::SetUp();
    if (HasFatalFailure()) return;
    std::string address;
    ASSERT_EQ(run_command(kafka_script("address") + " 2>/dev/null", &address), 0)
        << "scripts/kafka does not control a running broker; these tests stop and start it";
    while (!address.empty() && (address.back() == '\n' || address.back() == ' '))
      address.pop_back();
    ASSERT_EQ(address, bootstrap()) << "HERD_KAFKA_BOOTSTRAP must be the broker scripts/kafka runs";
  }
};

TEST_F(KafkaBrokerFaultTest, AppendsWaitOutABrokerRestartAndNothingIsLostOrDuplicated) {
  auto log = open_test_log(test_options(prefix_, 60s));
  ASSERT_NE(log, nullptr);
  ASSERT_TRUE(append_sync(*log, {make_test_event("Pod", "fault", "warmup", 1, 8)}).ok());

  constexpr int kMaxEvents = 2000;
  constexpr int kBatch = 10;
  std::atomic<bool> enough{false};
  std::mutex mu;
  std::condition_variable cv;
  int in_flight = 0;
  std::vector<Event> appended;
  std::vector<std::string> failures;
  std::set<std::string> acked;
  Clock::duration slowest{0};  // the longest an append waited: proves the outage was felt
  std::thread appender([&] {
    std::map<std::string, uint64_t> seq;
    seq["Pod/fault/warmup"] = 1;
    const auto give_up = Clock::now() + 60s;
    for (int n = 0; n < kMaxEvents && !enough && Clock::now() < give_up; n += kBatch) {
      std::vector<Event> batch;
      for (int i = 0; i < kBatch; ++i) {
        std::string name = "obj-" + std::to_string((n + i) % 17);
        batch.push_back(make_test_event(i % 3 ? "Pod" : "Deployment", "fault", name,
                                        ++seq[(i % 3 ? "Pod/fault/" : "Deployment/fault/") + name],
                                        200));
      }
      {
        std::lock_guard lock(mu);
        appended.insert(appended.end(), batch.begin(), batch.end());
        ++in_flight;
      }
      std::vector<std::string> ids;
      for (const Event& e : batch) ids.push_back(e.id);
      log->append(std::move(batch),
                  [&, ids, sent = Clock::now()](Result<std::vector<StoredEvent>> r) {
                    std::lock_guard lock(mu);
                    slowest = std::max(slowest, Clock::now() - sent);
                    if (r.ok()) {
                      acked.insert(ids.begin(), ids.end());
                    } else {
                      failures.push_back(r.status().to_string());
                    }
                    --in_flight;
                    cv.notify_all();
                  });
      std::this_thread::sleep_for(50ms);
    }
  });

  std::this_thread::sleep_for(1s);
  {
    BrokerOutage outage;
    std::this_thread::sleep_for(3s);
    outage.restart();
  }
  std::this_thread::sleep_for(1s);
  enough = true;
  appender.join();
  {
    std::unique_lock lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, 90s, [&] { return in_flight == 0; }))
        << in_flight << " appends never completed";
  }
  EXPECT_TRUE(failures.empty()) << failures.size()
                                << " appends failed, first: " << failures.front();
  EXPECT_EQ(acked.size(), appended.size());
  auto slowest_ms = std::chrono::duration_cast<std::chrono::milliseconds>(slowest).count();
  std::printf(
      "[fault] %zu events appended across the restart, %zu acknowledged, slowest append %lld ms\n",
      appended.size(), acked.size(), static_cast<long long>(slowest_ms));
  EXPECT_GE(slowest_ms, 1000) << "no append waited for the broker: the outage missed the appends";

  // Everything acknowledged is there exactly once, in per-object order.
  auto got = read_events(*log, Cursor{}, appended.size() + 1, ReadOptions{}, 60s);
  ASSERT_TRUE(got.ok);
  std::map<std::string, int> count;
  std::map<std::string, uint64_t> last_seq;
  for (const StoredEvent& s : got.events) {
    ++count[s.event.id];
    uint64_t& last = last_seq[s.event.object_key()];
    EXPECT_EQ(s.event.seq, last + 1)
        << s.event.object_key() << " out of order at " << s.stream << "@" << s.offset;
    last = s.event.seq;
  }
  for (const std::string& id : acked) {
    EXPECT_EQ(count[id], 1) << "acknowledged event " << id << " read " << count[id] << " times";
  }
  EXPECT_EQ(got.events.size(), appended.size() + 1)
      << "warmup + every appended event, nothing more";
}

TEST_F(KafkaBrokerFaultTest, AppendFailsWithUnavailableWhenTheBrokerStaysAway) {
  auto log = open_test_log(test_options(prefix_, 3s));
  ASSERT_NE(log, nullptr);
  ASSERT_TRUE(append_sync(*log, {make_test_event("Pod", "away", "p", 1, 8)}).ok());
  {
    BrokerOutage outage;
    auto t0 = Clock::now();
    auto r = append_sync(*log, {make_test_event("Pod", "away", "p", 2, 8)});
    auto took = Clock::now() - t0;
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kUnavailable) << r.status().to_string();
    EXPECT_NE(r.status().message().find(bootstrap()), std::string::npos)
        << "the message must name the broker: " << r.status().to_string();
    EXPECT_GE(took, 2500ms);
    EXPECT_LT(took, 10s) << "broker_timeout is 3s";
    std::printf(
        "[fault] append with the broker away failed after %lld ms: %s\n",
        static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()),
        r.status().to_string().c_str());

    t0 = Clock::now();
    auto read = log->read(Cursor{}, ReadOptions{});
    EXPECT_FALSE(read.ok());
    EXPECT_EQ(read.status().code(), StatusCode::kUnavailable) << read.status().to_string();
    EXPECT_LT(Clock::now() - t0, 10s);
  }
  // Back again: the same log appends again (librdkafka recovers its
  // idempotent producer state after the timeouts).
  auto again = append_sync(*log, {make_test_event("Pod", "away", "q", 1, 8)});
  EXPECT_TRUE(again.ok()) << again.status().to_string();
}

}  // namespace
}  // namespace herd::events::kafka::testing
