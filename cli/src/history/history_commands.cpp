#include "history/history_commands.hpp"

#include <charconv>
#include <iomanip>
#include <map>
#include <ostream>
#include <sstream>

#include "herd/api/codec.hpp"
#include "herd/api/object.hpp"
#include "herd/events/event.hpp"
#include "herd/events/event_types.hpp"
#include "history/line_diff.hpp"

namespace herd::cli {
namespace {

int fail(std::ostream& err, const Status& status, int code = 1) {
  err << "error: " << status.message() << "\n";
  return code;
}

std::string label(const api::KindInfo& kind, std::string_view name) {
  std::string out;
  for (char c : kind.kind) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!kind.group.empty()) out += "." + std::string(kind.group);
  return out + "/" + std::string(name);
}

// The object's YAML at `moment`, "" when it did not exist then.
Result<std::string> yaml_at(const ApiGet& get, const std::string& words, const std::string& moment) {
  Result<std::string> body = get("/herd/v1/state/" + words + "?at=" + moment);
  if (!body.ok()) {
    if (body.status().code() == StatusCode::kNotFound) return std::string();
    return body.status();
  }
  Result<api::Value> object = api::parse_json_value(*body);
  if (!object.ok()) return Status::unavailable("the server's answer is not JSON: " + object.status().message());
  return api::to_yaml(*object);
}

}  // namespace

Result<std::string> parse_moment(std::string_view text, int64_t now_ns) {
  if (Result<int64_t> at = events::parse_time(text); at.ok()) return events::format_time(*at);
  static const std::map<char, int64_t> kUnits = {
      {'s', 1'000'000'000LL}, {'m', 60'000'000'000LL}, {'h', 3'600'000'000'000LL}, {'d', 86'400'000'000'000LL}};
  if (text.size() >= 2 && kUnits.count(text.back()) != 0) {
    int64_t count = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, count);
    if (ec == std::errc() && end == text.data() + text.size() - 1 && count >= 0) {
      return events::format_time(now_ns - count * kUnits.at(text.back()));
    }
  }
  return Status::invalid_argument("'" + std::string(text) +
                                  "' is not a moment: give an RFC 3339 time (2026-11-28T10:00:00Z) or how long "
                                  "ago (90s, 10m, 2h, 3d)");
}

Result<std::string> object_words(std::string_view resource, const std::string& namespace_) {
  std::size_t slash = resource.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == resource.size()) {
    return Status::invalid_argument("'" + std::string(resource) + "' is not KIND/NAME (e.g. deployment/web)");
  }
  const api::KindInfo* kind = api::find_kind_by_name(resource.substr(0, slash));
  if (kind == nullptr) {
    return Status::invalid_argument("the server doesn't have a resource type \"" + std::string(resource.substr(0, slash)) + "\"");
  }
  return std::string(kind->kind) + "/" + (kind->namespaced ? namespace_ : "-") + "/" +
         std::string(resource.substr(slash + 1));
}

int run_history(const HistoryOptions& options, const ApiGet& get, std::ostream& out, std::ostream& err) {
  Result<std::string> words = object_words(options.resource, options.namespace_);
  if (!words.ok()) return fail(err, words.status());
  Result<std::string> body = get("/herd/v1/history/" + *words);
  if (!body.ok()) return fail(err, body.status());
  Result<api::Value> history = api::parse_json_value(*body);
  const api::Value* list = history.ok() ? history->find("events") : nullptr;
  if (list == nullptr || !list->is_array()) return fail(err, Status::unavailable("the server's history is not a list of events"));
  if (options.output == "json") {
    out << api::to_json(*list, true) << "\n";
    return 0;
  }
  std::map<std::string, std::size_t> line_of;  // event id -> its line number
  std::string uid;
  out << std::left << std::setw(25) << "TIME" << std::setw(5) << "SEQ" << std::setw(27) << "EVENT" << std::setw(25)
      << "ACTOR" << "WHAT\n";
  std::size_t line = 0;
  for (const api::Value& encoded : list->as_array()) {
    Result<events::Event> e = events::decode_event(api::to_json(encoded));
    if (!e.ok()) return fail(err, e.status());
    if (!uid.empty() && e->uid != uid) out << "-- created again, uid " << e->uid << "\n";
    uid = e->uid;
    line_of[e->id] = ++line;
    std::string what = events::summarize(*e);
    if (auto cause = line_of.find(e->cause); !e->cause.empty() && cause != line_of.end() && cause->second != line) {
      what += (what.empty() ? "" : ", ") + std::string("after line ") + std::to_string(cause->second);
    }
    std::string time = events::format_time(e->time_ns).substr(0, 23) + "Z";
    std::ostringstream row;
    row << std::left << std::setw(25) << time << std::setw(5) << e->seq << std::setw(27) << e->type << std::setw(25)
        << (e->actor.empty() ? "-" : e->actor) << what;
    std::string text = row.str();
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << "\n";
  }
  return 0;
}

int run_diff(const DiffOptions& options, const ApiGet& get, int64_t now_ns, std::ostream& out, std::ostream& err) {
  Result<std::string> words = object_words(options.resource, options.namespace_);
  if (!words.ok()) return fail(err, words.status(), 2);
  Result<std::string> from = parse_moment(options.from, now_ns);
  if (!from.ok()) return fail(err, from.status(), 2);
  Result<std::string> to = parse_moment(options.to.empty() ? "0s" : options.to, now_ns);
  if (!to.ok()) return fail(err, to.status(), 2);
  Result<std::string> before = yaml_at(get, *words, *from);
  if (!before.ok()) return fail(err, before.status(), 2);
  Result<std::string> after = yaml_at(get, *words, *to);
  if (!after.ok()) return fail(err, after.status(), 2);
  std::string hunks = unified_diff(*before, *after);
  if (hunks.empty()) return 0;
  const api::KindInfo* kind = api::find_kind_by_name(options.resource.substr(0, options.resource.find('/')));
  std::string name = label(*kind, options.resource.substr(options.resource.find('/') + 1));
  out << "--- " << name << " at " << *from << "\n+++ " << name << " at " << *to << "\n" << hunks;
  return 1;
}

}  // namespace herd::cli
