#include "crypto/secret_cipher.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "herd/base/base64.hpp"
#include "herd/base/logging.hpp"

namespace herd::events {
namespace {

constexpr std::string_view kPrefix = "herd-aes256gcm:1:";
constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;

std::string to_hex(const unsigned char* p, std::size_t n) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += d[p[i] >> 4];
    out += d[p[i] & 15];
  }
  return out;
}

Status write_new_key(const std::string& path, const std::string& hex_key) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::unavailable("cannot create key file " + path + ": " + std::strerror(errno));
  std::string line = hex_key + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status::unavailable("cannot write key file " + path);
  HERD_LOG(kInfo, "events") << "created encryption key file " << path << " (mode 0600); back it up: without it, "
                            << "Secret data in the log cannot be read";
  return Status();
}

}  // namespace

Result<SecretCipher> SecretCipher::load_or_create(const std::string& key_file) {
  struct stat st {};
  if (::stat(key_file.c_str(), &st) != 0) {
    std::array<unsigned char, 32> key{};
    if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) return Status::internal("RAND_bytes failed");
    HERD_RETURN_IF_ERROR(write_new_key(key_file, to_hex(key.data(), key.size())));
  } else if ((st.st_mode & 077) != 0) {
    HERD_LOG(kWarning, "events") << "key file " << key_file << " is readable by others (mode "
                                 << std::oct << (st.st_mode & 0777) << "); it should be 0600";
  }
  std::ifstream in(key_file);
  std::string hex_key;
  if (!(in >> hex_key)) return Status::unavailable("cannot read key file " + key_file);
  if (hex_key.size() != 64 || hex_key.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Status::corrupt("key file " + key_file + " does not hold 64 lowercase hex digits");
  }
  SecretCipher c;
  for (std::size_t i = 0; i < 32; ++i) c.key_[i] = static_cast<unsigned char>(std::stoi(hex_key.substr(2 * i, 2), nullptr, 16));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  EVP_Digest(c.key_.data(), c.key_.size(), digest, &n, EVP_sha256(), nullptr);
  c.key_id_ = to_hex(digest, 4);
  return c;
}

std::string SecretCipher::seal(std::string_view plaintext) const {
  std::string out(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  RAND_bytes(bytes, kNonceBytes);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key_.data(), bytes);
  int len = 0;
  EVP_EncryptUpdate(ctx, bytes + kNonceBytes, &len, reinterpret_cast<const unsigned char*>(plaintext.data()),
                    static_cast<int>(plaintext.size()));
  EVP_EncryptFinal_ex(ctx, bytes + kNonceBytes + len, &len);
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTagBytes, bytes + kNonceBytes + plaintext.size());
  EVP_CIPHER_CTX_free(ctx);
  return std::string(kPrefix) + key_id_ + ":" + base64_encode(out);
}

Result<std::string> SecretCipher::open(std::string_view sealed) const {
  if (!is_sealed(sealed)) return Status::corrupt("not a sealed secret");
  std::string_view rest = sealed.substr(kPrefix.size());
  std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return Status::corrupt("sealed secret without a key id");
  std::string_view id = rest.substr(0, colon);
  if (id != key_id_) {
    return Status::unavailable("secret sealed with key " + std::string(id) + ", but the key file holds key " + key_id_);
  }
  Result<std::string> decoded = base64_decode(rest.substr(colon + 1));
  if (!decoded.ok()) return Status::corrupt("sealed secret: " + decoded.status().message());
  std::string bytes = std::move(decoded).value();
  if (bytes.size() < kNonceBytes + kTagBytes) return Status::corrupt("sealed secret too short");
  auto* p = reinterpret_cast<unsigned char*>(bytes.data());
  std::size_t text_len = bytes.size() - kNonceBytes - kTagBytes;
  std::string plain(text_len, '\0');
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key_.data(), p);
  int len = 0;
  EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char*>(plain.data()), &len, p + kNonceBytes,
                    static_cast<int>(text_len));
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTagBytes, p + kNonceBytes + text_len);
  int ok = EVP_DecryptFinal_ex(ctx, reinterpret_cast<unsigned char*>(plain.data()) + len, &len);
  EVP_CIPHER_CTX_free(ctx);
  if (ok != 1) return Status::corrupt("sealed secret failed authentication (damaged or tampered)");
  return plain;
}

bool SecretCipher::is_sealed(std::string_view text) { return text.substr(0, kPrefix.size()) == kPrefix; }

}  // namespace herd::events
