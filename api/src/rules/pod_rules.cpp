// Pod rules: the PodSpec checks and defaults that every kind with a pod
// template shares, and the Pod kind itself. Worded as Kubernetes'
// pkg/apis/core/validation words them.

#include <set>

#include "herd/api/names.hpp"
#include "rules/kind_rules.hpp"

namespace herd::api::rules {
namespace {

// "nginx" and "nginx:latest" pull every time; a pinned tag or digest only when missing.
std::string default_pull_policy(const std::string& image) {
  if (image.find('@') != std::string::npos) return "IfNotPresent";
  std::size_t slash = image.rfind('/');
  std::size_t colon = image.rfind(':');
  bool has_tag = colon != std::string::npos && (slash == std::string::npos || colon > slash);
  if (!has_tag || image.substr(colon + 1) == "latest") return "Always";
  return "IfNotPresent";
}

void validate_probe(const Probe& p, bool liveness_or_startup, const FieldPath& path, FieldErrors& errors) {
  int handlers = p.exec.has_value() + p.http_get.has_value() + p.tcp_socket.has_value() + p.grpc.has_value();
  if (handlers == 0) errors.required(path, "must specify a handler type");
  if (handlers > 1) errors.forbidden(path, "may not specify more than 1 handler type");
  validate_non_negative(p.initial_delay_seconds, path.child("initialDelaySeconds"), errors);
  for (auto [value, name] : {std::pair{p.timeout_seconds, "timeoutSeconds"}, {p.period_seconds, "periodSeconds"},
                             {p.success_threshold, "successThreshold"}, {p.failure_threshold, "failureThreshold"}}) {
    if (value < 1) errors.invalid(path.child(name), std::to_string(value), "must be greater than or equal to 1");
  }
  if (liveness_or_startup && p.success_threshold != 1) {
    errors.invalid(path.child("successThreshold"), std::to_string(p.success_threshold), "must be 1");
  }
  if (p.http_get) validate_port_or_name(p.http_get->port, path.child("httpGet").child("port"), errors);
  if (p.tcp_socket) validate_port_or_name(p.tcp_socket->port, path.child("tcpSocket").child("port"), errors);
  if (p.grpc) validate_port_number(p.grpc->port, path.child("grpc").child("port"), errors);
  if (p.exec && p.exec->command.empty()) errors.required(path.child("exec").child("command"));
}

void validate_env(const Container& c, const FieldPath& path, FieldErrors& errors) {
  for (std::size_t i = 0; i < c.env.size(); ++i) {
    const EnvVar& e = c.env[i];
    FieldPath at = path.child("env").index(i);
    report_all(is_env_var_name(e.name), at.child("name"), e.name, errors);
    if (!e.value_from) continue;
    const EnvVarSource& s = *e.value_from;
    int sources = s.field_ref.has_value() + s.resource_field_ref.has_value() + s.config_map_key_ref.has_value() +
                  s.secret_key_ref.has_value();
    if (sources == 0) errors.invalid(at.child("valueFrom"), "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
    if (sources > 1) errors.invalid(at.child("valueFrom"), "", "may not have more than one field specified at a time");
    if (!e.value.empty()) errors.invalid(at.child("valueFrom"), "", "may not be specified when `value` is not empty");
    if (s.config_map_key_ref && s.config_map_key_ref->name.empty()) {
      errors.required(at.child("valueFrom").child("configMapKeyRef").child("name"));
    }
    if (s.secret_key_ref && s.secret_key_ref->name.empty()) {
      errors.required(at.child("valueFrom").child("secretKeyRef").child("name"));
    }
  }
  for (std::size_t i = 0; i < c.env_from.size(); ++i) {
    const EnvFromSource& e = c.env_from[i];
    FieldPath at = path.child("envFrom").index(i);
    int sources = e.config_map_ref.has_value() + e.secret_ref.has_value();
    if (sources != 1) errors.invalid(at, "", "must specify exactly one of: `configMapRef` or `secretRef`");
    if (!e.prefix.empty()) report_all(is_env_var_name(e.prefix), at.child("prefix"), e.prefix, errors);
  }
}

void validate_resources(const ResourceRequirements& r, const FieldPath& path, FieldErrors& errors) {
  for (const auto* list : {&r.limits, &r.requests}) {
    const char* name = list == &r.limits ? "limits" : "requests";
    for (const auto& [resource, q] : *list) {
      if (q.sign() < 0) {
        errors.invalid(path.child(name).key(resource), q.to_string(), "must be greater than or equal to 0");
      }
    }
  }
  for (const auto& [resource, request] : r.requests) {
    auto limit = r.limits.find(resource);
    if (limit != r.limits.end() && request > limit->second) {
      errors.invalid(path.child("requests").key(resource), request.to_string(),
                     "must be less than or equal to " + resource + " limit of " + limit->second.to_string());
    }
  }
}

void validate_container(const Container& c, bool init, const std::set<std::string>& volumes, const FieldPath& path,
                        const FieldPath& spec_path, FieldErrors& errors) {
  report_all(is_dns1123_label(c.name), path.child("name"), c.name, errors);
  if (c.image.empty()) errors.required(path.child("image"));
  if (init && !c.restart_policy.empty() && c.restart_policy != "Always") {
    static constexpr std::array<std::string_view, 1> kSidecarPolicies{"Always"};
    errors.not_supported(path.child("restartPolicy"), c.restart_policy, Choices{kSidecarPolicies.data(), 1});
  }
  if (!init && !c.restart_policy.empty()) {
    errors.forbidden(path.child("restartPolicy"), "may only be set on init containers; did you mean " +
                                                      spec_path.child("restartPolicy").str() + "?");
  }
  std::set<std::string> port_names;
  std::set<std::pair<int32_t, std::string>> ports;
  for (std::size_t i = 0; i < c.ports.size(); ++i) {
    const ContainerPort& p = c.ports[i];
    FieldPath at = path.child("ports").index(i);
    validate_port_number(p.container_port, at.child("containerPort"), errors);
    if (p.host_port) validate_port_number(*p.host_port, at.child("hostPort"), errors);
    if (!p.name.empty()) {
      report_all(is_port_name(p.name), at.child("name"), p.name, errors);
      if (!port_names.insert(p.name).second) errors.duplicate(at.child("name"), p.name);
    }
    if (!ports.insert({p.container_port, p.protocol}).second) {
      errors.duplicate(at.child("containerPort"), std::to_string(p.container_port) + "/" + p.protocol);
    }
  }
  validate_env(c, path, errors);
  validate_resources(c.resources, path.child("resources"), errors);
  std::set<std::string> mount_paths;
  for (std::size_t i = 0; i < c.volume_mounts.size(); ++i) {
    const VolumeMount& m = c.volume_mounts[i];
    FieldPath at = path.child("volumeMounts").index(i);
    if (!m.name.empty() && volumes.count(m.name) == 0) {
      errors.add(at.child("name"), "Not found: \"" + m.name + "\" (no volume of that name in the pod's volumes)");
    }
    if (!m.mount_path.empty() && !mount_paths.insert(m.mount_path).second) {
      errors.invalid(at.child("mountPath"), m.mount_path, "must be unique");
    }
    if (m.sub_path.find("..") != std::string::npos || (!m.sub_path.empty() && m.sub_path[0] == '/')) {
      errors.invalid(at.child("subPath"), m.sub_path, "must be a relative path without '..'");
    }
  }
  if (c.liveness_probe) validate_probe(*c.liveness_probe, true, path.child("livenessProbe"), errors);
  if (c.readiness_probe) validate_probe(*c.readiness_probe, false, path.child("readinessProbe"), errors);
  if (c.startup_probe) validate_probe(*c.startup_probe, true, path.child("startupProbe"), errors);
}

void validate_mode(std::optional<int32_t> mode, const FieldPath& path, FieldErrors& errors) {
  if (mode && (*mode < 0 || *mode > 0777)) {
    errors.invalid(path, std::to_string(*mode), "must be a number between 0 and 0777 (octal), both inclusive");
  }
}

void validate_key_to_paths(const std::vector<KeyToPath>& items, const FieldPath& path, FieldErrors& errors) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& p = items[i].path;
    if (p.find("..") != std::string::npos || (!p.empty() && p[0] == '/')) {
      errors.invalid(path.index(i).child("path"), p, "must be a relative path without '..'");
    }
    validate_mode(items[i].mode, path.index(i).child("mode"), errors);
  }
}

void validate_volume(const Volume& v, const FieldPath& path, FieldErrors& errors) {
  report_all(is_dns1123_label(v.name), path.child("name"), v.name, errors);
  int sources = v.empty_dir.has_value() + v.host_path.has_value() + v.config_map.has_value() +
                v.secret.has_value() + v.nfs.has_value() + v.persistent_volume_claim.has_value();
  if (sources == 0) errors.required(path, "must specify a volume type");
  if (sources > 1) errors.forbidden(path, "may not specify more than 1 volume type");
  if (v.config_map) {
    if (v.config_map->name.empty()) errors.required(path.child("configMap").child("name"));
    validate_key_to_paths(v.config_map->items, path.child("configMap").child("items"), errors);
    validate_mode(v.config_map->default_mode, path.child("configMap").child("defaultMode"), errors);
  }
  if (v.secret) {
    if (v.secret->secret_name.empty()) errors.required(path.child("secret").child("secretName"));
    validate_key_to_paths(v.secret->items, path.child("secret").child("items"), errors);
    validate_mode(v.secret->default_mode, path.child("secret").child("defaultMode"), errors);
  }
  if (v.host_path && (v.host_path->path.empty() || v.host_path->path[0] != '/')) {
    errors.invalid(path.child("hostPath").child("path"), v.host_path->path, "must be an absolute path");
  }
}

void validate_restart_policy(const PodSpec& spec, const PodSpecContext& context, const FieldPath& path,
                             FieldErrors& errors) {
  if (!context.job_template) return;
  static constexpr std::array<std::string_view, 2> kJobPolicies{"OnFailure", "Never"};
  if (spec.restart_policy.empty()) {
    errors.required(path.child("restartPolicy"), "a Job's pods need restartPolicy Never or OnFailure");
  } else if (spec.restart_policy == "Always") {
    errors.not_supported(path.child("restartPolicy"), spec.restart_policy, Choices{kJobPolicies.data(), 2});
  }
}

}  // namespace

