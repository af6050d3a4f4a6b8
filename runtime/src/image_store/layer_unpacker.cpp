#include "image_store/layer_unpacker.hpp"

#include <cstdio>
#include <random>

#include "image_store/chain_id.hpp"
#include "image_store/content_ingest.hpp"

namespace herd::runtime::image_store {
namespace {

using containerd::ContainerdClient;

constexpr const char* kSnapshotRefLabel = "containerd.io/snapshot.ref";

std::string random_hex() {
  std::random_device random;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x%08x", random(), random());
  return buf;
}

// Applies `layer` as snapshot `chain_id` on `parent`.
Status unpack_one(ContainerdClient& store, const Descriptor& layer, const std::string& diff_id,
                  const std::string& chain_id, const std::string& parent) {
  const containerd::Labels labels = {{kSnapshotRefLabel, chain_id}};
  const std::string key = "extract-" + random_hex() + "-" + chain_id;
  HERD_ASSIGN_OR_RETURN(std::vector<containerd::Mount> mounts,
                        store.prepare_snapshot(key, parent, labels));
  Status status;
  Result<containerd::Descriptor> applied = store.apply_diff(to_containerd(layer), mounts);
  if (!applied.ok()) {
    status = applied.status();
  } else if (applied->digest != diff_id) {
    status = Status::corrupt("layer " + layer.digest + " unpacks to " + applied->digest +
                             ", not its diffID " + diff_id);
  } else {
    status = store.commit_snapshot(chain_id, key, labels);
    if (status.code() == StatusCode::kAlreadyExists) {
      status = Status();  // a concurrent unpack committed it first; `key` is still ours
    } else if (status.ok()) {
      return status;  // the commit consumed `key`
    }
  }
  (void)store.remove_snapshot(key);  // best effort: the error that matters is `status`
  return status;
}

}  // namespace

Result<std::string> unpack_layers(ContainerdClient& store, const std::vector<Descriptor>& layers,
                                  const std::vector<std::string>& diff_ids) {
  if (layers.size() != diff_ids.size()) {
    return Status::corrupt("image has " + std::to_string(layers.size()) + " layers but " +
                           std::to_string(diff_ids.size()) + " diff_ids");
  }
  const std::vector<std::string> chain = chain_ids(diff_ids);
  std::string parent;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    Result<containerd::SnapshotInfo> existing = store.stat_snapshot(chain[i]);
    if (!existing.ok() && existing.status().code() != StatusCode::kNotFound) {
      return existing.status();
    }
    if (!existing.ok()) {
      HERD_RETURN_IF_ERROR(unpack_one(store, layers[i], diff_ids[i], chain[i], parent));
    }
    parent = chain[i];
  }
  return parent;
}

}  // namespace herd::runtime::image_store
