#pragma once

// Putting a pull's blobs into containerd's content store. A blob the store
// already has is skipped (its labels are then left as they are), after
// containerd has added it to the client's lease. Layers
// stream from the registry through a BlobSink straight into a ContentWriter;
// containerd checks the size and digest again on commit.

#include <string_view>

#include "herd/base/status.hpp"
#include "herd/runtime/containerd_client.hpp"
#include "herd/runtime/registry_client.hpp"

namespace herd::runtime::image_store {

/// containerd's descriptor of the registry's `blob`.
containerd::Descriptor to_containerd(const Descriptor& blob);

/// Writes `data`, the whole blob `blob`, with `labels`.
Status put_blob(containerd::ContainerdClient& store, const Descriptor& blob, std::string_view data,
                const containerd::Labels& labels = {});

/// Fetches `blob` of repository `ref` from `registry` into `store` with `labels`.
/// Errors: the registry's (digest mismatch, unreachable, ...) or containerd's.
Status fetch_blob_into(containerd::ContainerdClient& store, RegistryClient& registry,
                       const ImageReference& ref, const Descriptor& blob,
                       const containerd::Labels& labels = {});

}  // namespace herd::runtime::image_store
