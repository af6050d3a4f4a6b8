#include "openapi/openapi_names.hpp"

#include <span>
#include <utility>

namespace herd::server::openapi {
namespace {

constexpr std::string_view kCore = "io.k8s.api.core.v1";
constexpr std::string_view kApps = "io.k8s.api.apps.v1";
constexpr std::string_view kBatch = "io.k8s.api.batch.v1";
constexpr std::string_view kNetworking = "io.k8s.api.networking.v1";
constexpr std::string_view kRbac = "io.k8s.api.rbac.v1";

// Structs herd shares where Kubernetes has a type per use. The first line
// that matches wins; "" matches anything.
struct ContextRule {
  std::string_view type;
  std::string_view kind;
  std::string_view owner;
  std::string_view field;
  std::string_view package;
  std::string_view name;
};
constexpr ContextRule kContextRules[] = {
    {"ReplicaStatus", "ReplicaSet", "", "", kApps, "ReplicaSetStatus"},
    {"ReplicaStatus", "ReplicationController", "", "", kCore, "ReplicationControllerStatus"},
    {"Condition", "", "PodStatus", "", kCore, "PodCondition"},
    {"Condition", "", "NamespaceStatus", "", kCore, "NamespaceCondition"},
    {"Condition", "", "DeploymentStatus", "", kApps, "DeploymentCondition"},
    {"Condition", "", "JobStatus", "", kBatch, "JobCondition"},
    {"Condition", "ReplicaSet", "ReplicaStatus", "", kApps, "ReplicaSetCondition"},
    {"Condition", "ReplicationController", "ReplicaStatus", "", kCore, "ReplicationControllerCondition"},
    {"KeySelector", "", "EnvVarSource", "configMapKeyRef", kCore, "ConfigMapKeySelector"},
    {"KeySelector", "", "EnvVarSource", "secretKeyRef", kCore, "SecretKeySelector"},
    {"EnvSourceRef", "", "EnvFromSource", "configMapRef", kCore, "ConfigMapEnvSource"},
    {"EnvSourceRef", "", "EnvFromSource", "secretRef", kCore, "SecretEnvSource"},
    {"PodIp", "", "PodStatus", "podIPs", kCore, "PodIP"},
    {"PodIp", "", "PodStatus", "hostIPs", kCore, "HostIP"},
    {"LoadBalancerStatus", "Service", "", "", kCore, "LoadBalancerStatus"},
    {"LoadBalancerStatus", "Ingress", "", "", kNetworking, "IngressLoadBalancerStatus"},
    {"LoadBalancerIngress", "Service", "", "", kCore, "LoadBalancerIngress"},
    {"LoadBalancerIngress", "Ingress", "", "", kNetworking, "IngressLoadBalancerIngress"},
    {"PortStatus", "Service", "", "", kCore, "PortStatus"},
    {"PortStatus", "Ingress", "", "", kNetworking, "IngressPortStatus"},
};

// Every other struct, by the Go package that declares its Kubernetes type.
constexpr std::string_view kMetaTypes[] = {"ObjectMeta", "OwnerReference", "LabelSelector",
                                           "LabelSelectorRequirement"};
constexpr std::string_view kAppsTypes[] = {"ReplicaSet",         "ReplicaSetSpec",   "Deployment",
                                           "DeploymentSpec",     "DeploymentStatus", "DeploymentStrategy",
                                           "RollingUpdateDeployment"};
constexpr std::string_view kBatchTypes[] = {"Job",     "JobSpec",     "JobStatus",     "UncountedTerminatedPods",
                                            "CronJob", "CronJobSpec", "CronJobStatus", "JobTemplateSpec"};
constexpr std::string_view kNetworkingTypes[] = {
    "NetworkPolicy", "NetworkPolicySpec", "NetworkPolicyIngressRule", "NetworkPolicyEgressRule",
    "NetworkPolicyPeer", "NetworkPolicyPort", "IpBlock", "Ingress", "IngressSpec", "IngressStatus",
    "IngressRule", "IngressTls", "IngressBackend", "IngressServiceBackend", "ServiceBackendPort",
    "HttpIngressPath", "HttpIngressRuleValue"};
constexpr std::string_view kRbacTypes[] = {"Role",       "ClusterRole",     "RoleBinding", "ClusterRoleBinding",
                                           "PolicyRule", "AggregationRule", "Subject",     "RoleRef"};
constexpr std::string_view kCoreTypes[] = {
    // Pods and containers.
    "Pod", "PodSpec", "PodStatus", "PodTemplateSpec", "PodSecurityContext", "Toleration", "Container",
    "ContainerPort", "ContainerState", "ContainerStateRunning", "ContainerStateTerminated",
    "ContainerStateWaiting", "ContainerStatus", "ObjectFieldSelector", "ResourceFieldSelector", "EnvVar",
    "EnvVarSource", "EnvFromSource", "ResourceRequirements", "VolumeMount", "ExecAction", "HttpHeader",
    "HttpGetAction", "TcpSocketAction", "GrpcAction", "Probe", "SleepAction", "LifecycleHandler", "Lifecycle",
    "Capabilities", "SecurityContext", "LocalObjectReference",
    // Volumes.
    "Volume", "EmptyDirVolumeSource", "HostPathVolumeSource", "KeyToPath", "ConfigMapVolumeSource",
    "SecretVolumeSource", "NfsVolumeSource", "PersistentVolumeClaimVolumeSource",
    // The other core kinds and their parts.
    "ReplicationController", "ReplicationControllerSpec", "Service", "ServiceSpec", "ServicePort",
    "ServiceStatus", "SessionAffinityConfig", "ClientIpConfig", "Endpoints", "EndpointSubset",
    "EndpointAddress", "EndpointPort", "ConfigMap", "Secret", "Namespace", "NamespaceSpec", "NamespaceStatus",
    "Node", "NodeSpec", "NodeStatus", "NodeCondition", "NodeAddress", "NodeSystemInfo", "Taint", "Event",
    "EventSource", "EventSeries", "ObjectReference", "TypedLocalObjectReference"};

struct Package {
  std::string_view prefix;
  std::span<const std::string_view> types;
};
constexpr Package kPackages[] = {{kMetaPackage, kMetaTypes}, {kApps, kAppsTypes},
                                 {kBatch, kBatchTypes},      {kNetworking, kNetworkingTypes},
                                 {kRbac, kRbacTypes},        {kCore, kCoreTypes}};

// Where Go capitalises an initialism that herd's C++ names do not.
constexpr std::pair<std::string_view, std::string_view> kGoNames[] = {
    {"IpBlock", "IPBlock"},
    {"IngressTls", "IngressTLS"},
    {"HttpIngressPath", "HTTPIngressPath"},
    {"HttpIngressRuleValue", "HTTPIngressRuleValue"},
    {"HttpHeader", "HTTPHeader"},
    {"HttpGetAction", "HTTPGetAction"},
    {"TcpSocketAction", "TCPSocketAction"},
    {"GrpcAction", "GRPCAction"},
    {"NfsVolumeSource", "NFSVolumeSource"},
    {"ClientIpConfig", "ClientIPConfig"},
};

bool matches(std::string_view pattern, std::string_view value) { return pattern.empty() || pattern == value; }

std::string join(std::string_view package, std::string_view name) {
  std::string out(package);
  out += '.';
  out += name;
  return out;
}

std::string_view go_name(std::string_view type) {
  for (const auto& [herd_name, go] : kGoNames) {
    if (herd_name == type) return go;
  }
  return type;
}

}  // namespace

std::string schema_name(std::string_view type, const NameContext& where) {
  for (const ContextRule& rule : kContextRules) {
    if (rule.type == type && matches(rule.kind, where.kind) && matches(rule.owner, where.owner) &&
        matches(rule.field, where.field)) {
      return join(rule.package, rule.name);
    }
  }
  for (const Package& package : kPackages) {
    for (std::string_view t : package.types) {
      if (t == type) return join(package.prefix, go_name(type));
    }
  }
  return "";
}

}  // namespace herd::server::openapi
