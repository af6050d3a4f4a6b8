#include "herd/runtime/pod_volumes.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <optional>

#include "volume/file_ops.hpp"
#include "volume/host_path.hpp"
#include "volume/mounts.hpp"
#include "volume/payload.hpp"
#include "volume/sub_path.hpp"
#include "volume/volume_path.hpp"

namespace herd::runtime {
namespace {

using volume::Payload;

// The directories below <pods_dir>/<uid>/volumes/, one per kind that has any.
constexpr const char* kEmptyDirPlugin = "empty-dir";
constexpr const char* kConfigMapPlugin = "configmap";
constexpr const char* kSecretPlugin = "secret";

// A pod dir is root's alone; secret/ hides the secret tmpfs mounts from
// everyone else on the host.
constexpr mode_t kPodDirMode = 0750;
constexpr mode_t kSecretPluginMode = 0700;
constexpr mode_t kEmptyDirMode = 0777;   // the kubelet's: any container user may write
constexpr mode_t kConfigDirMode = 0755;  // only herd writes; any container user reads

// How many times teardown() unmounts what is left (a point mounted over
// several times needs one unmount each).
constexpr int kUnmountRounds = 8;

std::string pod_namespace(const api::Pod& pod) {
  return pod.metadata.namespace_.empty() ? "default" : pod.metadata.namespace_;
}

Status mount_failed(const std::string& volume, const Status& status) {
  if (status.ok()) return status;
  return Status(status.code(),
                "MountVolume.SetUp failed for volume \"" + volume + "\" : " + status.message());
}

Status unsupported(const api::Volume& v) {
  const char* kind = v.nfs ? "nfs" : "persistentVolumeClaim";
  return Status::unimplemented(std::string(kind) + " volumes are not supported on this node");
}

// A directory, not a symlink to one.
bool is_dir(const std::string& path) {
  struct stat st {};
  return lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_config_volume(const api::Volume& v) {
  return v.config_map.has_value() || v.secret.has_value();
}

// The object a ConfigSource returned, nullopt when it does not exist.
template <class T>
Result<std::optional<T>> found(Result<T> object) {
  if (object.ok()) return std::optional<T>(std::move(object).value());
  if (object.status().code() == StatusCode::kNotFound) return std::optional<T>();
  return object.status();
}

// tmpfs options for an emptyDir with medium Memory.
std::string memory_options(const api::EmptyDirVolumeSource& source) {
  std::string options = "mode=0777";
  if (source.size_limit && source.size_limit->sign() > 0) {
    options += ",size=" + std::to_string(source.size_limit->value());
  }
  return options;
}

class LocalPodVolumes final : public PodVolumes {
 public:
  LocalPodVolumes(std::string pods_dir, const ConfigSource& configs)
      : pods_dir_(std::move(pods_dir)), configs_(configs) {}

  Status setup(const api::Pod& pod) override;
  Status update(const api::Pod& pod) override;
  Result<std::vector<ContainerMount>> container_mounts(const api::Pod& pod,
                                                       const api::Container& container) override;
  Status teardown(const std::string& pod_uid) override;
  Result<std::vector<ExistingPodVolumes>> list() override;

 private:
  std::string pod_dir(const std::string& uid) const { return pods_dir_ + "/" + uid; }
  std::string volumes_dir(const std::string& uid) const { return pod_dir(uid) + "/volumes"; }
  std::string plugin_dir(const std::string& uid, const char* plugin) const {
    return volumes_dir(uid) + "/" + plugin;
  }
  // Where `v` is on the host; kUnimplemented for the kinds herd lacks.
  Result<std::string> volume_source(const std::string& uid, const api::Volume& v) const;

  Status set_up_volume(const api::Pod& pod, const api::Volume& v);
  Status set_up_empty_dir(const std::string& uid, const api::Volume& v);
  // The files a configMap or secret volume holds by what the ConfigSource has now.
  Result<Payload> current_payload(const api::Pod& pod, const api::Volume& v) const;
  Status set_up_config_volume(const api::Pod& pod, const api::Volume& v);
  // Creates the plugin directory and the volume's own, returns the latter.
  Result<std::string> make_volume_dir(const std::string& uid, const char* plugin,
                                      mode_t plugin_mode, const std::string& name, mode_t mode);

  const std::string pods_dir_;  // absolute, symlinks resolved: mountinfo shows real paths
  const ConfigSource& configs_;
};

Result<std::string> LocalPodVolumes::volume_source(const std::string& uid,
                                                   const api::Volume& v) const {
  if (v.host_path) return v.host_path->path;
  if (v.empty_dir) return plugin_dir(uid, kEmptyDirPlugin) + "/" + v.name;
  if (v.config_map) return plugin_dir(uid, kConfigMapPlugin) + "/" + v.name;
  if (v.secret) return plugin_dir(uid, kSecretPlugin) + "/" + v.name;
  if (v.nfs || v.persistent_volume_claim) return unsupported(v);
  return Status::invalid_argument("volume \"" + v.name +
                                  "\" has no source (emptyDir, hostPath, ...)");
}

Status LocalPodVolumes::setup(const api::Pod& pod) {
  const std::string& uid = pod.metadata.uid;
  HERD_RETURN_IF_ERROR(volume::check_dir_name("pod uid", uid));
  HERD_RETURN_IF_ERROR(volume::make_dir(pod_dir(uid), kPodDirMode));
  HERD_RETURN_IF_ERROR(volume::make_dir(volumes_dir(uid), kPodDirMode));
  for (const api::Volume& v : pod.spec.volumes) {
    HERD_RETURN_IF_ERROR(mount_failed(v.name, set_up_volume(pod, v)));
  }
  return Status();
}

Status LocalPodVolumes::update(const api::Pod& pod) {
  const std::string& uid = pod.metadata.uid;
  HERD_RETURN_IF_ERROR(volume::check_dir_name("pod uid", uid));
  // A late update must not bring back (and mount) what teardown() removed.
  if (!is_dir(volumes_dir(uid))) return Status::not_found("pod " + uid + " has no volumes set up");
  for (const api::Volume& v : pod.spec.volumes) {
    if (!is_config_volume(v)) continue;
    HERD_RETURN_IF_ERROR(volume::check_dir_name("volume name", v.name));
    HERD_ASSIGN_OR_RETURN(std::string dir, volume_source(uid, v));
    if (!is_dir(dir)) continue;  // never set up: setup()'s retry makes it
    HERD_RETURN_IF_ERROR(mount_failed(v.name, set_up_config_volume(pod, v)));
  }
  return Status();
}

Status LocalPodVolumes::set_up_volume(const api::Pod& pod, const api::Volume& v) {
  HERD_RETURN_IF_ERROR(volume::check_dir_name("volume name", v.name));
  if (v.empty_dir) return set_up_empty_dir(pod.metadata.uid, v);
  if (v.host_path) return volume::prepare_host_path(*v.host_path);
  if (is_config_volume(v)) return set_up_config_volume(pod, v);
  return volume_source(pod.metadata.uid, v).status();
}

Result<std::string> LocalPodVolumes::make_volume_dir(const std::string& uid, const char* plugin,
                                                     mode_t plugin_mode, const std::string& name,
                                                     mode_t mode) {
  HERD_RETURN_IF_ERROR(volume::make_dir(plugin_dir(uid, plugin), plugin_mode));
  const std::string dir = plugin_dir(uid, plugin) + "/" + name;
  HERD_RETURN_IF_ERROR(volume::make_dir(dir, mode));
  return dir;
}

Status LocalPodVolumes::set_up_empty_dir(const std::string& uid, const api::Volume& v) {
  const std::string& medium = v.empty_dir->medium;
  if (!medium.empty() && medium != "Memory") {
    return Status::unimplemented("emptyDir medium \"" + medium +
                                 "\" is not supported on this node");
  }
  HERD_ASSIGN_OR_RETURN(std::string dir,
                        make_volume_dir(uid, kEmptyDirPlugin, kPodDirMode, v.name, kEmptyDirMode));
  if (medium == "Memory") return volume::mount_tmpfs(dir, memory_options(*v.empty_dir));
  return Status();
}

Result<Payload> LocalPodVolumes::current_payload(const api::Pod& pod, const api::Volume& v) const {
  const std::string namespace_ = pod_namespace(pod);
  if (v.config_map) {
    HERD_ASSIGN_OR_RETURN(std::optional<api::ConfigMap> object,
                          found(configs_.config_map(namespace_, v.config_map->name)));
    return volume::config_map_payload(*v.config_map, object ? &*object : nullptr);
  }
  HERD_ASSIGN_OR_RETURN(std::optional<api::Secret> object,
                        found(configs_.secret(namespace_, v.secret->secret_name)));
  return volume::secret_payload(*v.secret, object ? &*object : nullptr);
}

Status LocalPodVolumes::set_up_config_volume(const api::Pod& pod, const api::Volume& v) {
  HERD_ASSIGN_OR_RETURN(Payload payload, current_payload(pod, v));
  const bool secret = v.secret.has_value();
  HERD_ASSIGN_OR_RETURN(
      std::string dir,
      make_volume_dir(pod.metadata.uid, secret ? kSecretPlugin : kConfigMapPlugin,
                      secret ? kSecretPluginMode : kPodDirMode, v.name, kConfigDirMode));
  // A secret's tmpfs comes before any file: a secret never touches the disk.
  if (secret) HERD_RETURN_IF_ERROR(volume::mount_tmpfs(dir, "mode=0755"));
  return volume::write_payload(dir, payload);
}

Result<std::vector<ContainerMount>> LocalPodVolumes::container_mounts(
    const api::Pod& pod, const api::Container& container) {
  HERD_RETURN_IF_ERROR(volume::check_dir_name("pod uid", pod.metadata.uid));
  std::vector<ContainerMount> mounts;
  for (const api::VolumeMount& m : container.volume_mounts) {
    const std::string where =
        "volumeMount \"" + m.name + "\" of container \"" + container.name + "\"";
    const auto v =
        std::find_if(pod.spec.volumes.begin(), pod.spec.volumes.end(),
                     [&](const api::Volume& candidate) { return candidate.name == m.name; });
    if (v == pod.spec.volumes.end()) {
      return Status::not_found("cannot find volume \"" + m.name + "\" to mount into container \"" +
                               container.name + "\"");
    }
    if (m.mount_path.empty() || m.mount_path.front() != '/') {
      return Status::invalid_argument(where + ": mountPath \"" + m.mount_path +
                                      "\" must be an absolute path");
    }
    HERD_ASSIGN_OR_RETURN(std::string source, volume_source(pod.metadata.uid, *v));
    if (!m.sub_path.empty()) {
      Result<std::string> resolved = volume::resolve_sub_path(source, m.sub_path);
      if (!resolved.ok()) {
        return resolved.status().with_context("failed to prepare subPath for " + where);
      }
      source = std::move(resolved).value();
    }
    mounts.push_back({m.mount_path, std::move(source), m.read_only || is_config_volume(*v),
                      m.mount_propagation});
  }
  return mounts;
}

Status LocalPodVolumes::teardown(const std::string& pod_uid) {
  HERD_RETURN_IF_ERROR(volume::check_dir_name("pod uid", pod_uid));
  const std::string dir = volumes_dir(pod_uid);
  for (int round = 0;; ++round) {
    HERD_ASSIGN_OR_RETURN(std::vector<std::string> points, volume::mount_points_under(dir));
    if (points.empty()) break;
    if (round == kUnmountRounds) {
      return Status::unavailable("tearing down pod " + pod_uid + ": " + points.front() +
                                 " stays mounted");
    }
    for (const std::string& point : points) HERD_RETURN_IF_ERROR(volume::unmount(point));
  }
  HERD_RETURN_IF_ERROR(volume::remove_tree(dir).with_context("tearing down pod " + pod_uid));
  // The pod dir goes too unless another component still keeps files in it.
  if (rmdir(pod_dir(pod_uid).c_str()) != 0 && errno != ENOENT && errno != ENOTEMPTY &&
      errno != EEXIST) {
    return Status::unavailable("removing " + pod_dir(pod_uid) + ": " + volume::errno_text(errno));
  }
  return Status();
}

Result<std::vector<ExistingPodVolumes>> LocalPodVolumes::list() {
  DIR* stream = opendir(pods_dir_.c_str());
  if (stream == nullptr) {
    return Status::unavailable("reading " + pods_dir_ + ": " + volume::errno_text(errno));
  }
  std::vector<ExistingPodVolumes> pods;
  while (const dirent* entry = readdir(stream)) {
    const std::string uid = entry->d_name;
    if (!volume::check_dir_name("pod uid", uid).ok()) continue;  // ".", "..", or not ours
    if (is_dir(volumes_dir(uid))) pods.push_back({uid, volumes_dir(uid)});
  }
  closedir(stream);
  std::sort(pods.begin(), pods.end(), [](const auto& a, const auto& b) { return a.uid < b.uid; });
  return pods;
}

}  // namespace

Result<std::unique_ptr<PodVolumes>> open_pod_volumes(const PodVolumesConfig& config,
                                                     const ConfigSource& configs) {
  if (config.pods_dir.empty() || config.pods_dir.front() != '/') {
    return Status::invalid_argument("pods_dir \"" + config.pods_dir +
                                    "\" must be an absolute path");
  }
  std::error_code error;
  if (std::filesystem::create_directories(config.pods_dir, error)) {
    std::filesystem::permissions(config.pods_dir, std::filesystem::perms(kPodDirMode),
                                 std::filesystem::perm_options::replace, error);
  }
  if (error) return Status::unavailable("creating " + config.pods_dir + ": " + error.message());
  HERD_ASSIGN_OR_RETURN(std::string pods_dir, volume::real_path(config.pods_dir));
  return std::unique_ptr<PodVolumes>(
      std::make_unique<LocalPodVolumes>(std::move(pods_dir), configs));
}

}  // namespace herd::runtime
