#include "cronjob/cronjob_report.hpp"

#include <gtest/gtest.h>

#include "job/batch_testing.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;

TEST(CronJobReport, WarningEventAboutTheCronJobOnce) {
  ObjectPtr self = stored(cronjob_with("* * * * *"));
  ObjectStore store;
  Plan plan;
  report_cronjob_warning(*self, store, "UnknownTimeZone", "no zones here", "1", at(100), plan);
  ASSERT_EQ(plan.commands.size(), 1u);
  const Command& c = plan.commands[0];
  EXPECT_EQ(c.op, Command::Op::kCreate);
  EXPECT_EQ(c.key, "Event/default/hello.unknowntimezone.1");
  EXPECT_EQ(c.actor, "controller:cronjob");
  const api::Event& e = std::get<api::Event>(*c.object);
  EXPECT_EQ(e.involved_object, (api::ObjectReference{"CronJob", "default", "hello", "uid-hello", "batch/v1", "", ""}));
  EXPECT_EQ(e.type, "Warning");
  EXPECT_EQ(e.reason, "UnknownTimeZone");
  EXPECT_EQ(e.message, "no zones here");
  EXPECT_EQ(e.source.component, "cronjob-controller");
  EXPECT_EQ(e.count, 1);
  EXPECT_EQ(e.first_timestamp, batch_time_text(at(100)));
  ASSERT_EQ(e.metadata.owner_references.size(), 1u);
  EXPECT_EQ(e.metadata.owner_references[0].controller, false);

  store.put(stored(*c.object));
  Plan again;
  report_cronjob_warning(*self, store, "UnknownTimeZone", "no zones here", "1", at(200), again);
  EXPECT_TRUE(again.commands.empty());
}

}  // namespace
}  // namespace herd::actors
