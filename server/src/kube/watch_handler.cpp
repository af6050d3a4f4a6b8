#include "kube/watch_handler.hpp"

#include <charconv>
#include <memory>

#include "herd/api/codec.hpp"
#include "herd/server/response_stream.hpp"
#include "kube/list_filter.hpp"
#include "kube/table_output.hpp"

namespace herd::server::kube {
namespace {

// kube-apiserver ends a watch after a random 30-60 minutes unless the client
// asks for less; one fixed hour is as good for herd's clients.
constexpr std::chrono::seconds kDefaultWatchTimeout{3600};

std::string event_line(std::string_view type, const api::Value& object) {
  api::Value event = api::Value::object();
  event.set("type", api::Value::string(std::string(type)));
  event.set("object", object);
  return api::to_json(event) + "\n";
}

api::Value bookmark_object(const api::KindInfo& kind, uint64_t revision) {
  api::Value metadata = api::Value::object();
  metadata.set("resourceVersion", api::Value::string(std::to_string(revision)));
  api::Value object = api::Value::object();
  object.set("kind", api::Value::string(std::string(kind.kind)));
  object.set("apiVersion", api::Value::string(kind.api_version()));
  object.set("metadata", std::move(metadata));
  return object;
}

api::Value expired_status(uint64_t from, uint64_t oldest) {
  api::Value status = api::Value::object();
  status.set("kind", api::Value::string("Status"));
  status.set("apiVersion", api::Value::string("v1"));
  status.set("metadata", api::Value::object());
  status.set("status", api::Value::string("Failure"));
  status.set("message", api::Value::string("too old resource version: " + std::to_string(from) + " (" +
                                           std::to_string(oldest) + ")"));
  status.set("reason", api::Value::string("Expired"));
  status.set("code", api::Value::integer(410));
  return status;
}

// What a watcher with `filter` sees of `change`: the event type, or "" for nothing.
std::string_view seen_as(const watch::Change& change, const ListFilter& filter, const std::string& name) {
  auto matches = [&](const watch::CachedPtr& o) {
    return o != nullptr && (name.empty() || api::meta(o->object).name == name) && filter.matches(o->object);
  };
  bool now = matches(change.object);
  bool before = matches(change.previous);
  switch (change.type) {
    case watch::ChangeType::kAdded: return now ? "ADDED" : "";
    case watch::ChangeType::kModified:
      if (now && before) return "MODIFIED";
      if (now) return "ADDED";
      return before ? "DELETED" : "";
    case watch::ChangeType::kDeleted: return now || before ? "DELETED" : "";
    case watch::ChangeType::kBookmark: return "BOOKMARK";
  }
  return "";
}

}  // namespace

HttpResponse handle_watch(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request) {
  Result<ListFilter> filter = ListFilter::from_request(request, *path.kind);
  if (!filter.ok()) return bad_request(filter.status().message());
  uint64_t from = 0;
  std::string rv = request.query_param("resourceVersion").value_or("");
  if (!rv.empty()) {
    auto [end, ec] = std::from_chars(rv.data(), rv.data() + rv.size(), from);
    if (ec != std::errc() || end != rv.data() + rv.size()) {
      return bad_request("resourceVersion '" + rv + "' is not one this server gave");
    }
  }
  Result<std::optional<int64_t>> timeout = int_param(request, "timeoutSeconds");
  if (!timeout.ok()) return bad_request(timeout.status().message());
  std::chrono::milliseconds duration = *timeout && **timeout > 0 ? std::chrono::seconds(**timeout) : kDefaultWatchTimeout;
  std::string bookmarks = request.query_param("allowWatchBookmarks").value_or("");
  bool want_bookmarks = bookmarks == "true" || bookmarks == "1";
  std::string name = path.name.empty() ? filter->required_name().value_or("") : path.name;
  std::optional<printers::TableOptions> table;
  if (wants_table(request)) {
    Result<printers::TableOptions> options = table_options(request);
    if (!options.ok()) return bad_request(options.status().message());
    table = *options;
  }

  auto stream = std::make_shared<ResponseStream>(ctx.watch_buffer_bytes, duration);
  std::weak_ptr<ResponseStream> weak = stream;
  const api::KindInfo& kind = *path.kind;
  watch::ChangeSink sink = [weak, filter = std::move(*filter), name, want_bookmarks, table, &kind](const watch::Change& change) {
    std::shared_ptr<ResponseStream> out = weak.lock();
    if (out == nullptr) return false;
    std::string_view type = seen_as(change, filter, name);
    if (type.empty()) return !out->closed();
    if (change.type == watch::ChangeType::kBookmark) {
      return want_bookmarks && !table ? out->push(event_line(type, bookmark_object(kind, change.revision))) : !out->closed();
    }
    if (!table) return out->push(event_line(type, object_value(*change.object)));
    // A row per event, its age computed now, as kube-apiserver does.
    printers::TableOptions row = *table;
    row.now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                     std::chrono::system_clock::now().time_since_epoch()).count();
    row.resource_version = std::to_string(change.object->revision);
    return out->push(event_line(type, table_of(kind, {change.object}, row)));
  };
  watch::WatchStart started = ctx.cache.watch(std::string(kind.kind), path.namespace_, from, std::move(sink));
  if (started.too_old) {
    stream->push(event_line("ERROR", expired_status(from, started.oldest_revision)));
    stream->finish();
  } else {
    watch::WatchCache* cache = &ctx.cache;
    uint64_t id = started.id;
    stream->on_close([cache, id] { cache->unwatch(id); });
  }
  HttpResponse response = HttpResponse::json(200, "");
  response.stream = std::move(stream);
  return response;
}

}  // namespace herd::server::kube
