#pragma once

// The files the kubelet writes for each pod and binds into its containers:
// /etc/hosts (localhost and the pod's own name and IP), /etc/hostname and
// /etc/resolv.conf (the node's, the kubelet's dnsPolicy Default: herd runs no
// cluster DNS). They live in <pods_dir>/<uid>/etc/ and go with the pod.

#include <filesystem>
#include <string>

#include "herd/base/result.hpp"

namespace herd::runtime {

struct PodFiles {
  std::string etc_hosts;
  std::string etc_hostname;
  std::string resolv_conf;
};

/// Writes the three files for a pod with `hostname` at `pod_ip` ("" when the
/// pod shares the node's network: then the node's /etc/hosts is used), copying
/// `node_resolv_conf` (an empty file when it cannot be read). kUnavailable
/// when the directory or a file cannot be written.
Result<PodFiles> write_pod_files(const std::filesystem::path& pod_dir, const std::string& hostname,
                                 const std::string& pod_ip,
                                 const std::filesystem::path& node_resolv_conf = "/etc/resolv.conf");

/// The /etc/hosts text of a pod (the kubelet's managed hosts file).
std::string pod_hosts_file(const std::string& hostname, const std::string& pod_ip);

}  // namespace herd::runtime
