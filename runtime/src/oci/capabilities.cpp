#include "oci/capabilities.hpp"

#include <algorithm>
#include <cctype>

namespace herd::runtime::oci {
namespace {

std::string cap_name(const std::string& kubernetes_name) {
  std::string upper = kubernetes_name;
  for (char& c : upper) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return upper.starts_with("CAP_") ? upper : "CAP_" + upper;
}

bool names_all(const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(),
                     [](const std::string& name) { return cap_name(name) == "CAP_ALL"; });
}

}  // namespace

const std::vector<std::string>& default_capabilities() {
  static const std::vector<std::string> caps{
      "CAP_CHOWN",   "CAP_DAC_OVERRIDE", "CAP_FSETID",           "CAP_FOWNER",
      "CAP_MKNOD",   "CAP_NET_RAW",      "CAP_SETGID",           "CAP_SETUID",
      "CAP_SETFCAP", "CAP_SETPCAP",      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
      "CAP_KILL",    "CAP_AUDIT_WRITE"};
  return caps;
}

const std::vector<std::string>& all_capabilities() {
  // In capability-number order, 0 to 40 (linux/capability.h).
  static const std::vector<std::string> caps{"CAP_CHOWN",
                                             "CAP_DAC_OVERRIDE",
                                             "CAP_DAC_READ_SEARCH",
                                             "CAP_FOWNER",
                                             "CAP_FSETID",
                                             "CAP_KILL",
                                             "CAP_SETGID",
                                             "CAP_SETUID",
                                             "CAP_SETPCAP",
                                             "CAP_LINUX_IMMUTABLE",
                                             "CAP_NET_BIND_SERVICE",
                                             "CAP_NET_BROADCAST",
                                             "CAP_NET_ADMIN",
                                             "CAP_NET_RAW",
                                             "CAP_IPC_LOCK",
                                             "CAP_IPC_OWNER",
                                             "CAP_SYS_MODULE",
                                             "CAP_SYS_RAWIO",
                                             "CAP_SYS_CHROOT",
                                             "CAP_SYS_PTRACE",
                                             "CAP_SYS_PACCT",
                                             "CAP_SYS_ADMIN",
                                             "CAP_SYS_BOOT",
                                             "CAP_SYS_NICE",
                                             "CAP_SYS_RESOURCE",
                                             "CAP_SYS_TIME",
                                             "CAP_SYS_TTY_CONFIG",
                                             "CAP_MKNOD",
                                             "CAP_LEASE",
                                             "CAP_AUDIT_WRITE",
                                             "CAP_AUDIT_CONTROL",
                                             "CAP_SETFCAP",
                                             "CAP_MAC_OVERRIDE",
                                             "CAP_MAC_ADMIN",
                                             "CAP_SYSLOG",
                                             "CAP_WAKE_ALARM",
                                             "CAP_BLOCK_SUSPEND",
                                             "CAP_AUDIT_READ",
                                             "CAP_PERFMON",
                                             "CAP_BPF",
                                             "CAP_CHECKPOINT_RESTORE"};
  return caps;
}

// containerd's customopts.WithCapabilities: ALL first, then names, drops last.
std::vector<std::string> container_capabilities(const api::Container& container) {
  const auto& sc = container.security_context;
  if (sc && sc->privileged.value_or(false)) {
    return all_capabilities();
  }
  std::vector<std::string> caps = default_capabilities();
  if (!sc || !sc->capabilities) {
    return caps;
  }
  const api::Capabilities& change = *sc->capabilities;
  if (names_all(change.add)) {
    caps = all_capabilities();
  }
  if (names_all(change.drop)) {
    caps.clear();
  }
  for (const std::string& name : change.add) {
    const std::string cap = cap_name(name);
    if (cap != "CAP_ALL" && std::find(caps.begin(), caps.end(), cap) == caps.end()) {
      caps.push_back(cap);
    }
  }
  for (const std::string& name : change.drop) {
    std::erase(caps, cap_name(name));
  }
  return caps;
}

}  // namespace herd::runtime::oci
