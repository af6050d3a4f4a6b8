#pragma once

// The downward API for environment variables: the values of env[].valueFrom
// fieldRef and resourceFieldRef, as the kubelet computes them
// (podFieldSelectorRuntimeValue, containerResourceRuntimeValue). Pure.

#include <string>
#include <vector>

#include "herd/api/pod.hpp"
#include "herd/base/result.hpp"
#include "herd/runtime/container_env.hpp"

namespace herd::runtime::oci {

/// The value of `selector` for `pod`: metadata.name, metadata.namespace,
/// metadata.uid, metadata.labels['k'], metadata.annotations['k'] (empty when
/// the key is absent), spec.nodeName, spec.serviceAccountName, status.podIP
/// (the first of `where.pod_ips`), status.podIPs (all, joined by ","),
/// status.hostIP and status.hostIPs (`where.host_ip`).
/// Returns kInvalidArgument "unsupported pod version: v2" for an apiVersion
/// other than v1 (or empty), "field label not supported: spec.foo" for any
/// other path, with the kubelet's wording.
Result<std::string> pod_field_value(const api::ObjectFieldSelector& selector, const api::Pod& pod,
                                    const PodEnvContext& where);

/// The value of `selector` for `container` of `pod`: limits.cpu,
/// requests.cpu (in units of the divisor, default 1, rounded up: 500m with
/// divisor 1 is "1"), limits.memory, requests.memory (bytes over the
/// divisor, rounded up), limits/requests.ephemeral-storage likewise. A limit
/// the container does not set is the node's allocatable amount
/// (`where.node_allocatable`), as the kubelet defaults it; a missing request
/// is 0. A selector naming another container (`containerName`) reads that
/// container of the pod.
/// Returns kInvalidArgument "unsupported container resource : limits.gpu"
/// or "container sidecar not found" with the kubelet's wording.
Result<std::string> resource_field_value(const api::ResourceFieldSelector& selector,
                                         const api::Pod& pod, const api::Container& container,
                                         const PodEnvContext& where);

}  // namespace herd::runtime::oci
