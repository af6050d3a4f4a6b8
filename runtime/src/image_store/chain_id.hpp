#pragma once

// Layer chainIDs (OCI image-spec, config.md "Layer ChainID"): the name of the
// committed snapshot that holds layers 0..n applied in order.
//
//   chainID(0) = diffID(0)
//   chainID(n) = sha256(chainID(n-1) + " " + diffID(n))     e.g.
//   sha256("sha256:aaa… sha256:bbb…") as "sha256:<hex>"
//
// A diffID is the digest of a layer's uncompressed tar, listed bottom first in
// the image config's rootfs.diff_ids.

#include <string>
#include <string_view>
#include <vector>

#include "herd/base/result.hpp"

namespace herd::runtime::image_store {

/// The chainID of each prefix of `diff_ids` (same length; empty for none).
std::vector<std::string> chain_ids(const std::vector<std::string>& diff_ids);

/// rootfs.diff_ids of an image config blob. kCorrupt ("image config:
/// rootfs.diff_ids: ...") when it is not JSON, is missing, or holds a
/// non-string.
Result<std::vector<std::string>> parse_diff_ids(std::string_view config_json);

}  // namespace herd::runtime::image_store
