// `events`: the Events of a namespace (or all, -A), oldest first; -w then
// prints each new or updated Event as a row.

#include <ostream>

#include "herdctl/commands.hpp"
#include "herdctl/event_tables.hpp"
#include "herdctl/fields.hpp"
#include "herdctl/resources.hpp"

namespace herd::cli::herdctl {

int run_events(const EventsOptions& options, Session& session) {
  const api::KindInfo* events = api::find_kind("Event");
  std::string ns = request_namespace(*events, session.namespace_, session.all_namespaces);
  std::map<std::string, std::string> params;
  if (!options.for_object.empty()) {
    Result<std::vector<ResourceRef>> refs = parse_resource_args({options.for_object});
    if (!refs.ok()) return report_error(refs.status(), session.err);
    params["fieldSelector"] =
        "involvedObject.kind=" + std::string((*refs)[0].kind->kind) + ",involvedObject.name=" + (*refs)[0].name;
  }
  Result<api::Value> list = session.api.get(with_query(collection_path(*events, ns), params));
  if (!list.ok()) return report_error(list.status(), session.err);
  std::vector<api::Value> items;
  if (const api::Value* array = list->find("items"); array != nullptr && array->is_array()) items = array->as_array();
  TableOptions table_options;
  table_options.namespace_column = session.all_namespaces;
  if (items.empty() && !options.watch) {
    session.err << (session.all_namespaces ? "No events found.\n" : "No events found in " + ns + " namespace.\n");
    return 0;
  }
  table_options.min_widths = print_table(
      events_table(sorted_events(std::move(items)), std::chrono::system_clock::now()), table_options, session.out);
  session.out.flush();
  if (!options.watch) return 0;
  params["watch"] = "true";
  params["resourceVersion"] = text_at(*list, {"metadata", "resourceVersion"});
  table_options.headers = false;
  Status watched = session.api.watch(with_query(collection_path(*events, ns), params), [&](const WatchEvent& event) {
    if (event.type != "ADDED" && event.type != "MODIFIED") return true;
    table_options.min_widths =
        print_table(events_table({event.object}, std::chrono::system_clock::now()), table_options, session.out);
    session.out.flush();
    return true;
  });
  return watched.ok() ? 0 : report_error(watched, session.err);
}

}  // namespace herd::cli::herdctl
