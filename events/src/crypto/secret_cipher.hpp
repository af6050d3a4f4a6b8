#pragma once

// Internal: AES-256-GCM for Secret data before it reaches any log.

#include <array>
#include <string>
#include <string_view>

#include "herd/base/result.hpp"

namespace herd::events {

/// Encrypts and decrypts with one 256-bit key kept in a file.
///
/// Sealed text: "herd-aes256gcm:1:<key id>:<base64(nonce[12] ciphertext tag[16])>"
/// where the key id (8 hex digits of SHA-256 of the key) tells a wrong key
/// apart from damaged data. Thread-safe (no mutable state).
class SecretCipher {
 public:
  /// Reads the key file (64 hex digits), or creates it with a fresh random key,
  /// mode 0600, when it does not exist. kUnavailable if it cannot be read or
  /// written; kCorrupt if it does not hold a key.
  static Result<SecretCipher> load_or_create(const std::string& key_file);

  std::string seal(std::string_view plaintext) const;

  /// kPermissionDenied-like kUnavailable for another key's data ("sealed with
  /// key <id>, this key is <id>"); kCorrupt when authentication fails.
  Result<std::string> open(std::string_view sealed) const;

  /// True for text produced by seal().
  static bool is_sealed(std::string_view text);

  const std::string& key_id() const { return key_id_; }

 private:
  SecretCipher() = default;
  std::array<unsigned char, 32> key_{};
  std::string key_id_;
};

}  // namespace herd::events
