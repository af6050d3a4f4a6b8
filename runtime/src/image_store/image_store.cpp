// make_image_store (herd/runtime/image_store.hpp): the policy store over the
// containerd backend, owning both.

#include "herd/runtime/image_store.hpp"

#include "image_store/containerd_image_backend.hpp"
#include "image_store/policy_image_store.hpp"

namespace herd::runtime {
namespace {

class OwningImageStore final : public ImageStore {
 public:
  OwningImageStore(containerd::ContainerdClient& containerd, RegistryClient& registry,
                   ImageStoreOptions options)
      : backend_(containerd, registry, options), store_(backend_) {}

  Result<PulledImage> ensure_image(const std::string& image, PullPolicy policy) override {
    return store_.ensure_image(image, policy);
  }

 private:
  image_store::ContainerdImageBackend backend_;
  image_store::PolicyImageStore store_;
};

}  // namespace

std::unique_ptr<ImageStore> make_image_store(containerd::ContainerdClient& containerd,
                                             RegistryClient& registry, ImageStoreOptions options) {
  return std::make_unique<OwningImageStore>(containerd, registry, options);
}

}  // namespace herd::runtime
