#pragma once

// Internal: an EventLog decorator that seals Secret data before it reaches
// the backend and opens it on the way back, so no backend ever stores a
// Secret's values in plain text. Wraps either backend (log_factory.cpp).

#include <memory>
#include <optional>

#include "crypto/secret_cipher.hpp"
#include "herd/events/event_log.hpp"

namespace herd::events {

class EncryptingEventLog final : public EventLog {
 public:
  /// `cipher` nullopt: Secret events already in the log cannot be read
  /// (kUnavailable "no encryption key"), and appending one fails the same way.
  EncryptingEventLog(std::unique_ptr<EventLog> inner, std::optional<SecretCipher> cipher)
      : inner_(std::move(inner)), cipher_(std::move(cipher)) {}

  void append(std::vector<Event> events, AppendCallback done) override;
  Result<ReadResult> read(const Cursor& from, const ReadOptions& options) override;
  Result<Cursor> end() override { return inner_->end(); }
  Status write_snapshot(const Snapshot& snapshot) override;
  Result<std::optional<Snapshot>> latest_snapshot() override;
  Status compact() override { return inner_->compact(); }

 private:
  Result<std::string> seal(std::string_view plaintext) const;
  Result<std::string> open(std::string_view sealed) const;

  std::unique_ptr<EventLog> inner_;
  std::optional<SecretCipher> cipher_;
};

}  // namespace herd::events
