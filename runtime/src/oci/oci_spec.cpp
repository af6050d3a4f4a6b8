// build_oci_spec (herd/runtime/oci_spec.hpp). The document, runtime-spec
// 1.0.2 (config.md, config-linux.md), of which herd writes:
//
//   { "ociVersion": "1.0.2",
//     "process": { "terminal", "user": {"uid", "gid", "additionalGids"?}, "args", "env",
//                  "cwd", "capabilities": {"bounding", "effective", "permitted"},
//                  "rlimits": [{"type", "hard", "soft"}], "noNewPrivileges" },
//     "root": {"path": "rootfs", "readonly"}, "hostname",
//     "mounts": [{"destination", "type", "source", "options"}],
//     "linux": { "namespaces": [{"type", "path"?}], "cgroupsPath"?, "rootfsPropagation"?,
//                "resources": {"devices", "memory"?: {"limit"}, "cpu": {"shares", "quota"?,
//                              "period"?}, "pids"?: {"limit"}},
//                "maskedPaths", "readonlyPaths" } }
//
// Not written, as containerd's CRI plugin leaves them out for a Kubernetes
// container by default: seccomp (Kubernetes' default is Unconfined), AppArmor,
// SELinux labels, ambient and inheritable capabilities.

#include "herd/runtime/oci_spec.hpp"

#include "herd/api/codec.hpp"
#include "oci/capabilities.hpp"
#include "oci/linux_resources.hpp"
#include "oci/process_user.hpp"
#include "oci/spec_mounts.hpp"

