#pragma once

// Which user a container's process runs as (process.user of the OCI spec):
// the kubelet's choice between securityContext and the image's User, its
// runAsNonRoot check, and containerd's resolution of names through the
// image's /etc/passwd and /etc/group. Pure.

#include <cstdint>
#include <string_view>
#include <vector>

#include "herd/api/pod.hpp"
#include "herd/base/result.hpp"

namespace herd::runtime::oci {

struct ProcessUser {
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::vector<uint32_t> additional_gids;  ///< Sorted, without duplicates.
  bool operator==(const ProcessUser&) const = default;
};

/// The user of `container` (of `pod`):
///  - user part: runAsUser (the container's securityContext over the pod's),
///    else the part of `image_user` before ':', else 0;
///  - group part: runAsGroup, else (only when runAsUser is not set) the part
///    of `image_user` after ':'. (The kubelet drops an image's group when it
///    passes the image's uid on; herd keeps it, as Docker and containerd do.)
///  - a name is looked up in `etc_passwd` / `etc_group` (the image's files'
///    text; empty: none); a user given without a group gets its passwd
///    entry's group, or 0 when it has no entry;
///  - additional_gids: the pod's supplementalGroups and fsGroup.
/// Returns kInvalidArgument with the kubelet's words when runAsNonRoot is
/// set and the user is (or may be) root; kNotFound "unable to find user
/// nginx: no matching entries in passwd file" (or "group ... group file");
/// kInvalidArgument for an id outside 0..4294967295.
Result<ProcessUser> process_user(const api::Pod& pod, const api::Container& container,
                                 std::string_view image_user, std::string_view etc_passwd,
                                 std::string_view etc_group);

}  // namespace herd::runtime::oci
