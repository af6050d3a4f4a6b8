// `get`: for tables, the server's meta.k8s.io Table of each kind (falling
// back to NAME and AGE from the objects when the server sends plain
// objects); for -o yaml|json|name, the objects. -w lists, then watches from
// the list's resourceVersion and prints each change as a row.

#include <algorithm>
#include <chrono>
#include <map>
#include <ostream>

#include "herd/api/codec.hpp"
#include "herdctl/commands.hpp"
#include "herdctl/resources.hpp"
#include "herdctl/table.hpp"
#include "history/history_commands.hpp"

namespace herd::cli::herdctl {
namespace {

using SystemClock = std::chrono::system_clock;

// What one kind's part of a `get` asks for: the whole collection (no
// names) or the named objects.
struct KindQuery {
  const api::KindInfo* kind = nullptr;
  std::vector<std::string> names;
};

std::vector<KindQuery> group_by_kind(const std::vector<ResourceRef>& refs) {
  std::vector<KindQuery> queries;
  for (const ResourceRef& ref : refs) {
    if (queries.empty() || queries.back().kind != ref.kind) queries.push_back({ref.kind, {}});
    if (!ref.name.empty()) queries.back().names.push_back(ref.name);
  }
  return queries;
}

// herd's /herd/v1/state route: the kind as it was at options.at.
std::string state_target(const api::KindInfo& kind, const std::string& at, const Session& session,
                         const std::string& name = "") {
  std::string ns = kind.namespaced && !(session.all_namespaces && name.empty()) ? session.namespace_ : "-";
  return with_query("/herd/v1/state/" + std::string(kind.kind) + "/" + ns + (name.empty() ? "" : "/" + name),
                    {{"at", at}});
}

std::string list_target(const api::KindInfo& kind, const GetOptions& options, const Session& session,
                        std::map<std::string, std::string> params = {}) {
  if (!options.at.empty()) return state_target(kind, options.at, session);
  params["labelSelector"] = options.label_selector;
  params["fieldSelector"] = options.field_selector;
  return with_query(collection_path(kind, request_namespace(kind, session.namespace_, session.all_namespaces)), params);
}

std::string object_target(const api::KindInfo& kind, const std::string& name, const GetOptions& options,
                          const Session& session) {
  if (!options.at.empty()) return state_target(kind, options.at, session, name);
  return object_path(kind, request_namespace(kind, session.namespace_, false), name);
}

// A List's items with their apiVersion and kind (a list's items may omit them).
std::vector<api::Value> items_of(const api::Value& list, const api::KindInfo& kind) {
  std::vector<api::Value> items;
  const api::Value* array = list.find("items");
  if (array == nullptr || !array->is_array()) return items;
  for (api::Value item : array->as_array()) {
    if (item.find("apiVersion") == nullptr) item.set("apiVersion", api::Value::string(kind.api_version()));
    if (item.find("kind") == nullptr) item.set("kind", api::Value::string(std::string(kind.kind)));
    items.push_back(std::move(item));
  }
  return items;
}

bool is_kind(const api::Value& value, std::string_view kind) {
  const api::Value* k = value.find("kind");
  return k != nullptr && k->is_string() && k->as_string() == kind;
}

// The rows of a reply to a Table request: the server's Table, or the
// objects' NAME/AGE when it sent an object or a List.
Result<Table> table_of(const api::Value& reply, const api::KindInfo& kind) {
  if (is_kind(reply, "Table")) return table_from_server(reply);
  if (reply.find("items") != nullptr) return table_from_objects(items_of(reply, kind), SystemClock::now());
  return table_from_objects({reply}, SystemClock::now());
}

// Adds the --output-watch-events EVENT column.
void prepend_event_column(Table& table, const std::string& event) {
  table.columns.insert(table.columns.begin(), TableColumn{"Event", 0});
  for (TableRow& row : table.rows) row.cells.insert(row.cells.begin(), event);
}

std::string no_resources_line(const Session& session, const std::vector<KindQuery>& queries) {
  bool namespaced = false;
  for (const KindQuery& q : queries) namespaced = namespaced || q.kind->namespaced;
  if (session.all_namespaces || !namespaced) return "No resources found\n";
  return "No resources found in " + session.namespace_ + " namespace.\n";
}

TableOptions table_options(const GetOptions& options, const Session& session, const KindQuery& query,
                           bool several_kinds) {
  TableOptions t;
  t.wide = options.output == "wide";
  t.namespace_column = session.all_namespaces && query.kind->namespaced;
  t.headers = !options.no_headers;
  if (several_kinds) t.name_prefix = kind_label(*query.kind) + "/";
  if (options.watch_events) t.name_column = 1;
  return t;
}

// One kind's table (all its named objects, or its list); errors about
// single objects are printed and counted in `failed`, as kubectl goes on.
Result<Table> fetch_table(const KindQuery& query, const GetOptions& options, const Session& session, bool& failed,
                          std::string& resource_version) {
  if (query.names.empty()) {
    HERD_ASSIGN_OR_RETURN(api::Value reply, session.api.get(list_target(*query.kind, options, session), kAcceptTable));
    resource_version = metadata_string(reply, "resourceVersion");
    return table_of(reply, *query.kind);
  }
  Table merged;
  for (const std::string& name : query.names) {
    Result<api::Value> reply = session.api.get(object_target(*query.kind, name, options, session), kAcceptTable);
    if (!reply.ok()) {
      failed = report_error(reply.status(), session.err) != 0;
      continue;
    }
    HERD_ASSIGN_OR_RETURN(Table table, table_of(*reply, *query.kind));
    if (merged.columns.empty()) merged.columns = table.columns;
    for (TableRow& row : table.rows) merged.rows.push_back(std::move(row));
  }
  return merged;
}

// Prints each change the watch reports as a row under the table already
// printed.
int watch_rows(const KindQuery& query, const GetOptions& options, Session& session, TableOptions table_options,
               const std::string& resource_version) {
  std::map<std::string, std::string> params{
      {"watch", "true"}, {"resourceVersion", resource_version}, {"allowWatchBookmarks", "true"}};
  if (query.names.size() == 1) {
    params["fieldSelector"] =
        "metadata.name=" + query.names[0] + (options.field_selector.empty() ? "" : "," + options.field_selector);
  }
  table_options.headers = false;
  Status result = session.api.watch(
      list_target(*query.kind, options, session, params),
      [&](const WatchEvent& event) {
        if (event.type == "BOOKMARK") return true;
        if (event.type == "ERROR") {
          session.err << "error: " << metadata_string(event.object, "message") << api::to_json(event.object) << "\n";
          return false;
        }
        Result<Table> table = table_of(event.object, *query.kind);
        if (!table.ok()) return true;
        if (options.watch_events) prepend_event_column(*table, event.type);
        table_options.min_widths = print_table(*table, table_options, session.out);
        session.out.flush();
        return true;
      },
      kAcceptTable);
  return result.ok() ? 0 : report_error(result, session.err);
}

int print_tables(const std::vector<KindQuery>& queries, const GetOptions& options, Session& session) {
  bool failed = false;
  bool printed = false;
  for (const KindQuery& query : queries) {
    std::string resource_version;
    Result<Table> table = fetch_table(query, options, session, failed, resource_version);
    if (!table.ok()) return report_error(table.status(), session.err);
    if (options.watch_events) prepend_event_column(*table, "ADDED");
    TableOptions t = table_options(options, session, query, queries.size() > 1);
    if (!table->rows.empty()) {
      if (printed) session.out << "\n";
      t.min_widths = print_table(*table, t, session.out);
      printed = true;
    }
    session.out.flush();
    if (options.watch) return watch_rows(query, options, session, t, resource_version);
  }
  if (!printed && !failed) session.err << no_resources_line(session, queries);
  return failed ? 1 : 0;
}

int print_objects(const std::vector<KindQuery>& queries, const GetOptions& options, Session& session) {
  std::vector<api::Value> objects;
  bool failed = false;
  for (const KindQuery& query : queries) {
    if (query.names.empty()) {
      Result<api::Value> list = session.api.get(list_target(*query.kind, options, session));
      if (!list.ok()) return report_error(list.status(), session.err);
      for (api::Value& item : items_of(*list, *query.kind)) objects.push_back(std::move(item));
    }
    for (const std::string& name : query.names) {
      Result<api::Value> object = session.api.get(object_target(*query.kind, name, options, session));
      if (!object.ok()) {
        failed = report_error(object.status(), session.err) != 0;
        continue;
      }
      objects.push_back(std::move(*object));
    }
  }
  bool single = queries.size() == 1 && queries[0].names.size() == 1;
  if (options.output == "name") {
    for (const api::Value& object : objects) {
      const api::KindInfo* kind = nullptr;
      if (const api::Value* k = object.find("kind"); k != nullptr && k->is_string())
        kind = api::find_kind(k->as_string());
      if (kind != nullptr) session.out << qualified_name(*kind, metadata_string(object, "name")) << "\n";
    }
  } else if (single && !objects.empty()) {
    session.out << (options.output == "json" ? api::to_json(objects[0], true) + "\n" : api::to_yaml(objects[0]));
  } else if (!single) {
    api::Value list = api::Value::object();
    list.set("apiVersion", api::Value::string("v1"));
    list.set("items", api::Value::array(std::move(objects)));
    list.set("kind", api::Value::string("List"));
    api::Value meta = api::Value::object();
    meta.set("resourceVersion", api::Value::string(""));
    list.set("metadata", std::move(meta));
    session.out << (options.output == "json" ? api::to_json(list, true) + "\n" : api::to_yaml(list));
  }
  return failed ? 1 : 0;
}

}  // namespace

int run_get(const GetOptions& given, Session& session) {
  GetOptions options = given;
  if (!options.at.empty()) {
    if (options.watch || !options.label_selector.empty() || !options.field_selector.empty()) {
      return report_error(Status::invalid_argument("--at shows one moment: no -w, -l or --field-selector with it"),
                          session.err);
    }
    auto now = std::chrono::system_clock::now().time_since_epoch();
    Result<std::string> at = parse_moment(options.at, std::chrono::duration_cast<std::chrono::nanoseconds>(now).count());
    if (!at.ok()) return report_error(at.status(), session.err);
    options.at = *at;
  }
  static const std::vector<std::string> kFormats = {"", "wide", "yaml", "json", "name"};
  if (std::find(kFormats.begin(), kFormats.end(), options.output) == kFormats.end()) {
    return report_error(Status::invalid_argument("unable to match a printer suitable for the output format \"" +
                                                 options.output + "\", allowed formats are: json,name,wide,yaml"),
                        session.err);
  }
  Result<std::vector<ResourceRef>> refs = parse_resource_args(options.resources);
  if (!refs.ok()) return report_error(refs.status(), session.err);
  std::vector<KindQuery> queries = group_by_kind(*refs);
  if (options.watch && queries.size() != 1) {
    return report_error(Status::invalid_argument("you may only specify a single resource type"), session.err);
  }
  bool tables = options.output.empty() || options.output == "wide";
  if (!tables && options.watch) {
    return report_error(Status::unimplemented("-w prints tables; -o " + options.output + " is not supported with it"),
                        session.err);
  }
  return tables ? print_tables(queries, options, session) : print_objects(queries, options, session);
}

}  // namespace herd::cli::herdctl
