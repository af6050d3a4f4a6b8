#include "kube/read_handlers.hpp"

#include "herd/api/codec.hpp"
#include "herd/base/base64.hpp"
#include "kube/list_filter.hpp"
#include "kube/table_output.hpp"

namespace herd::server::kube {
namespace {

struct ContinueToken {
  uint64_t revision = 0;
  std::string after_key;
};

std::string encode_continue(const ContinueToken& token) {
  api::Value v = api::Value::object();
  v.set("rv", api::Value::string(std::to_string(token.revision)));
  v.set("start", api::Value::string(token.after_key));
  return base64_encode(api::to_json(v));
}

Result<ContinueToken> decode_continue(const std::string& text) {
  auto invalid = [&] { return Status::invalid_argument("continue token '" + text + "' is not one this server gave"); };
  Result<std::string> json = base64_decode(text);
  if (!json.ok()) return invalid();
  Result<api::Value> v = api::parse_json_value(*json);
  if (!v.ok() || !v->is_object()) return invalid();
  const api::Value* rv = v->find("rv");
  const api::Value* start = v->find("start");
  if (rv == nullptr || !rv->is_string() || start == nullptr || !start->is_string()) return invalid();
  ContinueToken token;
  token.after_key = start->as_string();
  try {
    token.revision = std::stoull(rv->as_string());
  } catch (...) {
    return invalid();
  }
  return token;
}

std::string list_kind(const api::KindInfo& kind) { return std::string(kind.kind) + "List"; }

}  // namespace

HttpResponse handle_get(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request) {
  watch::CachedPtr object = ctx.cache.get(path.kind->kind, path.namespace_, path.name);
  if (object == nullptr) return not_found_response(*path.kind, path.name);
  if (wants_table(request)) {
    Result<printers::TableOptions> options = table_options(request);
    if (!options.ok()) return bad_request(options.status().message());
    options->resource_version = std::to_string(object->revision);
    return HttpResponse::json(200, api::to_json(table_of(*path.kind, {object}, *options)));
  }
  return object_response(200, *object);
}

HttpResponse handle_list(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& request) {
  Result<ListFilter> filter = ListFilter::from_request(request, *path.kind);
  if (!filter.ok()) return bad_request(filter.status().message());
  Result<std::optional<int64_t>> limit = int_param(request, "limit");
  if (!limit.ok()) return bad_request(limit.status().message());
  std::optional<ContinueToken> from;
  if (std::optional<std::string> token = request.query_param("continue"); token && !token->empty()) {
    Result<ContinueToken> decoded = decode_continue(*token);
    if (!decoded.ok()) return bad_request(decoded.status().message());
    from = *decoded;
  }
  watch::Listing listing = ctx.cache.list(path.kind->kind, path.namespace_);
  uint64_t revision = from ? from->revision : listing.revision;
  std::optional<printers::TableOptions> table;
  if (wants_table(request)) {
    Result<printers::TableOptions> options = table_options(request);
    if (!options.ok()) return bad_request(options.status().message());
    table = *options;
  }
  std::vector<watch::CachedPtr> rows;
  api::Value items = api::Value::array();
  int64_t page = *limit && **limit > 0 ? **limit : 0;  // 0: no limit
  std::string last_key;
  bool more = false;
  for (const watch::CachedPtr& object : listing.objects) {
    if (from && object->key <= from->after_key) continue;
    if (!filter->matches(object->object)) continue;
    if (page > 0 && static_cast<int64_t>(table ? rows.size() : items.as_array().size()) == page) {
      more = true;
      break;
    }
    if (table) {
      rows.push_back(object);
    } else {
      items.push_back(object_value(*object));
    }
    last_key = object->key;
  }
  std::string continue_token = more ? encode_continue(ContinueToken{revision, last_key}) : "";
  if (table) {
    table->resource_version = std::to_string(revision);
    table->continue_token = continue_token;
    return HttpResponse::json(200, api::to_json(table_of(*path.kind, rows, *table)));
  }
  api::Value metadata = api::Value::object();
  metadata.set("resourceVersion", api::Value::string(std::to_string(revision)));
  if (more) metadata.set("continue", api::Value::string(continue_token));
  api::Value list = api::Value::object();
  list.set("kind", api::Value::string(list_kind(*path.kind)));
  list.set("apiVersion", api::Value::string(path.kind->api_version()));
  list.set("metadata", std::move(metadata));
  list.set("items", std::move(items));
  return HttpResponse::json(200, api::to_json(list));
}

}  // namespace herd::server::kube
