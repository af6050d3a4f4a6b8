// `describe KIND NAME`: the object's view (describe.hpp) followed by its
// Events, which the server selects by involvedObject.

#include <algorithm>
#include <ctime>
#include <ostream>
#include <sstream>

#include "herdctl/commands.hpp"
#include "herdctl/describe.hpp"
#include "herdctl/event_tables.hpp"
#include "herdctl/fields.hpp"
#include "herdctl/resources.hpp"

namespace herd::cli::herdctl {
namespace {

// describe's alignment: values start two spaces after the widest key of their
// level.
constexpr std::size_t kGap = 2;

void describe_value(int indent, const std::string& key, const api::Value& value, DescribeWriter& w) {
  if (value.is_object()) {
    if (value.as_object().empty()) return w.field(indent, key, "<none>");
    w.heading(indent, key);
    for (const api::Value::Member& m : value.as_object()) describe_value(indent + 1, m.key, m.value, w);
    return;
  }
  if (!value.is_array()) return w.field(indent, key, value.scalar_text());
  const api::Value::Array& items = value.as_array();
  bool scalars = std::all_of(items.begin(), items.end(), [](const api::Value& v) { return v.is_scalar(); });
  if (items.empty() || scalars) {
    std::string joined;
    for (const api::Value& v : items) joined += (joined.empty() ? "" : ", ") + v.scalar_text();
    return w.field(indent, key, items.empty() ? "<none>" : joined);
  }
  w.heading(indent, key);
  for (std::size_t i = 0; i < items.size(); ++i) describe_value(indent + 1, "[" + std::to_string(i) + "]", items[i], w);
}

Result<std::vector<api::Value>> events_of(const api::KindInfo& kind, const api::Value& object, const Session& session) {
  const api::KindInfo* events = api::find_kind("Event");
  std::string ns = text_at(object, {"metadata", "namespace"});
  std::string selector =
      "involvedObject.name=" + text_at(object, {"metadata", "name"}) + ",involvedObject.kind=" + std::string(kind.kind);
  if (ns.empty())
    ns = "default";  // cluster-scoped objects' Events live in default, as
                     // Kubernetes keeps them
  HERD_ASSIGN_OR_RETURN(api::Value list,
                        session.api.get(with_query(collection_path(*events, ns), {{"fieldSelector", selector}})));
  std::string uid = text_at(object, {"metadata", "uid"});
  std::vector<api::Value> mine;
  if (const api::Value* items = list.find("items"); items != nullptr && items->is_array()) {
    for (const api::Value& e : items->as_array()) {
      std::string involved = text_at(e, {"involvedObject", "uid"});
      if (involved.empty() || involved == uid) mine.push_back(e);
    }
  }
  return sorted_events(std::move(mine));
}

}  // namespace

void DescribeWriter::field(int indent, const std::string& key, const std::string& value) {
  lines_.push_back({indent, key + ":", value.empty() ? "<none>" : value, true});
}

void DescribeWriter::heading(int indent, const std::string& key) { lines_.push_back({indent, key + ":", "", false}); }

void DescribeWriter::pairs(int indent, const std::string& key, const api::Value* map) {
  if (map == nullptr || !map->is_object() || map->as_object().empty()) return field(indent, key, "<none>");
  bool first = true;
  for (const api::Value::Member& m : map->as_object()) {
    lines_.push_back({indent, first ? key + ":" : "", m.key + "=" + m.value.scalar_text(), true});
    first = false;
  }
}

void DescribeWriter::table(int indent, const Table& table) {
  std::ostringstream text;
  TableOptions options;
  options.padding = 2;
  options.ruled_headers = true;
  print_table(table, options, text);
  std::istringstream in(text.str());
  for (std::string line; std::getline(in, line);) lines_.push_back({indent, "", line, false});
}

void DescribeWriter::print(std::ostream& out) const {
  std::vector<std::size_t> widths;
  for (const Line& l : lines_) {
    if (!l.aligned) continue;
    if (widths.size() <= static_cast<std::size_t>(l.indent)) widths.resize(l.indent + 1, 0);
    widths[l.indent] = std::max(widths[l.indent], l.key.size());
  }
  for (const Line& l : lines_) {
    std::string text(static_cast<std::size_t>(l.indent) * 2, ' ');
    text += l.key;
    if (l.aligned) text.append(widths[l.indent] - l.key.size() + kGap, ' ');
    out << text << l.value << "\n";
  }
}

std::string describe_time(const std::string& timestamp) {
  std::optional<std::chrono::system_clock::time_point> t = parse_time(timestamp);
  if (!t) return timestamp;
  std::time_t seconds = std::chrono::system_clock::to_time_t(*t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return text;
}

void describe_metadata(const api::Value& object, bool namespaced, DescribeWriter& w) {
  w.field(0, "Name", text_at(object, {"metadata", "name"}));
  if (namespaced) w.field(0, "Namespace", text_at(object, {"metadata", "namespace"}));
  w.field(0, "CreationTimestamp", describe_time(text_at(object, {"metadata", "creationTimestamp"})));
  w.pairs(0, "Labels", at(object, {"metadata", "labels"}));
  w.pairs(0, "Annotations", at(object, {"metadata", "annotations"}));
  if (const api::Value* owners = at(object, {"metadata", "ownerReferences"}); owners && owners->is_array()) {
    for (const api::Value& o : owners->as_array()) {
      const api::Value* controller = o.find("controller");
      if (controller != nullptr && controller->is_bool() && controller->as_bool()) {
        w.field(0, "Controlled By", text_at(o, {"kind"}) + "/" + text_at(o, {"name"}));
      }
    }
  }
}

void describe_generic(const api::Value& object, DescribeWriter& w) {
  if (!object.is_object()) return;
  for (const api::Value::Member& m : object.as_object()) {
    if (m.key == "apiVersion" || m.key == "kind" || m.key == "metadata") continue;
    std::string key = m.key;
    if (!key.empty()) key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
    describe_value(0, key, m.value, w);
  }
}

int run_describe(const std::vector<std::string>& resources, Session& session) {
  Result<std::vector<ResourceRef>> refs = parse_resource_args(resources);
  if (!refs.ok()) return report_error(refs.status(), session.err);
  int code = 0;
  bool first = true;
  for (const ResourceRef& ref : *refs) {
    if (ref.name.empty()) {
      code = report_error(Status::invalid_argument("describe needs a name: KIND NAME or KIND/NAME"), session.err);
      continue;
    }
    std::string ns = request_namespace(*ref.kind, session.namespace_, false);
    Result<api::Value> object = session.api.get(object_path(*ref.kind, ns, ref.name));
    if (!object.ok()) {
      code = report_error(object.status(), session.err);
      continue;
    }
    DescribeWriter w;
    describe_metadata(*object, ref.kind->namespaced, w);
    if (!describe_kind(std::string(ref.kind->kind), *object, w)) describe_generic(*object, w);
    Result<std::vector<api::Value>> events = events_of(*ref.kind, *object, session);
    if (!events.ok()) {
      w.field(0, "Events", "<unable to list: " + events.status().message() + ">");
    } else if (events->empty()) {
      w.field(0, "Events", "<none>");
    } else {
      w.heading(0, "Events");
      w.table(1, describe_events_table(*events, std::chrono::system_clock::now()));
    }
    if (!first) session.out << "\n\n";
    first = false;
    w.print(session.out);
  }
  return code;
}

}  // namespace herd::cli::herdctl
