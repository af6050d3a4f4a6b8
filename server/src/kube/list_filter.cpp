#include "kube/list_filter.hpp"

namespace herd::server::kube {
namespace {

std::string trim(std::string text) {
  std::size_t start = text.find_first_not_of(" \t");
  std::size_t end = text.find_last_not_of(" \t");
  return start == std::string::npos ? "" : text.substr(start, end - start + 1);
}

// The fields of an Event that `kubectl describe` and `kubectl events --for` select on.
std::optional<std::string> event_field(const api::Event& e, const std::string& field) {
  const api::ObjectReference& o = e.involved_object;
  if (field == "involvedObject.kind") return o.kind;
  if (field == "involvedObject.namespace") return o.namespace_;
  if (field == "involvedObject.name") return o.name;
  if (field == "involvedObject.uid") return o.uid;
  if (field == "involvedObject.apiVersion") return o.api_version;
  if (field == "involvedObject.resourceVersion") return o.resource_version;
  if (field == "involvedObject.fieldPath") return o.field_path;
  if (field == "reason") return e.reason;
  if (field == "type") return e.type;
  if (field == "source") return e.source.component;
  if (field == "reportingComponent") return e.reporting_component;
  return std::nullopt;
}

bool supported(const api::KindInfo& kind, const std::string& field) {
  if (field == "metadata.name" || field == "metadata.namespace") return true;
  if (kind.kind == "Event") return event_field(api::Event{}, field).has_value();
  return kind.kind == "Pod" && (field == "spec.nodeName" || field == "status.phase");
}

}  // namespace

Result<ListFilter> ListFilter::from_request(const HttpRequest& request, const api::KindInfo& kind) {
  Result<api::Selector> labels = api::Selector::parse(request.query_param("labelSelector").value_or(""));
  if (!labels.ok()) return Status::invalid_argument("unable to parse labelSelector: " + labels.status().message());
  ListFilter filter(std::move(*labels));
  std::string text = request.query_param("fieldSelector").value_or("");
  for (std::size_t start = 0; start < text.size();) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string term = text.substr(start, comma - start);
    start = comma + 1;
    FieldRequirement req;
    std::size_t op = term.find("!=");
    std::size_t op_len = 2;
    if (op != std::string::npos) {
      req.equal = false;
    } else if ((op = term.find("==")) == std::string::npos) {
      op = term.find('=');
      op_len = 1;
    }
    if (op == std::string::npos) {
      return Status::invalid_argument("invalid fieldSelector '" + text + "': '" + term + "' is not FIELD=VALUE or FIELD!=VALUE");
    }
    req.field = trim(term.substr(0, op));
    req.value = trim(term.substr(op + op_len));
    if (!supported(kind, req.field)) {
      return Status::invalid_argument("field label not supported: " + req.field + " (for " + std::string(kind.kind) + ")");
    }
    filter.fields_.push_back(std::move(req));
  }
  return filter;
}

std::string ListFilter::field_value(const api::Object& object, const std::string& field) {
  const api::ObjectMeta& meta = api::meta(object);
  if (field == "metadata.name") return meta.name;
  if (field == "metadata.namespace") return meta.namespace_;
  if (const auto* pod = std::get_if<api::Pod>(&object)) {
    if (field == "spec.nodeName") return pod->spec.node_name;
    if (field == "status.phase") return pod->status.phase;
  }
  if (const auto* event = std::get_if<api::Event>(&object)) return event_field(*event, field).value_or("");
  return "";
}

bool ListFilter::matches(const api::Object& object) const {
  if (!labels_.matches(api::meta(object).labels)) return false;
  for (const FieldRequirement& req : fields_) {
    if ((field_value(object, req.field) == req.value) != req.equal) return false;
  }
  return true;
}

std::optional<std::string> ListFilter::required_name() const {
  for (const FieldRequirement& req : fields_) {
    if (req.field == "metadata.name" && req.equal) return req.value;
  }
  return std::nullopt;
}

}  // namespace herd::server::kube
