#pragma once

// Unpacking an image's layers into committed snapshots, as containerd's own
// unpacker does: layer n becomes the committed snapshot named chainID(n)
// (chain_id.hpp) whose parent is chainID(n-1). A chainID that already exists
// is skipped (another image shares those layers). For the others:
//
//   prepare_snapshot("extract-<random>-<chainID>", parent)
//   ─► apply_diff(layer, mounts), whose uncompressed digest must be diffID(n)
//   ─► commit_snapshot(chainID, key)        (kAlreadyExists: a concurrent unpack
//                                            won; its snapshot is used)
//
// Prepare and commit carry containerd.io/snapshot.ref=<chainID>. On failure
// the active extract snapshot is removed.

#include <string>
#include <vector>

#include "herd/base/result.hpp"
#include "herd/runtime/containerd_client.hpp"
#include "herd/runtime/registry_client.hpp"

namespace herd::runtime::image_store {

/// Unpacks `layers` (bottom first, already in `store`'s content store) whose
/// uncompressed digests are `diff_ids`; returns the top chainID ("" for no
/// layers). kCorrupt when the counts differ or a layer's uncompressed digest
/// is not its diffID; containerd's Status otherwise.
Result<std::string> unpack_layers(containerd::ContainerdClient& store,
                                  const std::vector<Descriptor>& layers,
                                  const std::vector<std::string>& diff_ids);

}  // namespace herd::runtime::image_store
