#pragma once

// ContainerdImageBackend: images in containerd (the client's namespace and
// snapshotter), pulled with a RegistryClient.
//
// A pull, in a lease of its own (deleted at the end; it expires by itself
// after ImageStoreOptions::lease_expiry should the node die half way):
//   1. resolve the reference (registry);
//   2. the config blob (from the store when there, else the registry), whose
//      rootfs.diff_ids give the chainIDs; written with
//        containerd.io/gc.ref.snapshot.<snapshotter> = <top chainID>
//   3. each layer streamed registry → content store, with
//        containerd.io/uncompressed = <diffID>
//   4. the manifest, with containerd.io/gc.ref.content.config = <config digest>
//        and containerd.io/gc.ref.content.l.<i> = <layer i digest>
//   5. the index / manifest list, if the reference names one, with
//        containerd.io/gc.ref.content.m.0 = <the platform's manifest digest>
//   6. unpack (layer_unpacker.hpp)
//   7. create (or update) the image <normalised name> → target, labelled
//        herd.io/unpacked.<snapshotter> = <top chainID>
//        herd.io/manifest = <manifest digest>
// Blobs already in the store are skipped. Once the lease is gone, the image
// keeps everything referenced through the gc.ref labels, so containerd's
// garbage collector leaves it alone.
//
// find() counts an image as present when it exists with both herd.io labels,
// its top snapshot exists and its manifest and config are readable.

#include "herd/runtime/containerd_client.hpp"
#include "herd/runtime/image_store.hpp"
#include "herd/runtime/registry_client.hpp"
#include "image_store/image_backend.hpp"

namespace herd::runtime::image_store {

inline constexpr std::string_view kUnpackedLabelPrefix = "herd.io/unpacked.";
inline constexpr std::string_view kManifestLabel = "herd.io/manifest";

class ContainerdImageBackend final : public ImageBackend {
 public:
  /// Both clients must outlive the backend.
  ContainerdImageBackend(containerd::ContainerdClient& store, RegistryClient& registry,
                         ImageStoreOptions options)
      : store_(store), registry_(registry), options_(options) {}

  Result<std::optional<PulledImage>> find(const ImageReference& ref) override;
  Result<PulledImage> pull(const ImageReference& ref) override;

 private:
  Result<PulledImage> pull_in_lease(containerd::ContainerdClient& leased,
                                    const ImageReference& ref);
  Result<std::string> config_bytes(containerd::ContainerdClient& leased, const ImageReference& ref,
                                   const Descriptor& config);
  std::string unpacked_label() const;

  containerd::ContainerdClient& store_;
  RegistryClient& registry_;
  ImageStoreOptions options_;
};

}  // namespace herd::runtime::image_store
