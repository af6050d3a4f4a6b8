#pragma once

// Building the "<reason>: <message>" failures of ImageStore::ensure_image
// (herd/runtime/image_store.hpp).

#include <string>
#include <string_view>

#include "herd/base/status.hpp"

namespace herd::runtime::image_store {

/// `cause` with its message prefixed "<reason>: " and its code kept.
/// Requires: !cause.ok().
Status image_error(std::string_view reason, const Status& cause);

/// ErrImageNeverPull (kNotFound) for `image` as the pod spec wrote it.
Status never_pull_error(std::string_view image);

}  // namespace herd::runtime::image_store
