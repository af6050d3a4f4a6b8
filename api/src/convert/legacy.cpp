#include "convert/legacy.hpp"

#include <limits>

namespace herd::api::convert {
namespace {

void rename(Value& object, std::string_view from, std::string to) {
  if (!object.is_object()) return;
  for (Value::Member& m : object.as_object()) {
    if (m.key == from) m.key = std::move(to);
  }
}

// extensions/v1beta1 backend {serviceName, servicePort} -> v1 {service: {name, port: {number|name}}}.
void convert_ingress_backend(Value& backend) {
  if (!backend.is_object()) return;
  const Value* name = backend.find("serviceName");
  const Value* port = backend.find("servicePort");
  if (name == nullptr && port == nullptr) return;
  Value service = Value::object();
  service.set_pos(name ? name->pos() : port->pos());
  if (name) service.set("name", *name);
  if (port) {
    Value port_ref = Value::object();
    port_ref.set_pos(port->pos());
    port_ref.set(port->is_string() ? "name" : "number", *port);
    service.set("port", std::move(port_ref));
  }
  backend.take("serviceName");
  backend.take("servicePort");
  backend.set("service", std::move(service));
}

void convert_ingress(Value& doc) {
  Value* spec = doc.find("spec");
  if (spec == nullptr || !spec->is_object()) return;
  rename(*spec, "backend", "defaultBackend");
  if (Value* b = spec->find("defaultBackend")) convert_ingress_backend(*b);
  Value* rules = spec->find("rules");
  if (rules == nullptr || !rules->is_array()) return;
  for (Value& rule : rules->as_array()) {
    Value* http = rule.find("http");
    Value* paths = http ? http->find("paths") : nullptr;
    if (paths == nullptr || !paths->is_array()) continue;
    for (Value& path : paths->as_array()) {
      if (!path.is_object()) continue;
      if (Value* b = path.find("backend")) convert_ingress_backend(*b);
      // v1beta1 defaulted a missing pathType; v1 requires it.
      if (path.find("pathType") == nullptr) path.set("pathType", Value::string("ImplementationSpecific"));
    }
  }
}

// Deployments and ReplicaSets of extensions/v1beta1 and apps/v1beta1 had no
// required selector: it, and missing object labels, came from the template.
template <class K>
void default_selector_and_labels(K& o) {
  if (!o.spec.pod_template.metadata.labels.empty()) {
    if (!o.spec.selector.has_value()) o.spec.selector = LabelSelector{o.spec.pod_template.metadata.labels, {}};
    if (o.metadata.labels.empty()) o.metadata.labels = o.spec.pod_template.metadata.labels;
  }
}

void apply_deployment_legacy(std::string_view v, Deployment& d) {
  if (v == "apps/v1beta1") {
    default_selector_and_labels(d);
    if (!d.spec.revision_history_limit) d.spec.revision_history_limit = 2;
  } else if (v == "extensions/v1beta1") {
    default_selector_and_labels(d);
    constexpr int32_t kUnlimited = std::numeric_limits<int32_t>::max();
    if (d.spec.strategy.type.empty() || d.spec.strategy.type == "RollingUpdate") {
      d.spec.strategy.type = "RollingUpdate";
      if (!d.spec.strategy.rolling_update) d.spec.strategy.rolling_update.emplace();
      auto& ru = *d.spec.strategy.rolling_update;
      if (!ru.max_unavailable) ru.max_unavailable = IntOrString::from_int(1);
      if (!ru.max_surge) ru.max_surge = IntOrString::from_int(1);
    }
    if (!d.spec.revision_history_limit) d.spec.revision_history_limit = kUnlimited;
    if (!d.spec.progress_deadline_seconds) d.spec.progress_deadline_seconds = kUnlimited;
  }
}

}  // namespace

void convert_legacy_document(const KindInfo& kind, std::string_view from_version, Value& doc) {
  if (from_version == kind.api_version()) return;
  if (kind.kind == "Ingress") convert_ingress(doc);
  doc.set("apiVersion", Value::string(kind.api_version()));
}

void apply_legacy_defaults(std::string_view from_version, Object& object) {
  if (auto* d = std::get_if<Deployment>(&object)) {
    apply_deployment_legacy(from_version, *d);
  } else if (auto* rs = std::get_if<ReplicaSet>(&object)) {
    if (from_version == "extensions/v1beta1") default_selector_and_labels(*rs);
  }
}

}  // namespace herd::api::convert
