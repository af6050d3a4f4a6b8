#pragma once

// ImageStore: makes an image a pod's container names available on the node,
// in containerd, under the pod's imagePullPolicy. A pull resolves the
// reference with the RegistryClient (mirrors are configured there), then, in
// a containerd lease so nothing is collected half way:
//
//   index/manifest/config/layer blobs ─► content store (GC reference labels:
//   index ─m.0─► manifest ─config, l.<i>─► blobs; config ─snapshot─► top chainID)
//   ─► unpack: one committed snapshot per layer, named by its chainID
//   ─► containerd image <normalized name> ─► target (labelled unpacked)
//
// The container's rootfs is then an active snapshot on PulledImage::top_chain_id.
//
// Failures carry the pod's waiting reason as the first word of the message,
// "<reason>: <message>" (image_error_reason() / image_error_message() split it):
//
//   ErrImagePull: pull docker.io/library/nosuch:latest: manifest unknown (404 from 127.0.0.1:5000)
//   ErrImageNeverPull: Container image "busybox" is not present with pull policy of Never
//   InvalidImageName: invalid image reference "Busybox": repository name must be lowercase
//
// The code is the cause's (kNotFound, kUnavailable, kCorrupt, ...).

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "herd/base/result.hpp"
#include "herd/base/status.hpp"
#include "herd/runtime/image_reference.hpp"
#include "herd/runtime/oci_spec.hpp"

namespace herd::runtime {

namespace containerd {
class ContainerdClient;
}
class RegistryClient;

/// Waiting reasons of a container whose image is not there (the kubelet's).
inline constexpr std::string_view kErrImagePull = "ErrImagePull";
inline constexpr std::string_view kErrImageNeverPull = "ErrImageNeverPull";
inline constexpr std::string_view kInvalidImageName = "InvalidImageName";

/// A container's imagePullPolicy, with Kubernetes' meaning.
enum class PullPolicy {
  kAlways,        ///< Resolve and pull every time (what is already there is not fetched again).
  kIfNotPresent,  ///< Pull only when the image is not on the node.
  kNever,         ///< Never pull; fail with ErrImageNeverPull when it is not on the node.
};

/// Kubernetes' default when a container leaves imagePullPolicy out: kAlways for
/// the tag "latest" (said or implied) without a digest, kIfNotPresent otherwise.
PullPolicy default_pull_policy(const ImageReference& ref);

/// An image ready to run.
struct PulledImage {
  std::string name;             ///< The normalised reference: "docker.io/library/busybox:latest".
  std::string manifest_digest;  ///< The platform's image manifest, "sha256:...".
  std::string top_chain_id;     ///< The snapshot of its top layer ("" for no layers).
  ImageConfig config;
  bool operator==(const PulledImage&) const = default;
};

/// Where ImageStore puts things.
struct ImageStoreOptions {
  /// How long a pull's lease outlives a crashed node.
  std::chrono::seconds lease_expiry{3600};
};

/// Pulls and unpacks images into containerd.
///
/// Lifecycle: made by make_image_store(), owned by the node runtime; it keeps
/// references to the clients it was made with, which must outlive it.
/// Thread safety: ensure_image may be called from any number of threads at
/// once; concurrent calls for the same normalised name pull once, and every
/// caller gets that pull's outcome.
class ImageStore {
 public:
  virtual ~ImageStore() = default;

  /// Makes `image` (as a pod spec writes it) available under `policy` and
  /// returns what a container needs of it. Blocks for the whole pull. Errors
  /// (message "<reason>: ...", see the file comment):
  ///   InvalidImageName   kInvalidArgument: `image` does not parse;
  ///   ErrImageNeverPull  kNotFound: kNever and the image is not unpacked here;
  ///   ErrImagePull       the registry's Status (not found, unreachable, digest
  ///                      mismatch, ...) or containerd's, with its code.
  virtual Result<PulledImage> ensure_image(const std::string& image, PullPolicy policy) = 0;
};

/// The ImageStore over `containerd` (its namespace and snapshotter) and `registry`.
std::unique_ptr<ImageStore> make_image_store(containerd::ContainerdClient& containerd,
                                             RegistryClient& registry,
                                             ImageStoreOptions options = {});

/// The waiting reason of an ensure_image failure (kErrImagePull when the
/// message starts with none of the three).
std::string_view image_error_reason(const Status& status);
/// The message of an ensure_image failure without its "<reason>: ".
std::string image_error_message(const Status& status);

}  // namespace herd::runtime
