// KafkaEventLog against a real broker: the shared conformance suite, then
// what is particular to Kafka (topic layout, cursors, snapshots' crash
// safety, errors). Integration tests: see kafka_test_support.hpp.

#include "kafka/kafka_event_log.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <set>

#include "events/testing/event_log_conformance.hpp"
#include "herd/api/codec.hpp"
#include "kafka/kafka_config.hpp"
#include "kafka/kafka_producer.hpp"
#include "kafka/kafka_snapshots.hpp"
#include "kafka/kafka_test_support.hpp"

namespace herd::events::kafka::testing {
namespace {

using events::testing::append_sync;
using events::testing::make_test_event;
using events::testing::read_events;
using namespace std::chrono_literals;

events::testing::EventLogFactory kafka_log_factory() {
  auto prefix = std::make_shared<std::string>();
  return {
      .name = "Kafka",
      .open_fresh = [prefix]() -> std::unique_ptr<EventLog> {
        if (bootstrap().empty()) {
          ADD_FAILURE() << missing_broker_message();
          return nullptr;
        }
        *prefix = unique_prefix();
        return open_test_log(test_options(*prefix));
      },
      .reopen_same = [prefix]() -> std::unique_ptr<EventLog> {
        return open_test_log(test_options(*prefix));
      },
      .cleanup = [prefix] { delete_test_topics(*prefix); },
  };
}

}  // namespace
}  // namespace herd::events::kafka::testing

HERD_INSTANTIATE_EVENT_LOG_CONFORMANCE(Kafka, ::herd::events::kafka::testing::kafka_log_factory());

