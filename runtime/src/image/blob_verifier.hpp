#pragma once

// VerifyingSink: passes a blob's bytes through to the caller's sink while
// counting and hashing them, so that fetch_blob can refuse a blob that is not
// the one its descriptor names.

#include <cstdint>
#include <string>
#include <string_view>

#include "herd/base/status.hpp"
#include "herd/runtime/registry_client.hpp"
#include "image/sha256.hpp"

namespace herd::runtime::image {

/// "layer", "config", "manifest" or "blob", from a descriptor's media type;
/// used to say which blob is wrong.
std::string_view blob_kind(std::string_view media_type);

/// A BlobSink that forwards to `target` and checks the bytes against
/// `expected`. `target` and `expected` must outlive it. Not thread-safe.
class VerifyingSink final : public BlobSink {
 public:
  VerifyingSink(const Descriptor& expected, BlobSink& target);

  /// Fails with kCorrupt ("size mismatch ...") as soon as more bytes arrive
  /// than the descriptor's size, before forwarding them; else forwards.
  Status write(std::string_view chunk) override;

  /// After the last chunk: kCorrupt when fewer bytes came than the size
  /// says, or when the sha256 differs ("digest mismatch for layer
  /// sha256:..: got sha256:.."). Call once.
  Status finish();

  int64_t bytes_written() const { return written_; }

  /// Whether the descriptor's digest is one this sink can check (sha256).
  static Status check_supported(const Descriptor& expected);

 private:
  const Descriptor& expected_;
  BlobSink& target_;
  Sha256 hasher_;
  int64_t written_ = 0;
};

}  // namespace herd::runtime::image
