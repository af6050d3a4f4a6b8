#include "herd/server/history_routes.hpp"

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/events/cluster_state.hpp"
#include "herd/events/event.hpp"
#include "herd/server/api_status.hpp"
#include "history/log_scan.hpp"
#include "kube/table_output.hpp"

namespace herd::server {
namespace {

struct ObjectWords {
  const api::KindInfo* kind = nullptr;
  std::string namespace_;
  std::string name;
};

// <kind>[/<namespace|->[/<name>]]
Result<ObjectWords> parse_words(const std::string& rest, bool name_required) {
  std::vector<std::string> words = split_path(rest);
  if (words.empty() || words.size() > 3 || (name_required && words.size() != 3)) {
    return Status::invalid_argument(name_required ? "want /herd/v1/history/<kind>/<namespace|->/<name>"
                                                  : "want /herd/v1/state/<kind>[/<namespace|->[/<name>]]");
  }
  ObjectWords out;
  out.kind = api::find_kind_by_name(words[0]);
  if (out.kind == nullptr) return Status::not_found("the server doesn't have a resource type \"" + words[0] + "\"");
  if (words.size() >= 2 && words[1] != "-") out.namespace_ = words[1];
  if (!out.kind->namespaced) out.namespace_.clear();
  if (words.size() == 3) out.name = words[2];
  return out;
}

HttpResponse words_failure(const Status& status) {
  bool unknown_kind = status.code() == StatusCode::kNotFound;
  return failure_response(unknown_kind ? 404 : 400, unknown_kind ? "NotFound" : "BadRequest", status.message());
}

HttpResponse handle_history(events::EventLog& log, const HttpRequest& request) {
  Result<ObjectWords> words = parse_words(request.rest, true);
  if (!words.ok()) return words_failure(words.status());
  std::string body;
  std::size_t count = 0;
  Status scanned = history::scan_log(log, std::string(words->kind->kind), [&](const events::Event& e) {
    if (e.namespace_ != words->namespace_ || e.name != words->name) return;
    body += (count++ == 0 ? "" : ",") + events::encode_event(e);
  });
  if (!scanned.ok()) return failure_response(scanned);
  if (count == 0) {
    return failure_response(404, "NotFound", "the log holds no event of " + std::string(words->kind->kind) + " " +
                                                 (words->namespace_.empty() ? "" : words->namespace_ + "/") + words->name);
  }
  return HttpResponse::json(200, R"({"kind":"EventHistory","apiVersion":"herd.io/v1","events":[)" + body + "]}");
}

HttpResponse handle_state(events::EventLog& log, const HttpRequest& request) {
  Result<ObjectWords> words = parse_words(request.rest, false);
  if (!words.ok()) return words_failure(words.status());
  std::optional<std::string> at = request.query_param("at");
  if (!at) return failure_response(400, "BadRequest", "name the moment: ?at=<RFC 3339 time>");
  Result<int64_t> at_ns = events::parse_time(*at);
  if (!at_ns.ok()) return failure_response(400, "BadRequest", "at=" + *at + " is not an RFC 3339 time (e.g. 2026-11-28T10:00:00Z)");
  Result<events::ClusterState> folded = history::state_at(log, std::string(words->kind->kind), *at_ns);
  if (!folded.ok()) {
    if (folded.status().code() == StatusCode::kNotFound) return failure_response(410, "Gone", folded.status().message());
    return failure_response(folded.status());
  }
  std::vector<const events::ObjectRecord*> matching;
  for (const auto& [key, record] : folded->objects()) {
    const api::ObjectMeta& meta = api::meta(record.object);
    if (!words->namespace_.empty() && meta.namespace_ != words->namespace_) continue;
    if (!words->name.empty() && meta.name != words->name) continue;
    matching.push_back(&record);
  }
  if (kube::wants_table(request) && !(matching.empty() && !words->name.empty())) {
    // herdctl get --at: kubectl's columns, with ages as they were then.
    Result<printers::TableOptions> options = kube::table_options(request);
    if (!options.ok()) return failure_response(400, "BadRequest", options.status().message());
    options->now_ns = *at_ns;
    std::vector<printers::TableItem> rows;
    for (const events::ObjectRecord* record : matching) rows.push_back({&record->object, std::to_string(record->seq)});
    return HttpResponse::json(200, api::to_json(printers::table_for(*words->kind, rows, *options)));
  }
  api::Value items = api::Value::array();
  for (const events::ObjectRecord* record_ptr : matching) {
    const events::ObjectRecord& record = *record_ptr;
    api::Value object = api::encode_object(record.object);
    object.find("metadata")->set("resourceVersion", api::Value::string(std::to_string(record.seq)));
    items.push_back(std::move(object));
  }
  if (!words->name.empty()) {
    if (items.as_array().empty()) {
      return failure_response(404, "NotFound", std::string(words->kind->kind) + " " + words->name + " did not exist at " + *at);
    }
    return HttpResponse::json(200, api::to_json(items.as_array().front()));
  }
  api::Value list = api::Value::object();
  list.set("kind", api::Value::string("List"));
  list.set("apiVersion", api::Value::string("v1"));
  api::Value metadata = api::Value::object();
  metadata.set("at", api::Value::string(events::format_time(*at_ns)));
  list.set("metadata", std::move(metadata));
  list.set("items", std::move(items));
  return HttpResponse::json(200, api::to_json(list));
}

}  // namespace

void add_history_routes(Router& router, events::EventLog& log) {
  router.add("GET", "/herd/v1/history", [&log](const HttpRequest& request) { return handle_history(log, request); });
  router.add("GET", "/herd/v1/state", [&log](const HttpRequest& request) { return handle_state(log, request); });
}

}  // namespace herd::server
