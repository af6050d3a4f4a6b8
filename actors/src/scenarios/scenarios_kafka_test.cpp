// Every scenario suite over Kafka against a real broker (integration):
// scripts/test starts one and exports HERD_KAFKA_BOOTSTRAP; without it every
// test FAILS, never skips. Each test's log gets its own topic prefix, and its
// topics are deleted afterwards.

#include "kafka/kafka_test_support.hpp"
#include "scenarios/scenario_logs.hpp"

namespace herd::actors::scenarios {
namespace {

namespace kt = events::kafka::testing;

EventLogFactory kafka_scenario_logs() {
  auto prefix = std::make_shared<std::string>();
  auto open = [prefix]() -> std::unique_ptr<events::EventLog> {
    const std::string uri = "kafka://" + kt::bootstrap() + "?topic-prefix=" + *prefix;
    Result<std::unique_ptr<events::EventLog>> log = events::open_event_log(uri, kt::test_options(*prefix));
    if (!log.ok()) {
      ADD_FAILURE() << "open_event_log(" << uri << "): " << log.status().to_string();
      return nullptr;
    }
    return std::move(log).value();
  };
  return {
      .name = "Kafka",
      .open_fresh = [prefix, open]() -> std::unique_ptr<events::EventLog> {
        if (kt::bootstrap().empty()) {
          ADD_FAILURE() << kt::missing_broker_message();
          return nullptr;
        }
        *prefix = kt::unique_prefix();
        return open();
      },
      .reopen_same = open,
      .cleanup =
          [prefix] {
            if (!prefix->empty()) kt::delete_test_topics(*prefix);
          },
  };
}

}  // namespace

HERD_INSTANTIATE_SCENARIOS(Kafka, kafka_scenario_logs());

}  // namespace herd::actors::scenarios
