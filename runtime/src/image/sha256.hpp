#pragma once

// Incremental SHA-256 (OpenSSL EVP) and the "sha256:<hex>" digests of
// content-addressed blobs.

#include <memory>
#include <string>
#include <string_view>

namespace herd::runtime::image {

/// Hashes bytes fed in any number of pieces. Not thread-safe; move-only.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  void update(std::string_view bytes);
  /// "sha256:<64 lower-case hex>" of everything fed so far. Call once; the
  /// hasher is spent afterwards.
  std::string finish();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

/// "sha256:<hex>" of `bytes`.
std::string sha256_digest(std::string_view bytes);

}  // namespace herd::runtime::image