void apply_pod_spec_defaults(PodSpec& spec, const PodSpecContext& context) {
  if (spec.restart_policy.empty() && !context.job_template) spec.restart_policy = "Always";
  if (spec.service_account_name.empty()) spec.service_account_name = spec.service_account;
  for (auto* list : {&spec.init_containers, &spec.containers}) {
    for (Container& c : *list) {
      if (c.image_pull_policy.empty() && !c.image.empty()) c.image_pull_policy = default_pull_policy(c.image);
    }
  }
}

void validate_pod_spec(const PodSpec& spec, const PodSpecContext& context, const FieldPath& path,
                       FieldErrors& errors) {
  std::set<std::string> volumes;
  for (std::size_t i = 0; i < spec.volumes.size(); ++i) {
    FieldPath at = path.child("volumes").index(i);
    validate_volume(spec.volumes[i], at, errors);
    if (!volumes.insert(spec.volumes[i].name).second) errors.duplicate(at.child("name"), spec.volumes[i].name);
  }
  std::set<std::string> names;
  std::set<std::pair<int32_t, std::string>> host_ports;
  for (auto [list, field, init] : {std::tuple{&spec.init_containers, "initContainers", true},
                                   std::tuple{&spec.containers, "containers", false}}) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Container& c = (*list)[i];
      FieldPath at = path.child(field).index(i);
      validate_container(c, init, volumes, at, path, errors);
      if (!c.name.empty() && !names.insert(c.name).second) errors.duplicate(at.child("name"), c.name);
      for (std::size_t p = 0; p < c.ports.size(); ++p) {
        const ContainerPort& port = c.ports[p];
        if (port.host_port && *port.host_port > 0 && !host_ports.insert({*port.host_port, port.protocol}).second) {
          errors.duplicate(at.child("ports").index(p).child("hostPort"),
                           std::to_string(*port.host_port) + "/" + port.protocol);
        }
      }
    }
  }
  validate_restart_policy(spec, context, path, errors);
  if (spec.termination_grace_period_seconds) {
    validate_non_negative(*spec.termination_grace_period_seconds, path.child("terminationGracePeriodSeconds"), errors);
  }
  if (spec.active_deadline_seconds && *spec.active_deadline_seconds < 1) {
    errors.invalid(path.child("activeDeadlineSeconds"), std::to_string(*spec.active_deadline_seconds),
                   "must be greater than or equal to 1");
  }
  validate_labels(spec.node_selector, path.child("nodeSelector"), errors);
  if (!spec.hostname.empty()) report_all(is_dns1123_label(spec.hostname), path.child("hostname"), spec.hostname, errors);
  if (!spec.subdomain.empty()) {
    report_all(is_dns1123_label(spec.subdomain), path.child("subdomain"), spec.subdomain, errors);
  }
  if (!spec.service_account_name.empty()) {
    report_all(is_dns1123_subdomain(spec.service_account_name), path.child("serviceAccountName"),
               spec.service_account_name, errors);
  }
  for (std::size_t i = 0; i < spec.tolerations.size(); ++i) {
    const Toleration& t = spec.tolerations[i];
    FieldPath at = path.child("tolerations").index(i);
    if (!t.key.empty()) report_all(is_qualified_name(t.key), at.child("key"), t.key, errors);
    if (t.op == "Exists" && !t.value.empty()) {
      errors.invalid(at.child("operator"), t.value, "value must be empty when `operator` is 'Exists'");
    }
    if (t.key.empty() && t.op != "Exists") {
      errors.invalid(at.child("operator"), t.op, "operator must be Exists when `key` is empty");
    }
  }
}

void apply_kind_defaults(Pod& pod) {
  apply_pod_spec_defaults(pod.spec, PodSpecContext{});
  // A limit without a request requests the limit (Kubernetes' SetDefaults_Pod).
  for (auto* list : {&pod.spec.init_containers, &pod.spec.containers}) {
    for (Container& c : *list) {
      for (const auto& [resource, limit] : c.resources.limits) c.resources.requests.emplace(resource, limit);
    }
  }
}

void validate_kind(const Pod& pod, FieldErrors& errors) {
  validate_object_meta(pod.metadata, /*namespaced=*/true, /*name_is_label=*/false, FieldPath("metadata"), errors);
  validate_pod_spec(pod.spec, PodSpecContext{}, FieldPath("spec"), errors);
}

}  // namespace herd::api::rules
