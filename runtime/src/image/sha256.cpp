#include "image/sha256.hpp"

#include <openssl/evp.h>

#include "herd/base/check.hpp"

namespace herd::runtime::image {

struct Sha256::Context {
  Context() : ctx(EVP_MD_CTX_new()) {
    HERD_CHECK(ctx != nullptr) << "EVP_MD_CTX_new";
    HERD_CHECK(EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1) << "EVP_DigestInit_ex(sha256)";
  }
  ~Context() { EVP_MD_CTX_free(ctx); }
  EVP_MD_CTX* ctx;
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(std::string_view bytes) {
  HERD_CHECK(EVP_DigestUpdate(context_->ctx, bytes.data(), bytes.size()) == 1)
      << "EVP_DigestUpdate";
}

std::string Sha256::finish() {
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HERD_CHECK(EVP_DigestFinal_ex(context_->ctx, hash, &length) == 1) << "EVP_DigestFinal_ex";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[hash[i] >> 4];
    out += kHex[hash[i] & 0xf];
  }
  return out;
}

std::string sha256_digest(std::string_view bytes) {
  Sha256 hasher;
  hasher.update(bytes);
  return hasher.finish();
}

}  // namespace herd::runtime::image
