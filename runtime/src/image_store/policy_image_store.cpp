#include "image_store/policy_image_store.hpp"

#include "image_store/image_errors.hpp"

namespace herd::runtime::image_store {

Result<PulledImage> PolicyImageStore::ensure_image(const std::string& image, PullPolicy policy) {
  Result<ImageReference> ref = ImageReference::parse(image);
  if (!ref.ok()) {
    return image_error(kInvalidImageName, ref.status());
  }
  if (policy != PullPolicy::kAlways) {
    Result<std::optional<PulledImage>> found = backend_.find(*ref);
    if (!found.ok()) {
      return image_error(kErrImagePull, found.status());
    }
    if (found->has_value()) {
      return std::move(**found);
    }
    if (policy == PullPolicy::kNever) {
      return never_pull_error(image);
    }
  }
  Result<PulledImage> pulled = pull_once(*ref);
  if (!pulled.ok()) {
    return image_error(kErrImagePull, pulled.status());
  }
  return pulled;
}

Result<PulledImage> PolicyImageStore::pull_once(const ImageReference& ref) {
  const std::string key = ref.to_string();
  std::shared_ptr<Flight> flight;
  {
    std::unique_lock lock(mutex_);
    auto [it, first] = flights_.try_emplace(key, nullptr);
    if (!first) {
      flight = it->second;
      ++waiting_;
      landed_.wait(lock, [&] { return flight->done; });
      --waiting_;
      return *flight->result;
    }
    it->second = flight = std::make_shared<Flight>();
  }
  Result<PulledImage> result = backend_.pull(ref);
  {
    std::lock_guard lock(mutex_);
    flight->result = result;
    flight->done = true;
    flights_.erase(key);
  }
  landed_.notify_all();
  return result;
}

int PolicyImageStore::waiting() const {
  std::lock_guard lock(mutex_);
  return waiting_;
}

}  // namespace herd::runtime::image_store
