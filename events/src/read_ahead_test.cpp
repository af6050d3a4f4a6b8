#include "read_ahead.hpp"

#include <gtest/gtest.h>

#include "events/testing/in_memory_event_log.hpp"
#include "herd/api/manifest.hpp"
#include "herd/events/event_types.hpp"

namespace herd::events {
namespace {

api::Object config_map(int i) {
  api::Manifest m = api::decode_manifest("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-" + std::to_string(i) +
                                             ", namespace: default}\n",
                                         api::DecodeOptions{"t", true});
  return m.objects.at(0).object;
}

void fill(testing::InMemoryEventLog& log, int n) {
  std::vector<Event> events;
  for (int i = 0; i < n; ++i) events.push_back(object_created(config_map(i), "user:test"));
  ASSERT_TRUE(log.append_and_wait(std::move(events)).ok());
}

TEST(ReadAhead, GivesEveryPageInOrderThenAnEmptyOne) {
  testing::InMemoryEventLog log;
  fill(log, 25);
  ReadOptions small;
  small.max_events = 4;
  ReadAhead ahead(log, Cursor{}, small);
  std::vector<std::string> names;
  while (true) {
    Result<ReadResult> page = ahead.next();
    ASSERT_TRUE(page.ok()) << page.status().to_string();
    if (page->events.empty()) break;
    EXPECT_LE(page->events.size(), 4u);
    for (const StoredEvent& e : page->events) names.push_back(e.event.name);
    ahead.recycle(std::move(*page));
  }
  ASSERT_EQ(names.size(), 25u);
  for (int i = 0; i < 25; ++i) EXPECT_EQ(names[i], "cm-" + std::to_string(i));
  Result<ReadResult> after = ahead.next();
  EXPECT_EQ(after.status().code(), StatusCode::kInternal);
}

TEST(ReadAhead, StopsWhileTheReaderWaitsForRoom) {
  testing::InMemoryEventLog log;
  fill(log, 50);
  ReadOptions one;
  one.max_events = 1;
  for (int round = 0; round < 20; ++round) {
    ReadAhead ahead(log, Cursor{}, one, 2);
    Result<ReadResult> first = ahead.next();
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->events.at(0).event.name, "cm-0");
  }  // destroyed with the reader blocked on a full queue: must not hang
}

}  // namespace
}  // namespace herd::events
