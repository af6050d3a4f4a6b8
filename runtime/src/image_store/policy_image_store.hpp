#pragma once

// PolicyImageStore: ImageStore's pull-policy logic and single-flight over an
// ImageBackend (image_backend.hpp).
//
//   policy        on the node   does
//   Always        any           pull
//   IfNotPresent  yes / no      use it / pull
//   Never         yes / no      use it / ErrImageNeverPull
//
// Concurrent pulls of one normalised name share one backend pull: the first
// caller runs it, the others wait for and return its outcome.

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "herd/runtime/image_store.hpp"
#include "image_store/image_backend.hpp"

namespace herd::runtime::image_store {

class PolicyImageStore final : public ImageStore {
 public:
  /// `backend` must outlive the store.
  explicit PolicyImageStore(ImageBackend& backend) : backend_(backend) {}

  Result<PulledImage> ensure_image(const std::string& image, PullPolicy policy) override;

  /// How many callers are waiting for another caller's pull right now.
  int waiting() const;

 private:
  struct Flight {
    bool done = false;
    std::optional<Result<PulledImage>> result;
  };

  Result<PulledImage> pull_once(const ImageReference& ref);

  ImageBackend& backend_;
  mutable std::mutex mutex_;
  std::condition_variable landed_;
  std::map<std::string, std::shared_ptr<Flight>> flights_;  // by ref.to_string(); guarded by mutex_
  int waiting_ = 0;                                         // guarded by mutex_
};

}  // namespace herd::runtime::image_store
