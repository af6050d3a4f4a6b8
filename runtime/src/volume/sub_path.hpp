#pragma once

// A volumeMount's subPath: the part of a volume a container binds. The
// kubelet's rules (pkg/volume/util/subpath): the subPath must stay inside the
// volume after every symlink is followed, so that a container cannot plant
// `ln -s / escape` in an emptyDir and have the node bind the host's root
// into the next container that mounts subPath "escape".

#include <string>

#include "herd/base/result.hpp"

namespace herd::runtime::volume {

/// The host path of `sub_path` inside the volume at `volume_dir`, with every
/// symlink resolved. Missing components are created one by one as
/// directories with the volume's own mode (as the kubelet does), each only
/// after its parent was found inside the volume. Errors:
///  - kInvalidArgument when `sub_path` is absolute or has a ".." component,
///    or leads out of the volume (`subPath "<p>" leads out of the volume`);
///  - kNotFound when `volume_dir` does not exist;
///  - kUnavailable when the file system fails.
/// Limitation: between this check and the runtime's bind mount a container
/// could swap a checked directory for a symlink (the kubelet closes that race
/// by binding through /proc/self/fd; herd does not yet).
Result<std::string> resolve_sub_path(const std::string& volume_dir, const std::string& sub_path);

}  // namespace herd::runtime::volume
