#pragma once

// ImageBackend: where images live, as the pull-policy logic of
// PolicyImageStore sees it. ContainerdImageBackend is the real one; tests
// give PolicyImageStore a fake.

#include <optional>

#include "herd/base/result.hpp"
#include "herd/runtime/image_reference.hpp"
#include "herd/runtime/image_store.hpp"

namespace herd::runtime::image_store {

/// Thread safety: both calls may run from several threads at once, though
/// PolicyImageStore never runs two pulls of the same name at once.
class ImageBackend {
 public:
  virtual ~ImageBackend() = default;
  /// The image when it is on the node, pulled and unpacked; nullopt when it is
  /// not (or only partly). Errors are the store's own (containerd unreachable).
  virtual Result<std::optional<PulledImage>> find(const ImageReference& ref) = 0;
  /// Resolves, fetches and unpacks `ref`. Errors are the registry's or the
  /// store's Status, without a reason prefix.
  virtual Result<PulledImage> pull(const ImageReference& ref) = 0;
};

}  // namespace herd::runtime::image_store
