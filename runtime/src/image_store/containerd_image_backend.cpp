#include "image_store/containerd_image_backend.hpp"

#include <cstdio>
#include <random>

#include "image/manifest.hpp"
#include "image_store/chain_id.hpp"
#include "image_store/content_ingest.hpp"
#include "image_store/layer_unpacker.hpp"

namespace herd::runtime::image_store {
namespace {

using containerd::ContainerdClient;
using containerd::Labels;

constexpr std::string_view kGcRef = "containerd.io/gc.ref.";

std::string random_hex() {
  std::random_device random;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x%08x", random(), random());
  return buf;
}

struct StringSink final : BlobSink {
  Status write(std::string_view chunk) override {
    data.append(chunk);
    return Status();
  }
  std::string data;
};

// Deletes the lease when the pull ends, however it ends.
class LeaseGuard {
 public:
  LeaseGuard(ContainerdClient& store, std::string id) : store_(store), id_(std::move(id)) {}
  ~LeaseGuard() { (void)store_.delete_lease(id_); }  // it expires by itself if this fails
  LeaseGuard(const LeaseGuard&) = delete;
  LeaseGuard& operator=(const LeaseGuard&) = delete;

 private:
  ContainerdClient& store_;
  std::string id_;
};

bool is_not_found(const Status& status) { return status.code() == StatusCode::kNotFound; }

}  // namespace

std::string ContainerdImageBackend::unpacked_label() const {
  return std::string(kUnpackedLabelPrefix) + store_.options().snapshotter;
}

Result<std::optional<PulledImage>> ContainerdImageBackend::find(const ImageReference& ref) {
  const std::optional<PulledImage> absent;
  Result<containerd::Image> stored = store_.get_image(ref.to_string());
  if (!stored.ok()) {
    return is_not_found(stored.status()) ? Result<std::optional<PulledImage>>(absent)
                                         : stored.status();
  }
  auto top = stored->labels.find(unpacked_label());
  auto manifest_digest = stored->labels.find(std::string(kManifestLabel));
  if (top == stored->labels.end() || manifest_digest == stored->labels.end()) {
    return absent;
  }
  if (!top->second.empty()) {
    Result<containerd::SnapshotInfo> snapshot = store_.stat_snapshot(top->second);
    if (!snapshot.ok()) {
      return is_not_found(snapshot.status()) ? Result<std::optional<PulledImage>>(absent)
                                             : snapshot.status();
    }
  }
  Result<std::string> manifest_bytes = store_.read_blob(manifest_digest->second);
  if (!manifest_bytes.ok()) {
    return is_not_found(manifest_bytes.status()) ? Result<std::optional<PulledImage>>(absent)
                                                 : manifest_bytes.status();
  }
  HERD_ASSIGN_OR_RETURN(image::ParsedManifest manifest, image::parse_manifest("", *manifest_bytes));
  Result<std::string> config_bytes = store_.read_blob(manifest.config.digest);
  if (!config_bytes.ok()) {
    return is_not_found(config_bytes.status()) ? Result<std::optional<PulledImage>>(absent)
                                               : config_bytes.status();
  }
  HERD_ASSIGN_OR_RETURN(ImageConfig config, parse_image_config(*config_bytes));
  return std::optional<PulledImage>(
      PulledImage{stored->name, manifest_digest->second, top->second, std::move(config)});
}

Result<PulledImage> ContainerdImageBackend::pull(const ImageReference& ref) {
  const std::string lease = "herd-pull-" + random_hex();
  HERD_RETURN_IF_ERROR(
      store_.create_lease(lease, options_.lease_expiry, {{"herd.io/pull", ref.to_string()}}));
  LeaseGuard guard(store_, lease);
  std::unique_ptr<ContainerdClient> leased = store_.with_lease(lease);
  return pull_in_lease(*leased, ref);
}

Result<std::string> ContainerdImageBackend::config_bytes(ContainerdClient& leased,
                                                         const ImageReference& ref,
                                                         const Descriptor& config) {
  Result<std::string> stored = leased.read_blob(config.digest);
  if (stored.ok() || !is_not_found(stored.status())) {
    return stored;
  }
  StringSink sink;
  HERD_RETURN_IF_ERROR(registry_.fetch_blob(ref, config, sink));
  return std::move(sink.data);
}

Result<PulledImage> ContainerdImageBackend::pull_in_lease(ContainerdClient& leased,
                                                          const ImageReference& ref) {
  HERD_ASSIGN_OR_RETURN(ResolvedImage resolved, registry_.resolve(ref));
  HERD_ASSIGN_OR_RETURN(std::string config_json, config_bytes(leased, ref, resolved.config));
  HERD_ASSIGN_OR_RETURN(std::vector<std::string> diff_ids, parse_diff_ids(config_json));
  HERD_ASSIGN_OR_RETURN(ImageConfig config, parse_image_config(config_json));
  const std::vector<std::string> chain = chain_ids(diff_ids);
  const std::string top = chain.empty() ? "" : chain.back();
  const std::string snapshotter = leased.options().snapshotter;

  Labels config_labels;
  if (!top.empty()) {
    config_labels[std::string(kGcRef) + "snapshot." + snapshotter] = top;
  }
  HERD_RETURN_IF_ERROR(put_blob(leased, resolved.config, config_json, config_labels));
  Labels manifest_labels = {{std::string(kGcRef) + "content.config", resolved.config.digest}};
  for (std::size_t i = 0; i < resolved.layers.size(); ++i) {
    Labels layer_labels;
    if (i < diff_ids.size()) {
      layer_labels["containerd.io/uncompressed"] = diff_ids[i];
    }
    HERD_RETURN_IF_ERROR(fetch_blob_into(leased, registry_, ref, resolved.layers[i], layer_labels));
    manifest_labels[std::string(kGcRef) + "content.l." + std::to_string(i)] =
        resolved.layers[i].digest;
  }
  HERD_RETURN_IF_ERROR(
      put_blob(leased, resolved.manifest, resolved.manifest_bytes, manifest_labels));
  if (resolved.target.digest != resolved.manifest.digest) {
    HERD_RETURN_IF_ERROR(
        put_blob(leased, resolved.target, resolved.target_bytes,
                 {{std::string(kGcRef) + "content.m.0", resolved.manifest.digest}}));
  }
  HERD_ASSIGN_OR_RETURN(std::string unpacked_top, unpack_layers(leased, resolved.layers, diff_ids));

  containerd::Image image{
      ref.to_string(),
      to_containerd(resolved.target),
      {{unpacked_label(), unpacked_top}, {std::string(kManifestLabel), resolved.manifest.digest}}};
  Result<containerd::Image> created = leased.create_image(image);
  if (!created.ok() && created.status().code() == StatusCode::kAlreadyExists) {
    created = leased.update_image(image);
  }
  if (!created.ok()) {
    return created.status();
  }
  return PulledImage{image.name, resolved.manifest.digest, unpacked_top, std::move(config)};
}

}  // namespace herd::runtime::image_store
