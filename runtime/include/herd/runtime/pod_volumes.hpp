#pragma once

// PodVolumes: makes the volumes a pod declares real on this node, the way the
// kubelet does, and tells the runtime what each container binds from them.
// The node actor calls setup() before it creates the pod's sandbox, asks
// container_mounts() for each container it creates, calls update() when a
// ConfigMap or Secret the pod uses changes, and teardown() once the pod's
// last container is gone.
//
//   setup(pod)            ─► every volume prepared under <pods_dir>/<uid>/volumes/
//   container_mounts(...) ─► {destination, source, read_only} per volumeMount
//   update(pod)           ─► configMap and secret volumes rewritten from fresh data
//   teardown(uid)         ─► tmpfs mounts unmounted, the pod's volume directories removed
//   list()                ─► the pods whose volume directories exist (adoption after a restart)
//
// Layout (the kubelet's, with shorter plugin names):
//   <pods_dir>/<uid>/volumes/            0750
//     empty-dir/<volume>/                0777; a tmpfs (mode 0777) when medium is "Memory"
//     configmap/<volume>/                0755; files as below
//     secret/                            0700: no one but root reaches a secret on the host
//     secret/<volume>/                   a tmpfs (mode 0755, never on disk); files as below
// hostPath volumes have no directory here: containers bind the host path.
//
// ConfigMap and Secret files are written as the kubelet's AtomicWriter writes
// them, so a reader sees all old files or all new ones, never a mix:
//   <volume>/..2026_01_02_15_04_05.AbCdEf/<path>  the files, each with its mode
//   <volume>/..data -> ..2026_01_02_15_04_05.AbCdEf  replaced with rename(2)
//   <volume>/<first path component> -> ..data/<first path component>
// Files are rewritten only when their contents or modes change.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/pod.hpp"
#include "herd/base/result.hpp"
#include "herd/runtime/config_source.hpp"

namespace herd::runtime {

/// The reason for a failed setup() (the kubelet's event reason for a volume
/// that cannot be mounted). While setup() fails, the pod's containers wait in
/// ContainerCreating and the pod shows this reason with the Status message,
/// e.g. `MountVolume.SetUp failed for volume "config" : configmap "app-config" not found`;
/// the caller retries setup() later.
inline constexpr std::string_view kFailedMount = "FailedMount";

/// One bind mount of a container, for its OCI spec.
struct ContainerMount {
  std::string destination;  ///< volumeMount.mountPath: absolute, inside the container.
  /// Absolute host path: the volume's directory, the hostPath's path, or the
  /// subPath inside either with every symlink resolved.
  std::string source;
  /// volumeMount.readOnly; always true for configMap and secret volumes.
  bool read_only = false;
  /// volumeMount.mountPropagation as written: "", "None", "HostToContainer"
  /// or "Bidirectional".
  std::string propagation;
  bool operator==(const ContainerMount&) const = default;
};

/// A pod whose volume directory exists on the node (list()).
struct ExistingPodVolumes {
  std::string uid;
  std::string dir;  ///< <pods_dir>/<uid>/volumes
  bool operator==(const ExistingPodVolumes&) const = default;
};

/// Thread-safe for different pods; calls for one pod must not overlap.
/// setup(), update() and teardown() need root (CAP_SYS_ADMIN) for a pod with
/// secret or Memory emptyDir volumes (tmpfs mounts); the rest works without.
class PodVolumes {
 public:
  virtual ~PodVolumes() = default;

