#include "herdctl/event_tables.hpp"

#include <algorithm>
#include <cctype>

#include "herdctl/fields.hpp"

namespace herd::cli::herdctl {
namespace {

std::string last_time(const api::Value& event) {
  for (std::string_view key : {"lastTimestamp", "eventTime", "firstTimestamp"}) {
    std::string t = text_at(event, {key});
    if (!t.empty()) return t;
  }
  return text_at(event, {"metadata", "creationTimestamp"});
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string source(const api::Value& event) {
  std::string component = text_at(event, {"source", "component"});
  return component.empty() ? text_at(event, {"reportingComponent"}) : component;
}

}  // namespace

std::vector<api::Value> sorted_events(std::vector<api::Value> events) {
  std::stable_sort(events.begin(), events.end(), [](const api::Value& a, const api::Value& b) {
    auto ta = parse_time(last_time(a)), tb = parse_time(last_time(b));
    return ta.value_or(std::chrono::system_clock::time_point{}) < tb.value_or(std::chrono::system_clock::time_point{});
  });
  return events;
}

Table events_table(const std::vector<api::Value>& events, std::chrono::system_clock::time_point now) {
  Table table;
  table.columns = {{"Last Seen", 0}, {"Type", 0}, {"Reason", 0}, {"Object", 0}, {"Message", 0}};
  for (const api::Value& e : events) {
    std::string object = lower(text_at(e, {"involvedObject", "kind"})) + "/" + text_at(e, {"involvedObject", "name"});
    table.rows.push_back(
        {{age(last_time(e), now), text_at(e, {"type"}), text_at(e, {"reason"}), object, text_at(e, {"message"})},
         text_at(e, {"metadata", "namespace"})});
  }
  return table;
}

Table describe_events_table(const std::vector<api::Value>& events, std::chrono::system_clock::time_point now) {
  Table table;
  table.columns = {{"Type", 0}, {"Reason", 0}, {"Age", 0}, {"From", 0}, {"Message", 0}};
  for (const api::Value& e : events) {
    std::string when = age(last_time(e), now);
    int64_t count = int_at(e, {"count"}, 1);
    std::string first = text_at(e, {"firstTimestamp"});
    if (count > 1 && !first.empty()) when += " (x" + std::to_string(count) + " over " + age(first, now) + ")";
    table.rows.push_back(
        {{text_at(e, {"type"}), text_at(e, {"reason"}), when, source(e), text_at(e, {"message"})}, ""});
  }
  return table;
}

}  // namespace herd::cli::herdctl
