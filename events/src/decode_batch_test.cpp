#include "decode_batch.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace herd::events {
namespace {

std::vector<std::string> envelopes(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    Event e;
    e.id = "event-" + std::to_string(i);
    e.type = "ObjectUpdated";
    e.kind = "ConfigMap";
    e.namespace_ = "default";
    e.name = "cm-" + std::to_string(i % 7);
    e.seq = i + 1;
    e.time_ns = static_cast<int64_t>(i) * 1'000'000'007;
    e.data = api::Value::object();
    e.data.set("i", api::Value::integer(static_cast<int64_t>(i)));
    out.push_back(encode_event(e));
  }
  return out;
}

std::vector<std::string_view> views(const std::vector<std::string>& texts) {
  return std::vector<std::string_view>(texts.begin(), texts.end());
}

TEST(DecodeBatch, DecodesInOrderOnAnyNumberOfThreads) {
  std::vector<std::string> texts = envelopes(5 * kMinEnvelopesPerThread + 3);
  for (unsigned threads : {1u, 2u, 3u, 8u, 0u}) {
    std::vector<Event> events;
    BatchDecoded decoded = decode_batch(views(texts), events, threads);
    ASSERT_TRUE(decoded.status.ok()) << decoded.status.to_string();
    ASSERT_EQ(decoded.decoded, texts.size());
    ASSERT_EQ(events.size(), texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
      ASSERT_EQ(events[i], decode_event(texts[i]).value()) << i << " with " << threads << " threads";
    }
  }
}

TEST(DecodeBatch, ReportsTheFirstFailureWhicheverThreadFoundIt) {
  std::vector<std::string> texts = envelopes(4 * kMinEnvelopesPerThread);
  texts[3 * kMinEnvelopesPerThread + 5] = "{\"v\":9}";  // the last thread's share
  texts[kMinEnvelopesPerThread + 1] = "not json";      // the second thread's share
  for (unsigned threads : {1u, 4u}) {
    std::vector<Event> events;
    BatchDecoded decoded = decode_batch(views(texts), events, threads);
    EXPECT_EQ(decoded.decoded, kMinEnvelopesPerThread + 1) << threads;
    EXPECT_EQ(decoded.status.code(), StatusCode::kCorrupt) << decoded.status.to_string();
    for (std::size_t i = 0; i < decoded.decoded; ++i) {
      ASSERT_EQ(events[i].id, "event-" + std::to_string(i));
    }
  }
}

TEST(DecodeBatch, NothingToDecodeIsNothingDecoded) {
  std::vector<Event> events(3);
  BatchDecoded decoded = decode_batch({}, events);
  EXPECT_TRUE(decoded.status.ok());
  EXPECT_EQ(decoded.decoded, 0u);
  EXPECT_TRUE(events.empty());
}

}  // namespace
}  // namespace herd::events
