#pragma once

// One run of one container of a pod in containerd ("an instance": a restart
// makes a new one), from its OCI spec to its removal:
//
//   create_instance: snapshot <id> on the image's top layer ─► container <id>
//     (labels: pod uid and key, container name, restart count) ─► task <id>
//     with stdout and stderr to the log URI ─► (the caller waits) ─► start
//   remove_instance: SIGKILL if it still runs ─► task ─► container ─► snapshot
//
// The id is derived from the pod uid, the container's name and the restart
// count, so a step retried after a crash finds what it made before.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "herd/base/result.hpp"
#include "herd/runtime/containerd_client.hpp"

namespace herd::runtime {

/// 64 hex characters naming the instance `restart` of `container` in pod `pod_uid`.
std::string instance_id(std::string_view pod_uid, std::string_view container, int restart);

/// linux.cgroupsPath of an instance: "/herd/pod<uid>/<id>".
std::string instance_cgroups_path(std::string_view pod_uid, std::string_view id);

struct InstanceSpec {
  std::string id;
  std::string image;         ///< The normalised image name (informational in containerd).
  std::string oci_spec_json;
  std::string parent_snapshot;  ///< The image's top chainID ("" for an image without layers).
  std::map<std::string, std::string> labels;
  std::string log_uri;       ///< stdout and stderr (log_driver_uri()).
};

/// Makes snapshot, container and task; the task is created, not started.
/// Left-overs of an earlier attempt with the same id are removed first. On
/// failure what this call made is removed again; the Status names the step.
Status create_instance(containerd::ContainerdClient& client, const InstanceSpec& spec);

/// Removes the instance's task (killing it first if it runs), container and
/// snapshot. Each missing part is fine; other failures are logged, and the
/// first is returned after every step was tried.
Status remove_instance(containerd::ContainerdClient& client, const std::string& id);

/// Whether the kernel's OOM killer killed a process in the cgroup (v1 memory
/// controller's memory.oom_control or v2's memory.events, "oom_kill N" > 0).
/// Read it before the task is deleted: runc removes the cgroup then.
bool cgroup_oom_killed(std::string_view cgroups_path, std::string_view cgroup_root = "/sys/fs/cgroup");

/// Removes the pod's cgroup directories ("/herd/pod<uid>" under each
/// hierarchy) that runc leaves once its containers are gone. Best effort.
void remove_pod_cgroups(std::string_view pod_uid, std::string_view cgroup_root = "/sys/fs/cgroup");

/// The signal number of an image's StopSignal ("SIGQUIT", "QUIT", "3");
/// SIGTERM for "" or a name it does not know.
int stop_signal_number(std::string_view name);

}  // namespace herd::runtime