namespace herd::events::kafka::testing {
namespace {

class KafkaEventLogTest : public KafkaTest {
 protected:
  void SetUp() override {
    KafkaTest::SetUp();
    if (HasFatalFailure()) return;
    log_ = open_test_log(test_options(prefix_));
    ASSERT_NE(log_, nullptr);
  }
  void TearDown() override {
    log_.reset();
    KafkaTest::TearDown();
  }
  std::unique_ptr<KafkaEventLog> log_;
};

TEST_F(KafkaEventLogTest, OneTopicPerKindKeyedByObjectKey) {
  std::vector<Event> batch;
  for (int i = 0; i < 12; ++i) {
    const char* kind = i % 2 ? "Pod" : "Deployment";
    batch.push_back(make_test_event(kind, "web", "obj-" + std::to_string(i % 3), i / 2 + 1, 16));
  }
  auto stored = append_sync(*log_, batch);
  ASSERT_TRUE(stored.ok()) << stored.status().to_string();
  std::map<std::string, std::string> stream_of;  // object key -> stream
  for (const StoredEvent& s : *stored) {
    auto tp = parse_stream(s.stream);
    ASSERT_TRUE(tp.has_value()) << s.stream;
    EXPECT_EQ(tp->topic, prefix_ + ".events." + s.event.kind);
    auto [it, fresh] = stream_of.emplace(s.event.object_key(), s.stream);
    EXPECT_EQ(it->second, s.stream) << "one object's events must share a partition";
  }
  Result<Cursor> end = log_->end();
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(end->next.size(), 6u) << "two kinds x three partitions";
  for (const auto& [stream, offset] : end->next) {
    EXPECT_TRUE(stream.rfind(prefix_ + ".events.Pod/", 0) == 0 ||
                stream.rfind(prefix_ + ".events.Deployment/", 0) == 0)
        << stream;
  }
}

TEST_F(KafkaEventLogTest, ReadOfAKindWithoutTopicIsEmptyAndKeepsTheCursor) {
  Cursor from{{{prefix_ + ".events.Pod/1", 7}}};
  ReadOptions options;
  options.kind = "Secret";
  auto r = log_->read(from, options);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_TRUE(r->events.empty());
  EXPECT_EQ(r->next, from);
}

TEST_F(KafkaEventLogTest, KindReadCarriesOtherStreamsAndSkipsLongerKindNames) {
  ASSERT_TRUE(append_sync(*log_, {make_test_event("Pod", "a", "p", 1, 8),
                                  make_test_event("PodTemplate", "a", "t", 1, 8)})
                  .ok());
  Cursor from{{{"elsewhere.events.Node/0", 5}}};
  ReadOptions options;
  options.kind = "Pod";
  auto got = read_events(*log_, from, 1, options);
  ASSERT_EQ(got.events.size(), 1u);
  EXPECT_EQ(got.events[0].event.kind, "Pod");
  EXPECT_EQ(got.next.next.at("elsewhere.events.Node/0"), 5);
}

TEST_F(KafkaEventLogTest, MalformedCursorStreamIsInvalidArgument) {
  auto r = log_->read(Cursor{{{"", 3}}}, ReadOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().to_string();
}

TEST_F(KafkaEventLogTest, CursorBeyondTheEndIsConflict) {
  auto stored = append_sync(*log_, {make_test_event("Pod", "a", "p", 1, 8)});
  ASSERT_TRUE(stored.ok()) << stored.status().to_string();
  auto r = log_->read(Cursor{{{(*stored)[0].stream, 1000}}}, ReadOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kConflict) << r.status().to_string();
}

TEST_F(KafkaEventLogTest, KindThatCannotNameATopicFailsTheAppend) {
  auto r = append_sync(*log_, {make_test_event("Bad.Kind", "a", "x", 1, 8)});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().to_string();
}

TEST_F(KafkaEventLogTest, RecordThatIsNotAnEnvelopeReadsAsCorrupt) {
  ASSERT_TRUE(append_sync(*log_, {make_test_event("Pod", "a", "p", 1, 8)}).ok());
  auto got = read_events(*log_, Cursor{}, 1);
  ASSERT_EQ(got.events.size(), 1u);
  // Another client writes garbage under the same key (same partition: kcat
  // uses the same murmur2 partitioner).
  std::string topic = prefix_ + ".events.Pod";
  std::string cmd = "printf 'Pod/a/p\\tnot json\\n' | kcat -b " + bootstrap() + " -P -t " + topic +
                    " -K '\\t' -X partitioner=murmur2_random 2>&1";
  ASSERT_EQ(run_command(cmd), 0) << cmd;
  ReadOptions options;
  options.wait = 2s;
  auto r = log_->read(got.next, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorrupt) << r.status().to_string();
  EXPECT_NE(r.status().message().find(got.events[0].stream + "@1"), std::string::npos)
      << r.status().to_string();
}

TEST(KafkaEventLogOpen, UnreachableBrokerIsUnavailableNamingIt) {
  LogOptions options = test_options(unique_prefix(), 1500ms);
  auto t0 = std::chrono::steady_clock::now();
  auto log = KafkaEventLog::open("127.0.0.1:1", options);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(log.status().message().find("127.0.0.1:1"), std::string::npos)
      << log.status().to_string();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 10s);
}

TEST_F(KafkaEventLogTest, SnapshotRecordsAreKeyedByObjectKeyAndTombstoned) {
  auto doc = [](const std::string& key, int v) {
    return "{\"key\":\"" + key + "\",\"seq\":" + std::to_string(v) + ",\"object\":{}}";
  };
  Snapshot first{Cursor{{{prefix_ + ".events.Pod/0", 4}}}, {doc("Pod/a/x", 1), doc("Pod/a/y", 2)}};
  ASSERT_TRUE(log_->write_snapshot(first).ok());
  Snapshot second{Cursor{{{prefix_ + ".events.Pod/0", 9}}}, {doc("Pod/a/y", 3), doc("Pod/a/z", 1)}};
  ASSERT_TRUE(log_->write_snapshot(second).ok());
  auto latest = log_->latest_snapshot();
  ASSERT_TRUE(latest.ok() && latest->has_value()) << latest.status().to_string();
  EXPECT_EQ(latest->value().cursor, second.cursor);
  EXPECT_EQ(latest->value().objects, second.objects);

  std::string out;
  std::string cmd =
      "kcat -b " + bootstrap() + " -C -t " + prefix_ + ".snapshots -e -q -f '%k|%S\\n'";
  ASSERT_EQ(run_command(cmd, &out), 0) << cmd;
  // Objects first, then the marker, then tombstones; kcat prints -1 as the
  // size of a null value (a tombstone).
  std::vector<std::string> keys;
  std::vector<std::string> sizes;
  std::size_t at = 0;
  while (at < out.size()) {
    std::size_t nl = out.find('\n', at);
    std::string line = out.substr(at, nl - at);
    at = nl == std::string::npos ? out.size() : nl + 1;
    keys.push_back(line.substr(0, line.rfind('|')));
    sizes.push_back(line.substr(line.rfind('|') + 1));
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"Pod/a/x", "Pod/a/y", "__cursor__", "Pod/a/y",
                                            "Pod/a/z", "__cursor__", "Pod/a/x"}))
      << out;
  ASSERT_EQ(sizes.size(), 7u);
  EXPECT_EQ(sizes[6], "-1") << "x needs a tombstone";
  EXPECT_EQ(sizes[0], std::to_string(doc("Pod/a/x", 1).size()));
}

