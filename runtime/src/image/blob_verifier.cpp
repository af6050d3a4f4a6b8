#include "image/blob_verifier.hpp"

namespace herd::runtime::image {

std::string_view blob_kind(std::string_view media_type) {
  auto has = [media_type](std::string_view word) {
    return media_type.find(word) != std::string_view::npos;
  };
  // OCI says "layer" and "config"; Docker schema 2 "rootfs" and "container.image".
  if (has("layer") || has("rootfs")) {
    return "layer";
  }
  if (has("config") || has("container.image")) {
    return "config";
  }
  if (has("manifest") || has("index")) {
    return "manifest";
  }
  return "blob";
}

VerifyingSink::VerifyingSink(const Descriptor& expected, BlobSink& target)
    : expected_(expected), target_(target) {}

Status VerifyingSink::check_supported(const Descriptor& expected) {
  if (expected.digest.rfind("sha256:", 0) != 0) {
    return Status::unimplemented("cannot verify " + std::string(blob_kind(expected.media_type)) +
                                 " " + expected.digest + ": only sha256 digests are supported");
  }
  if (expected.size < 0) {
    return Status::corrupt("negative size " + std::to_string(expected.size) + " for " +
                           std::string(blob_kind(expected.media_type)) + " " + expected.digest);
  }
  return Status();
}

Status VerifyingSink::write(std::string_view chunk) {
  if (static_cast<int64_t>(chunk.size()) > expected_.size - written_) {
    return Status::corrupt("size mismatch for " + std::string(blob_kind(expected_.media_type)) +
                           " " + expected_.digest + ": more than the " +
                           std::to_string(expected_.size) + " bytes its descriptor says");
  }
  written_ += static_cast<int64_t>(chunk.size());
  hasher_.update(chunk);
  return target_.write(chunk);
}

Status VerifyingSink::finish() {
  if (written_ != expected_.size) {
    return Status::corrupt("size mismatch for " + std::string(blob_kind(expected_.media_type)) +
                           " " + expected_.digest + ": got " + std::to_string(written_) +
                           " bytes, want " + std::to_string(expected_.size));
  }
  std::string got = hasher_.finish();
  if (got != expected_.digest) {
    return Status::corrupt("digest mismatch for " + std::string(blob_kind(expected_.media_type)) +
                           " " + expected_.digest + ": got " + got);
  }
  return Status();
}

}  // namespace herd::runtime::image
