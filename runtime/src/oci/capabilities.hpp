#pragma once

// A container's Linux capabilities, as containerd's CRI plugin sets them
// from the Kubernetes securityContext. Pure.

#include <string>
#include <vector>

#include "herd/api/container.hpp"

namespace herd::runtime::oci {

/// containerd's default set (oci.defaultUnixCaps), in its order:
/// CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FSETID, CAP_FOWNER, CAP_MKNOD,
/// CAP_NET_RAW, CAP_SETGID, CAP_SETUID, CAP_SETFCAP, CAP_SETPCAP,
/// CAP_NET_BIND_SERVICE, CAP_SYS_CHROOT, CAP_KILL, CAP_AUDIT_WRITE.
const std::vector<std::string>& default_capabilities();

/// Every capability Linux defines (CAP_CHOWN .. CAP_CHECKPOINT_RESTORE).
const std::vector<std::string>& all_capabilities();

/// The bounding = effective = permitted set of `container`: every
/// capability when privileged; else the defaults, then "ALL" in add (every
/// capability), then "ALL" in drop (none), then each named add, then each
/// named drop (so a name both added and dropped is dropped). Names are
/// Kubernetes' ("NET_ADMIN", any case; "CAP_NET_ADMIN" is taken too) and
/// come out as "CAP_NET_ADMIN"; unknown names are passed on (runc ignores
/// them with a warning).
std::vector<std::string> container_capabilities(const api::Container& container);

}  // namespace herd::runtime::oci