// A crash in the middle of a snapshot: objects of the next generation were
// written, its marker and tombstones were not. The previous snapshot stays
// the latest, with the interrupted one's newer objects (documented) and
// without keys the previous one did not hold.
TEST_F(KafkaEventLogTest, InterruptedSnapshotLeavesThePreviousMarker) {
  auto doc = [](const std::string& key, int seq) {
    return "{\"key\":\"" + key + "\",\"seq\":" + std::to_string(seq) + "}";
  };
  Snapshot first{Cursor{{{prefix_ + ".events.Pod/0", 3}}}, {doc("Pod/a/x", 1), doc("Pod/a/y", 1)}};
  ASSERT_TRUE(log_->write_snapshot(first).ok());
  Snapshot dropped_y{Cursor{{{prefix_ + ".events.Pod/0", 5}}}, {doc("Pod/a/x", 2)}};
  ASSERT_TRUE(log_->write_snapshot(dropped_y).ok());  // generation 2, tombstones y

  // Generation 3, interrupted: x and a new w written, no marker.
  auto producer = KafkaProducer::open(bootstrap(), test_options(prefix_));
  ASSERT_TRUE(producer.ok());
  auto topic = producer.value()->topic(prefix_ + ".snapshots");
  ASSERT_TRUE(topic.ok()) << topic.status().to_string();
  auto object = [&](const std::string& key, std::string value) {
    return ProduceRecord{
        *topic,
        key,
        std::move(value),
        {{std::string(kGenerationHeader), "3"}, {std::string(kPositionHeader), "0"}}};
  };
  ASSERT_TRUE(producer.value()
                  ->produce_and_wait(
                      {object("Pod/a/x", doc("Pod/a/x", 3)), object("Pod/a/w", doc("Pod/a/w", 1))})
                  .ok());
  auto latest = log_->latest_snapshot();
  ASSERT_TRUE(latest.ok() && latest->has_value()) << latest.status().to_string();
  EXPECT_EQ(latest->value().cursor, dropped_y.cursor);
  std::set<std::string> got(latest->value().objects.begin(), latest->value().objects.end());
  EXPECT_EQ(got, (std::set<std::string>{doc("Pod/a/x", 3), doc("Pod/a/w", 1)}));

  // The next snapshot takes generation 4: w, left over from 3, is not in it.
  Snapshot next{Cursor{{{prefix_ + ".events.Pod/0", 8}}}, {doc("Pod/a/x", 4)}};
  ASSERT_TRUE(log_->write_snapshot(next).ok());
  latest = log_->latest_snapshot();
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ(latest->value().objects, next.objects);
}

}  // namespace
}  // namespace herd::events::kafka::testing

namespace herd::events::kafka::testing {
namespace {

// Separate appends of new objects, issued together to a kind whose topic
// does not exist yet (as a control plane's first nodes register): every
// acknowledged event must be in the log, each at its own offset. Before the
// log waited for new partitions to be served, librdkafka acknowledged records
// the broker had refused in about one round in three.
TEST_F(KafkaEventLogTest, ConcurrentFirstAppendsToANewTopicAreAllKept) {
  constexpr int kRounds = 6;
  constexpr int kObjects = 8;
  for (int round = 0; round < kRounds; ++round) {
    const std::string kind = "Fresh" + std::to_string(round);
    std::mutex mu;
    std::condition_variable cv;
    int answered = 0;
    std::vector<StoredEvent> acked;
    std::vector<std::string> errors;
    for (int i = 0; i < kObjects; ++i) {
      std::vector<Event> one{make_test_event(kind, "", "node-" + std::to_string(i), 1, 64)};
      log_->append(std::move(one), [&](Result<std::vector<StoredEvent>> r) {
        std::lock_guard lock(mu);
        if (r.ok()) {
          for (StoredEvent& s : *r) acked.push_back(std::move(s));
        } else {
          errors.push_back(r.status().to_string());
        }
        ++answered;
        cv.notify_all();
      });
    }
    std::unique_lock lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, 30s, [&] { return answered == kObjects; }));
    EXPECT_TRUE(errors.empty()) << errors.front();
    std::set<std::pair<std::string, int64_t>> positions;
    for (const StoredEvent& s : acked) positions.insert({s.stream, s.offset});
    EXPECT_EQ(positions.size(), acked.size()) << kind << ": two acknowledged events share an offset";
    lock.unlock();
    ReadOptions only_kind;
    only_kind.kind = kind;
    auto read = read_events(*log_, Cursor{}, acked.size(), only_kind, 5s);
    std::set<std::string> names;
    for (const StoredEvent& s : read.events) names.insert(s.event.name);
    std::string where;
    for (const StoredEvent& s : acked) {
      where += " " + s.event.name + "@" + s.stream + ":" + std::to_string(s.offset) +
               (names.count(s.event.name) ? "" : "(MISSING)");
    }
    EXPECT_EQ(names.size(), acked.size()) << kind << ": acknowledged events missing from the log:" << where;
  }
}

}  // namespace
}  // namespace herd::events::kafka::testing
