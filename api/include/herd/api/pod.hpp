#pragma once

// Pod, PodSpec, PodStatus and PodTemplateSpec (Kubernetes core/v1).

#include <optional>
#include <string>
#include <vector>

#include "herd/api/container.hpp"
#include "herd/api/meta.hpp"
#include "herd/api/schema.hpp"
#include "herd/api/volume.hpp"

namespace herd::api {

inline constexpr std::array<std::string_view, 3> kRestartPolicies{"Always", "OnFailure", "Never"};
inline constexpr std::array<std::string_view, 4> kDnsPolicies{"ClusterFirstWithHostNet", "ClusterFirst",
                                                              "Default", "None"};
inline constexpr std::array<std::string_view, 2> kTolerationOperators{"Exists", "Equal"};
inline constexpr std::array<std::string_view, 4> kTaintEffects{"", "NoSchedule", "PreferNoSchedule",
                                                               "NoExecute"};
inline constexpr std::array<std::string_view, 5> kPodPhases{"Pending", "Running", "Succeeded", "Failed",
                                                            "Unknown"};

struct Toleration {
  std::string key;
  std::string op;
  std::string value;
  std::string effect;
  std::optional<int64_t> toleration_seconds;
  bool operator==(const Toleration&) const = default;
};
HERD_SCHEMA(Toleration,
  field("key", &Toleration::key),
  field("operator", &Toleration::op).one_of(kTolerationOperators),
  field("value", &Toleration::value),
  field("effect", &Toleration::effect).one_of(kTaintEffects),
  field("tolerationSeconds", &Toleration::toleration_seconds));

struct PodSecurityContext {
  std::optional<int64_t> run_as_user;
  std::optional<int64_t> run_as_group;
  std::optional<bool> run_as_non_root;
  std::optional<int64_t> fs_group;
  std::vector<int64_t> supplemental_groups;
  bool operator==(const PodSecurityContext&) const = default;
};
HERD_SCHEMA(PodSecurityContext,
  field("runAsUser", &PodSecurityContext::run_as_user),
  field("runAsGroup", &PodSecurityContext::run_as_group),
  field("runAsNonRoot", &PodSecurityContext::run_as_non_root),
  field("fsGroup", &PodSecurityContext::fs_group),
  field("supplementalGroups", &PodSecurityContext::supplemental_groups));

struct PodSpec {
  std::vector<Volume> volumes;
  std::vector<Container> init_containers;
  std::vector<Container> containers;
  std::string restart_policy;
  std::optional<int64_t> termination_grace_period_seconds;
  std::optional<int64_t> active_deadline_seconds;
  std::string dns_policy;
  StringMap node_selector;
  std::string service_account_name;
  std::string service_account;  ///< Deprecated alias of serviceAccountName.
  std::optional<bool> automount_service_account_token;
  std::string node_name;
  bool host_network = false;
  bool host_pid = false;
  bool host_ipc = false;
  std::optional<bool> share_process_namespace;
  std::optional<PodSecurityContext> security_context;
  std::vector<LocalObjectReference> image_pull_secrets;
  std::string hostname;
  std::string subdomain;
  std::string scheduler_name;
  std::vector<Toleration> tolerations;
  std::string priority_class_name;
  std::optional<int32_t> priority;
  std::optional<bool> enable_service_links;
  bool operator==(const PodSpec&) const = default;
};
HERD_SCHEMA(PodSpec,
  field("volumes", &PodSpec::volumes),
  field("initContainers", &PodSpec::init_containers),
  field("containers", &PodSpec::containers).required(),
  field("restartPolicy", &PodSpec::restart_policy).one_of(kRestartPolicies),
  field("terminationGracePeriodSeconds", &PodSpec::termination_grace_period_seconds).defaults("30"),
  field("activeDeadlineSeconds", &PodSpec::active_deadline_seconds),
  field("dnsPolicy", &PodSpec::dns_policy).defaults("ClusterFirst").one_of(kDnsPolicies),
  field("nodeSelector", &PodSpec::node_selector),
  field("serviceAccountName", &PodSpec::service_account_name),
  field("serviceAccount", &PodSpec::service_account),
  field("automountServiceAccountToken", &PodSpec::automount_service_account_token),
  field("nodeName", &PodSpec::node_name),
  field("hostNetwork", &PodSpec::host_network),
  field("hostPID", &PodSpec::host_pid),
  field("hostIPC", &PodSpec::host_ipc),
  field("shareProcessNamespace", &PodSpec::share_process_namespace),
  field("securityContext", &PodSpec::security_context),
  field("imagePullSecrets", &PodSpec::image_pull_secrets),
  field("hostname", &PodSpec::hostname),
  field("subdomain", &PodSpec::subdomain),
  field("schedulerName", &PodSpec::scheduler_name).defaults("default-scheduler"),
  field("tolerations", &PodSpec::tolerations),
  field("priorityClassName", &PodSpec::priority_class_name),
  field("priority", &PodSpec::priority),
  field("enableServiceLinks", &PodSpec::enable_service_links).defaults("true"));

struct ContainerStateWaiting {
  std::string reason;
  std::string message;
  bool operator==(const ContainerStateWaiting&) const = default;
};
HERD_SCHEMA(ContainerStateWaiting,
  field("reason", &ContainerStateWaiting::reason),
  field("message", &ContainerStateWaiting::message));

struct ContainerStateRunning {
  Time started_at;
  bool operator==(const ContainerStateRunning&) const = default;
};
HERD_SCHEMA(ContainerStateRunning, field("startedAt", &ContainerStateRunning::started_at));

struct ContainerStateTerminated {
  int32_t exit_code = 0;
  int32_t signal = 0;
  std::string reason;
  std::string message;
  Time started_at;
  Time finished_at;
  std::string container_id;
  bool operator==(const ContainerStateTerminated&) const = default;
};
HERD_SCHEMA(ContainerStateTerminated,
  field("exitCode", &ContainerStateTerminated::exit_code),
  field("signal", &ContainerStateTerminated::signal),
  field("reason", &ContainerStateTerminated::reason),
  field("message", &ContainerStateTerminated::message),
  field("startedAt", &ContainerStateTerminated::started_at),
  field("finishedAt", &ContainerStateTerminated::finished_at),
  field("containerID", &ContainerStateTerminated::container_id));

/// At most one member is set.
struct ContainerState {
  std::optional<ContainerStateWaiting> waiting;
  std::optional<ContainerStateRunning> running;
  std::optional<ContainerStateTerminated> terminated;
  bool operator==(const ContainerState&) const = default;
};
HERD_SCHEMA(ContainerState,
  field("waiting", &ContainerState::waiting),
  field("running", &ContainerState::running),
  field("terminated", &ContainerState::terminated));

struct ContainerStatus {
  std::string name;
  ContainerState state;
  ContainerState last_state;
  bool ready = false;
  int32_t restart_count = 0;
  std::string image;
  std::string image_id;
  std::string container_id;
  std::optional<bool> started;
  bool operator==(const ContainerStatus&) const = default;
};
HERD_SCHEMA(ContainerStatus,
  field("name", &ContainerStatus::name).required(),
  field("state", &ContainerStatus::state),
  field("lastState", &ContainerStatus::last_state),
  field("ready", &ContainerStatus::ready),
  field("restartCount", &ContainerStatus::restart_count),
  field("image", &ContainerStatus::image),
  field("imageID", &ContainerStatus::image_id),
  field("containerID", &ContainerStatus::container_id),
  field("started", &ContainerStatus::started));

struct PodIp {
  std::string ip;
  bool operator==(const PodIp&) const = default;
};
HERD_SCHEMA(PodIp, field("ip", &PodIp::ip));

struct PodStatus {
  std::string phase;
  std::vector<Condition> conditions;
  std::string message;
  std::string reason;
  std::string nominated_node_name;
  std::string host_ip;
  std::vector<PodIp> host_ips;
  std::string pod_ip;
  std::vector<PodIp> pod_ips;
  Time start_time;
  std::vector<ContainerStatus> init_container_statuses;
  std::vector<ContainerStatus> container_statuses;
  std::string qos_class;
  bool operator==(const PodStatus&) const = default;
};
HERD_SCHEMA(PodStatus,
  field("phase", &PodStatus::phase).one_of(kPodPhases),
  field("conditions", &PodStatus::conditions),
  field("message", &PodStatus::message),
  field("reason", &PodStatus::reason),
  field("nominatedNodeName", &PodStatus::nominated_node_name),
  field("hostIP", &PodStatus::host_ip),
  field("hostIPs", &PodStatus::host_ips),
  field("podIP", &PodStatus::pod_ip),
  field("podIPs", &PodStatus::pod_ips),
  field("startTime", &PodStatus::start_time),
  field("initContainerStatuses", &PodStatus::init_container_statuses),
  field("containerStatuses", &PodStatus::container_statuses),
  field("qosClass", &PodStatus::qos_class));

/// The smallest deployable unit: containers sharing a network namespace.
struct Pod {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  PodSpec spec;
  PodStatus status;
  bool operator==(const Pod&) const = default;
};
HERD_SCHEMA(Pod,
  field("apiVersion", &Pod::api_version),
  field("kind", &Pod::kind),
  field("metadata", &Pod::metadata),
  field("spec", &Pod::spec),
  field("status", &Pod::status));

/// The pod a workload controller stamps out.
struct PodTemplateSpec {
  ObjectMeta metadata;
  PodSpec spec;
  bool operator==(const PodTemplateSpec&) const = default;
};
HERD_SCHEMA(PodTemplateSpec,
  field("metadata", &PodTemplateSpec::metadata),
  field("spec", &PodTemplateSpec::spec));

}  // namespace herd::api