  /// Prepares every volume of `pod` (metadata.uid names its directory; an
  /// empty metadata.namespace is "default"), in declaration order:
  ///  - emptyDir: a directory, kept across calls (its contents survive);
  ///    medium "Memory" mounts a tmpfs there, `size=` sizeLimit when set.
  ///  - hostPath: checks `type` as the kubelet does ("" checks nothing;
  ///    DirectoryOrCreate and FileOrCreate create the path, 0755 and 0644;
  ///    Directory, File, Socket, CharDevice, BlockDevice must exist as such).
  ///  - configMap, secret: reads the object from the ConfigSource and writes
  ///    one file per key of data (and of a ConfigMap's binaryData), or only
  ///    the `items`, at their `path`s (nested directories allowed). Modes are
  ///    the item's mode, else defaultMode, else 0644. A missing object or
  ///    item key is an error unless `optional`: then the volume has no files
  ///    (no file for that item).
  /// Safe to call again: what exists is kept, ConfigMap/Secret files are
  /// refreshed, nothing is mounted twice. On failure what was prepared stays
  /// (call again or teardown()). Errors are shown as kFailedMount; each
  /// message starts `MountVolume.SetUp failed for volume "<name>" : `:
  ///  - kNotFound: `configmap "<name>" not found` / `secret "<name>" not
  ///    found`, `configmap references non-existent config key: <key>` /
  ///    `secret references non-existent secret key: <key>`, and a hostPath
  ///    that does not exist: `hostPath type check failed: <path> is not a
  ///    directory` (file, socket file, character device, block device);
  ///  - kInvalidArgument: a hostPath of the wrong type (same message), an
  ///    item path that is absolute or has a ".." component (`invalid path:
  ///    ...`), a mode above 0777, a volume without a source, an invalid uid;
  ///  - kUnimplemented: nfs and persistentVolumeClaim volumes
  ///    (`nfs volumes are not supported on this node`);
  ///  - the ConfigSource's code for its other errors; kUnavailable when the
  ///    file system or mount(2) fails.
  virtual Status setup(const api::Pod& pod) = 0;

  /// Rewrites the pod's configMap and secret volumes from what the
  /// ConfigSource has now (the kubelet's periodic remount): a file changes
  /// atomically, a key gone from the object disappears, a new one appears.
  /// Other volumes, and configMap/secret volumes setup() has not made yet,
  /// are left alone. On error the old files stay; errors as for setup(), and
  /// kNotFound when the pod has no volume directory (never set up, or torn
  /// down: a late update never brings a pod's volumes back). Files bound
  /// into a container through a subPath are not updated (as in Kubernetes:
  /// the bind holds the old file).
  virtual Status update(const api::Pod& pod) = 0;

  /// The bind mounts for `container`'s volumeMounts, in their order.
  /// Requires: setup(pod) succeeded. A subPath is resolved inside the volume
  /// (created as a directory with the volume's mode when missing) and must
  /// stay inside it after symlinks are followed. Errors (shown as
  /// "CreateContainerConfigError", the kubelet's reason):
  ///  - kNotFound: `cannot find volume "<volume>" to mount into container
  ///    "<container>"`;
  ///  - kInvalidArgument: a mountPath that is not absolute, a subPath that is
  ///    absolute, has a ".." component or leads out of the volume (the
  ///    message names the mount and the container);
  ///  - kUnavailable when the file system fails.
  virtual Result<std::vector<ContainerMount>> container_mounts(const api::Pod& pod,
                                                               const api::Container& container) = 0;

  /// Unmounts every mount below <pods_dir>/<uid>/volumes, then removes that
  /// directory (and <pods_dir>/<uid> when nothing else is left in it).
  /// Symlinks are removed, never followed, and nothing on another file system
  /// is touched, so hostPath sources and whatever a volume links to survive.
  /// OK for a pod never set up or already torn down. kInvalidArgument for an
  /// invalid uid; kUnavailable when an unmount or a removal fails (what is
  /// still mounted is left in place; call again).
  virtual Status teardown(const std::string& pod_uid) = 0;

  /// Every pod with a volume directory, sorted by uid. kUnavailable when
  /// <pods_dir> cannot be read.
  virtual Result<std::vector<ExistingPodVolumes>> list() = 0;
};

struct PodVolumesConfig {
  /// The node's per-pod directories: <pods_dir>/<uid>/volumes/ is this
  /// component's; other components may keep their own files in <pods_dir>/<uid>/.
  std::string pods_dir = "/var/lib/herd/pods";
};

/// Opens the node's pod volumes, creating `config.pods_dir` (0750) when it is
/// missing. `configs` is borrowed: it must outlive the result and be safe to
/// call from whichever threads call the result. kInvalidArgument when
/// pods_dir is not absolute; kUnavailable when it cannot be created.
Result<std::unique_ptr<PodVolumes>> open_pod_volumes(const PodVolumesConfig& config,
                                                     const ConfigSource& configs);

}  // namespace herd::runtime
