#pragma once

// Container and its parts (Kubernetes core/v1): ports, env, resources,
// mounts, probes, lifecycle hooks, security context.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "herd/api/int_or_string.hpp"
#include "herd/api/meta.hpp"
#include "herd/api/quantity.hpp"
#include "herd/api/schema.hpp"

namespace herd::api {

inline constexpr std::array<std::string_view, 3> kProtocols{"TCP", "UDP", "SCTP"};
inline constexpr std::array<std::string_view, 3> kPullPolicies{"Always", "IfNotPresent", "Never"};
inline constexpr std::array<std::string_view, 2> kUriSchemes{"HTTP", "HTTPS"};
inline constexpr std::array<std::string_view, 2> kTerminationMessagePolicies{"File",
                                                                             "FallbackToLogsOnError"};

struct ContainerPort {
  std::string name;
  std::optional<int32_t> host_port;
  int32_t container_port = 0;
  std::string protocol;
  std::string host_ip;
  bool operator==(const ContainerPort&) const = default;
};
HERD_SCHEMA(ContainerPort,
  field("name", &ContainerPort::name),
  field("hostPort", &ContainerPort::host_port),
  field("containerPort", &ContainerPort::container_port).required(),
  field("protocol", &ContainerPort::protocol).defaults("TCP").one_of(kProtocols),
  field("hostIP", &ContainerPort::host_ip));

struct ObjectFieldSelector {
  std::string api_version;
  std::string field_path;
  bool operator==(const ObjectFieldSelector&) const = default;
};
HERD_SCHEMA(ObjectFieldSelector,
  field("apiVersion", &ObjectFieldSelector::api_version).defaults("v1"),
  field("fieldPath", &ObjectFieldSelector::field_path).required());

struct ResourceFieldSelector {
  std::string container_name;
  std::string resource;
  std::optional<Quantity> divisor;
  bool operator==(const ResourceFieldSelector&) const = default;
};
HERD_SCHEMA(ResourceFieldSelector,
  field("containerName", &ResourceFieldSelector::container_name),
  field("resource", &ResourceFieldSelector::resource).required(),
  field("divisor", &ResourceFieldSelector::divisor));

/// A key of a ConfigMap or Secret (configMapKeyRef / secretKeyRef).
struct KeySelector {
  std::string name;
  std::string key;
  std::optional<bool> optional;
  bool operator==(const KeySelector&) const = default;
};
HERD_SCHEMA(KeySelector,
  field("name", &KeySelector::name),
  field("key", &KeySelector::key).required(),
  field("optional", &KeySelector::optional));

struct EnvVarSource {
  std::optional<ObjectFieldSelector> field_ref;
  std::optional<ResourceFieldSelector> resource_field_ref;
  std::optional<KeySelector> config_map_key_ref;
  std::optional<KeySelector> secret_key_ref;
  bool operator==(const EnvVarSource&) const = default;
};
HERD_SCHEMA(EnvVarSource,
  field("fieldRef", &EnvVarSource::field_ref),
  field("resourceFieldRef", &EnvVarSource::resource_field_ref),
  field("configMapKeyRef", &EnvVarSource::config_map_key_ref),
  field("secretKeyRef", &EnvVarSource::secret_key_ref));

struct EnvVar {
  std::string name;
  std::string value;
  std::optional<EnvVarSource> value_from;
  bool operator==(const EnvVar&) const = default;
};
HERD_SCHEMA(EnvVar,
  field("name", &EnvVar::name).required(),
  field("value", &EnvVar::value),
  field("valueFrom", &EnvVar::value_from));

/// A whole ConfigMap or Secret as environment (envFrom).
struct EnvSourceRef {
  std::string name;
  std::optional<bool> optional;
  bool operator==(const EnvSourceRef&) const = default;
};
HERD_SCHEMA(EnvSourceRef,
  field("name", &EnvSourceRef::name),
  field("optional", &EnvSourceRef::optional));

struct EnvFromSource {
  std::string prefix;
  std::optional<EnvSourceRef> config_map_ref;
  std::optional<EnvSourceRef> secret_ref;
  bool operator==(const EnvFromSource&) const = default;
};
HERD_SCHEMA(EnvFromSource,
  field("prefix", &EnvFromSource::prefix),
  field("configMapRef", &EnvFromSource::config_map_ref),
  field("secretRef", &EnvFromSource::secret_ref));

/// Resource names ("cpu", "memory", ...) to quantities.
using ResourceList = std::map<std::string, Quantity>;

struct ResourceRequirements {
  ResourceList limits;
  ResourceList requests;
  bool operator==(const ResourceRequirements&) const = default;
};
HERD_SCHEMA(ResourceRequirements,
  field("limits", &ResourceRequirements::limits),
  field("requests", &ResourceRequirements::requests));

struct VolumeMount {
  std::string name;
  bool read_only = false;
  std::string mount_path;
  std::string sub_path;
  std::string mount_propagation;
  bool operator==(const VolumeMount&) const = default;
};
inline constexpr std::array<std::string_view, 3> kMountPropagations{"None", "HostToContainer",
                                                                   "Bidirectional"};
HERD_SCHEMA(VolumeMount,
  field("name", &VolumeMount::name).required(),
  field("readOnly", &VolumeMount::read_only),
  field("mountPath", &VolumeMount::mount_path).required(),
  field("subPath", &VolumeMount::sub_path),
  field("mountPropagation", &VolumeMount::mount_propagation).one_of(kMountPropagations));

struct ExecAction {
  std::vector<std::string> command;
  bool operator==(const ExecAction&) const = default;
};
HERD_SCHEMA(ExecAction, field("command", &ExecAction::command));

struct HttpHeader {
  std::string name;
  std::string value;
  bool operator==(const HttpHeader&) const = default;
};
HERD_SCHEMA(HttpHeader,
  field("name", &HttpHeader::name).required(),
  field("value", &HttpHeader::value));

struct HttpGetAction {
  std::string path;
  IntOrString port;
  std::string host;
  std::string scheme;
  std::vector<HttpHeader> http_headers;
  bool operator==(const HttpGetAction&) const = default;
};
HERD_SCHEMA(HttpGetAction,
  field("path", &HttpGetAction::path),
  field("port", &HttpGetAction::port).required(),
  field("host", &HttpGetAction::host),
  field("scheme", &HttpGetAction::scheme).defaults("HTTP").one_of(kUriSchemes),
  field("httpHeaders", &HttpGetAction::http_headers));

struct TcpSocketAction {
  IntOrString port;
  std::string host;
  bool operator==(const TcpSocketAction&) const = default;
};
HERD_SCHEMA(TcpSocketAction,
  field("port", &TcpSocketAction::port).required(),
  field("host", &TcpSocketAction::host));

struct GrpcAction {
  int32_t port = 0;
  std::optional<std::string> service;
  bool operator==(const GrpcAction&) const = default;
};
HERD_SCHEMA(GrpcAction,
  field("port", &GrpcAction::port).required(),
  field("service", &GrpcAction::service));

/// A health check of a container: exactly one of exec, httpGet, tcpSocket, grpc.
struct Probe {
  std::optional<ExecAction> exec;
  std::optional<HttpGetAction> http_get;
  std::optional<TcpSocketAction> tcp_socket;
  std::optional<GrpcAction> grpc;
  int32_t initial_delay_seconds = 0;
  int32_t timeout_seconds = 0;
  int32_t period_seconds = 0;
  int32_t success_threshold = 0;
  int32_t failure_threshold = 0;
  std::optional<int64_t> termination_grace_period_seconds;
  bool operator==(const Probe&) const = default;
};
HERD_SCHEMA(Probe,
  field("exec", &Probe::exec),
  field("httpGet", &Probe::http_get),
  field("tcpSocket", &Probe::tcp_socket),
  field("grpc", &Probe::grpc),
  field("initialDelaySeconds", &Probe::initial_delay_seconds),
  field("timeoutSeconds", &Probe::timeout_seconds).defaults("1"),
  field("periodSeconds", &Probe::period_seconds).defaults("10"),
  field("successThreshold", &Probe::success_threshold).defaults("1"),
  field("failureThreshold", &Probe::failure_threshold).defaults("3"),
  field("terminationGracePeriodSeconds", &Probe::termination_grace_period_seconds));

struct SleepAction {
  int64_t seconds = 0;
  bool operator==(const SleepAction&) const = default;
};
HERD_SCHEMA(SleepAction, field("seconds", &SleepAction::seconds).required());

/// A postStart or preStop hook: exactly one of exec, httpGet, tcpSocket, sleep.
struct LifecycleHandler {
  std::optional<ExecAction> exec;
  std::optional<HttpGetAction> http_get;
  std::optional<TcpSocketAction> tcp_socket;
  std::optional<SleepAction> sleep;
  bool operator==(const LifecycleHandler&) const = default;
};
HERD_SCHEMA(LifecycleHandler,
  field("exec", &LifecycleHandler::exec),
  field("httpGet", &LifecycleHandler::http_get),
  field("tcpSocket", &LifecycleHandler::tcp_socket),
  field("sleep", &LifecycleHandler::sleep));

struct Lifecycle {
  std::optional<LifecycleHandler> post_start;
  std::optional<LifecycleHandler> pre_stop;
  bool operator==(const Lifecycle&) const = default;
};
HERD_SCHEMA(Lifecycle,
  field("postStart", &Lifecycle::post_start),
  field("preStop", &Lifecycle::pre_stop));

struct Capabilities {
  std::vector<std::string> add;
  std::vector<std::string> drop;
  bool operator==(const Capabilities&) const = default;
};
HERD_SCHEMA(Capabilities, field("add", &Capabilities::add), field("drop", &Capabilities::drop));

struct SecurityContext {
  std::optional<bool> privileged;
  std::optional<int64_t> run_as_user;
  std::optional<int64_t> run_as_group;
  std::optional<bool> run_as_non_root;
  std::optional<bool> read_only_root_filesystem;
  std::optional<bool> allow_privilege_escalation;
  std::optional<Capabilities> capabilities;
  bool operator==(const SecurityContext&) const = default;
};
HERD_SCHEMA(SecurityContext,
  field("privileged", &SecurityContext::privileged),
  field("runAsUser", &SecurityContext::run_as_user),
  field("runAsGroup", &SecurityContext::run_as_group),
  field("runAsNonRoot", &SecurityContext::run_as_non_root),
  field("readOnlyRootFilesystem", &SecurityContext::read_only_root_filesystem),
  field("allowPrivilegeEscalation", &SecurityContext::allow_privilege_escalation),
  field("capabilities", &SecurityContext::capabilities));

/// One container of a pod.
struct Container {
  std::string name;
  std::string image;
  std::vector<std::string> command;
  std::vector<std::string> args;
  std::string working_dir;
  std::vector<ContainerPort> ports;
  std::vector<EnvFromSource> env_from;
  std::vector<EnvVar> env;
  ResourceRequirements resources;
  std::string restart_policy;  ///< Only "Always", only on init containers (sidecars).
  std::vector<VolumeMount> volume_mounts;
  std::optional<Probe> liveness_probe;
  std::optional<Probe> readiness_probe;
  std::optional<Probe> startup_probe;
  std::optional<Lifecycle> lifecycle;
  std::string termination_message_path;
  std::string termination_message_policy;
  std::string image_pull_policy;  ///< Defaulted from the image tag (defaults.cpp).
  std::optional<SecurityContext> security_context;
  bool stdin_open = false;
  bool stdin_once = false;
  bool tty = false;
  bool operator==(const Container&) const = default;
};
HERD_SCHEMA(Container,
  field("name", &Container::name).required(),
  field("image", &Container::image),
  field("command", &Container::command),
  field("args", &Container::args),
  field("workingDir", &Container::working_dir),
  field("ports", &Container::ports),
  field("envFrom", &Container::env_from),
  field("env", &Container::env),
  field("resources", &Container::resources),
  field("restartPolicy", &Container::restart_policy),
  field("volumeMounts", &Container::volume_mounts),
  field("livenessProbe", &Container::liveness_probe),
  field("readinessProbe", &Container::readiness_probe),
  field("startupProbe", &Container::startup_probe),
  field("lifecycle", &Container::lifecycle),
  field("terminationMessagePath", &Container::termination_message_path).defaults("/dev/termination-log"),
  field("terminationMessagePolicy", &Container::termination_message_policy)
      .defaults("File").one_of(kTerminationMessagePolicies),
  field("imagePullPolicy", &Container::image_pull_policy).one_of(kPullPolicies),
  field("securityContext", &Container::security_context),
  field("stdin", &Container::stdin_open),
  field("stdinOnce", &Container::stdin_once),
  field("tty", &Container::tty));

}  // namespace herd::api