namespace herd::runtime {
namespace {

using api::Value;

constexpr std::string_view kOciVersion = "1.0.2";

Value string_array(const std::vector<std::string>& items) {
  Value out = Value::array();
  for (const std::string& item : items) {
    out.push_back(Value::string(item));
  }
  return out;
}

bool privileged(const api::Container& container) {
  return container.security_context && container.security_context->privileged.value_or(false);
}

// The kubelet's AddNoNewPrivileges: only an explicit allowPrivilegeEscalation: false.
bool no_new_privileges(const api::Container& container) {
  return container.security_context &&
         container.security_context->allow_privilege_escalation == std::optional<bool>(false);
}

Value process_section(const api::Container& container, const ImageConfig& image,
                      const OciSpecInput& in, const oci::ProcessUser& user) {
  Value user_value = Value::object();
  user_value.set("uid", Value::integer(user.uid));
  user_value.set("gid", Value::integer(user.gid));
  if (!user.additional_gids.empty()) {
    Value gids = Value::array();
    for (uint32_t gid : user.additional_gids) {
      gids.push_back(Value::integer(gid));
    }
    user_value.set("additionalGids", std::move(gids));
  }
  const std::vector<std::string> caps = oci::container_capabilities(container);
  Value capabilities = Value::object();
  for (const char* set : {"bounding", "effective", "permitted"}) {
    capabilities.set(set, string_array(caps));
  }
  Value nofile = Value::object();
  nofile.set("type", Value::string("RLIMIT_NOFILE"));
  nofile.set("hard", Value::integer(1024));
  nofile.set("soft", Value::integer(1024));

  std::string cwd = container.working_dir;
  if (cwd.empty()) {
    cwd = image.working_dir.empty() ? "/" : image.working_dir;
  }
  Value process = Value::object();
  process.set("terminal", Value::boolean(false));
  process.set("user", std::move(user_value));
  process.set("args", string_array(in.args));
  process.set("env", string_array(in.env));
  process.set("cwd", Value::string(cwd));
  process.set("capabilities", std::move(capabilities));
  process.set("rlimits", Value::array({std::move(nofile)}));
  process.set("noNewPrivileges", Value::boolean(no_new_privileges(container)));
  return process;
}

Value device_rule(bool allow, const char* type, int64_t major, int64_t minor) {
  Value rule = Value::object();
  rule.set("allow", Value::boolean(allow));
  if (type != nullptr) {
    rule.set("type", Value::string(type));
    rule.set("major", Value::integer(major));
    if (minor >= 0) {
      rule.set("minor", Value::integer(minor));
    }
  }
  rule.set("access", Value::string("rwm"));
  return rule;
}

// containerd's default device cgroup: deny everything, then allow the
// devices every container may use (oci.WithDefaultUnixDevices).
Value device_rules(bool privileged) {
  if (privileged) {
    return Value::array({device_rule(true, nullptr, 0, 0)});
  }
  struct Device {
    int64_t major;
    int64_t minor;  // -1: any
  };
  constexpr Device kAllowed[] = {
      {1, 3},     // /dev/null
      {1, 8},     // /dev/random
      {1, 7},     // /dev/full
      {5, 0},     // /dev/tty
      {1, 5},     // /dev/zero
      {1, 9},     // /dev/urandom
      {5, 1},     // /dev/console
      {136, -1},  // /dev/pts/*
      {5, 2},     // /dev/ptmx
      {10, 200},  // /dev/net/tun
  };
  Value rules = Value::array({device_rule(false, nullptr, 0, 0)});
  for (const Device& device : kAllowed) {
    rules.push_back(device_rule(true, "c", device.major, device.minor));
  }
  return rules;
}

Value resources_section(const api::Container& container, const OciSpecInput& in) {
  const oci::CpuMemoryLimits limits = oci::cpu_memory_limits(container.resources);
  Value resources = Value::object();
  resources.set("devices", device_rules(privileged(container)));
  if (limits.memory_limit_bytes.has_value()) {
    Value memory = Value::object();
    memory.set("limit", Value::integer(*limits.memory_limit_bytes));
    resources.set("memory", std::move(memory));
  }
  Value cpu = Value::object();
  cpu.set("shares", Value::integer(limits.cpu_shares));
  if (limits.cpu_quota_micros.has_value()) {
    cpu.set("quota", Value::integer(*limits.cpu_quota_micros));
    cpu.set("period", Value::integer(*limits.cpu_period_micros));
  }
  resources.set("cpu", std::move(cpu));
  if (in.pids_limit.has_value()) {
    Value pids = Value::object();
    pids.set("limit", Value::integer(*in.pids_limit));
    resources.set("pids", std::move(pids));
  }
  return resources;
}

Result<Value> namespaces(const api::PodSpec& spec, const OciSpecInput& in) {
  if (spec.host_network != in.netns_path.empty()) {
    return Status::invalid_argument(
        spec.host_network ? "a hostNetwork pod has no network namespace path"
                          : "no network namespace path for a pod without hostNetwork");
  }
  if (!spec.host_network && !in.netns_path.starts_with('/')) {
    return Status::invalid_argument("network namespace path " + in.netns_path + " is not absolute");
  }
  Value out = Value::array();
  auto add = [&](const char* type, const std::string& path) {
    Value ns = Value::object();
    ns.set("type", Value::string(type));
    if (!path.empty()) {
      ns.set("path", Value::string(path));
    }
    out.push_back(std::move(ns));
  };
  if (!spec.host_pid) {
    add("pid", "");
  }
  if (!spec.host_ipc) {
    add("ipc", "");
  }
  if (!spec.host_network) {
    add("uts", "");
  }
  add("mount", "");
  if (!spec.host_network) {
    add("network", in.netns_path);
  }
  return out;
}

// containerd's defaults (oci.populateDefaultUnixSpec).
Value masked_paths() {
  return string_array({"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
                       "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
                       "/proc/sched_debug", "/sys/firmware", "/proc/scsi"});
}
Value readonly_paths() {
  return string_array({"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"});
}

Value mounts_section(const std::vector<oci::SpecMount>& mounts) {
  Value out = Value::array();
  for (const oci::SpecMount& mount : mounts) {
    Value m = Value::object();
    m.set("destination", Value::string(mount.destination));
    m.set("type", Value::string(mount.type));
    m.set("source", Value::string(mount.source));
    m.set("options", string_array(mount.options));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

Result<std::string> build_oci_spec(const api::Pod& pod, const api::Container& container,
                                   const ImageConfig& image, const OciSpecInput& in) {
  if (in.args.empty()) {
    return Status::invalid_argument("no command specified");
  }
  const bool is_privileged = privileged(container);
  const bool read_only_root = container.security_context &&
                              container.security_context->read_only_root_filesystem.value_or(false);
  HERD_ASSIGN_OR_RETURN(oci::ProcessUser user,
                        oci::process_user(pod, container, image.user, in.etc_passwd, in.etc_group));
  HERD_ASSIGN_OR_RETURN(oci::SpecMounts mounts,
                        oci::spec_mounts(in, is_privileged, read_only_root));
  HERD_ASSIGN_OR_RETURN(Value linux_namespaces, namespaces(pod.spec, in));

  Value root = Value::object();
  root.set("path", Value::string("rootfs"));
  root.set("readonly", Value::boolean(read_only_root));

  Value linux_section = Value::object();
  linux_section.set("namespaces", std::move(linux_namespaces));
  if (!in.cgroups_path.empty()) {
    linux_section.set("cgroupsPath", Value::string(in.cgroups_path));
  }
  if (!mounts.rootfs_propagation.empty()) {
    linux_section.set("rootfsPropagation", Value::string(mounts.rootfs_propagation));
  }
  linux_section.set("resources", resources_section(container, in));
  linux_section.set("maskedPaths", is_privileged ? Value::array() : masked_paths());
  linux_section.set("readonlyPaths", is_privileged ? Value::array() : readonly_paths());

  Value spec = Value::object();
  spec.set("ociVersion", Value::string(std::string(kOciVersion)));
  spec.set("process", process_section(container, image, in, user));
  spec.set("root", std::move(root));
  if (!pod.spec.host_network) {  // a hostNetwork pod keeps the node's UTS namespace and name
    spec.set("hostname", Value::string(in.hostname.empty() ? pod_hostname(pod) : in.hostname));
  }
  spec.set("mounts", mounts_section(mounts.mounts));
  spec.set("linux", std::move(linux_section));
  return api::to_json(spec);
}

}  // namespace herd::runtime
