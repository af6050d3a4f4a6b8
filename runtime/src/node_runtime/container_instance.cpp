#include "node_runtime/container_instance.hpp"

#include <csignal>

#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <utility>

#include "image/sha256.hpp"
#include "node_runtime/best_effort.hpp"

namespace herd::runtime {
namespace {

// How long remove_instance waits for a killed task to be reaped.
constexpr std::chrono::seconds kKillWait{10};

// "oom_kill N" of a cgroup's memory file; 0 when absent.
int64_t oom_kills(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string key;
  int64_t value = 0;
  while (in >> key >> value) {
    if (key == "oom_kill") return value;
  }
  return 0;
}

}  // namespace

std::string instance_id(std::string_view pod_uid, std::string_view container, int restart) {
  std::string seed;
  seed.append(pod_uid).append("/").append(container).append("/").append(std::to_string(restart));
  return image::sha256_digest(seed).substr(std::string_view("sha256:").size());
}

std::string instance_cgroups_path(std::string_view pod_uid, std::string_view id) {
  return "/herd/pod" + std::string(pod_uid) + "/" + std::string(id);
}

Status create_instance(containerd::ContainerdClient& client, const InstanceSpec& spec) {
  best_effort(remove_instance(client, spec.id), "removing the left-overs of " + spec.id);
  Result<std::vector<containerd::Mount>> rootfs = client.prepare_snapshot(spec.id, spec.parent_snapshot);
  if (!rootfs.ok()) return rootfs.status();
  containerd::Container c;
  c.id = spec.id;
  c.image = spec.image;
  c.oci_spec_json = spec.oci_spec_json;
  c.snapshot_key = spec.id;
  c.labels = spec.labels;
  if (Result<containerd::Container> made = client.create_container(c); !made.ok()) {
    best_effort(client.remove_snapshot(spec.id), "removing snapshot " + spec.id);
    return made.status();
  }
  containerd::CreateTaskRequest task;
  task.container_id = spec.id;
  task.rootfs = *rootfs;
  task.io.stdout_uri = spec.log_uri;
  task.io.stderr_uri = spec.log_uri;
  if (Result<uint32_t> pid = client.create_task(task); !pid.ok()) {
    best_effort(remove_instance(client, spec.id), "removing " + spec.id);
    return pid.status();
  }
  return Status();
}

Status remove_instance(containerd::ContainerdClient& client, const std::string& id) {
  Status first;
  auto note = [&first](Status s) {
    if (!s.ok() && s.code() != StatusCode::kNotFound && first.ok()) first = s;
    best_effort(s, "removing container instance");
  };
  Result<containerd::ProcessInfo> task = client.get_task(id);
  if (task.ok()) {
    if (task->status != containerd::ProcessStatus::kStopped) {
      note(client.kill_task(id, SIGKILL, true));
      note(client.wait_task(id, "", kKillWait).status());
    }
    note(client.delete_task(id).status());
  } else {
    note(task.status());
  }
  note(client.delete_container(id));
  note(client.remove_snapshot(id));
  return first;
}

bool cgroup_oom_killed(std::string_view cgroups_path, std::string_view cgroup_root) {
  std::filesystem::path root(cgroup_root);
  std::string relative(cgroups_path.substr(cgroups_path.starts_with('/') ? 1 : 0));
  return oom_kills(root / "memory" / relative / "memory.oom_control") > 0 ||
         oom_kills(root / relative / "memory.events") > 0 ||
         oom_kills(root / "unified" / relative / "memory.events") > 0;
}

void remove_pod_cgroups(std::string_view pod_uid, std::string_view cgroup_root) {
  std::filesystem::path root(cgroup_root);
  std::string pod = "herd/pod" + std::string(pod_uid);
  std::error_code ec;
  // cgroup directories go with rmdir(2) only (their files cannot be unlinked).
  std::filesystem::remove(root / pod, ec);
  for (const auto& hierarchy : std::filesystem::directory_iterator(root, ec)) {
    std::error_code ignored;
    std::filesystem::remove(hierarchy.path() / pod, ignored);
  }
}

int stop_signal_number(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, int>, 10> kSignals{{
      {"TERM", SIGTERM}, {"KILL", SIGKILL}, {"QUIT", SIGQUIT}, {"INT", SIGINT}, {"HUP", SIGHUP},
      {"USR1", SIGUSR1}, {"USR2", SIGUSR2}, {"WINCH", SIGWINCH}, {"STOP", SIGSTOP}, {"PWR", SIGPWR},
  }};
  if (name.starts_with("SIG")) name.remove_prefix(3);
  int number = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), number);
  if (ec == std::errc() && end == name.data() + name.size() && number > 0 && number < 65) return number;
  for (const auto& [n, s] : kSignals) {
    if (n == name) return s;
  }
  return SIGTERM;
}

}  // namespace herd::runtime
