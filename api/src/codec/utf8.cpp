#include "codec/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace herd::api {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid
// (overlong forms, surrogates and code points above U+10FFFF included).
std::size_t sequence_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

bool is_raw_json_control(char c) { return c >= 0x1A && c <= 0x1F; }

// The offset of the first invalid sequence (or, with kJson, byte 0x1A-0x1F),
// or text.size(). ASCII (without control characters, with kJson), most of
// any manifest or event, is passed over 32 bytes at a time, its tail 8.
template <bool kJson>
std::size_t first_invalid(std::string_view text) {
  // The high bit of each byte >= 0x80, and with kJson of each below 0x20:
  // subtracting 0x20 from such a byte borrows into its high bit. A borrow
  // may also mark the byte above a marked one, which does not change "any".
  auto marks = [](uint64_t w) {
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    return (kJson ? (w - 0x2020202020202020ull) | w : w) & kHigh;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (i + 32 <= text.size()) {
      uint64_t w[4];
      std::memcpy(w, text.data() + i, 32);
      if ((marks(w[0]) | marks(w[1]) | marks(w[2]) | marks(w[3])) == 0) {
        i += 32;
        continue;
      }
    } else if (i + 8 <= text.size()) {  // the tail
      uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      if (marks(w) == 0) {
        i += 8;
        continue;
      }
    }
    if (kJson && is_raw_json_control(text[i])) return i;
    std::size_t n = sequence_length(text, i);
    if (n == 0) return i;
    i += n;
  }
  return text.size();
}

std::optional<SyntaxError> find_invalid(std::string_view text, bool json) {
  if ((json ? first_invalid<true>(text) : first_invalid<false>(text)) == text.size()) return std::nullopt;
  // Only now count lines and columns, for the message.
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = sequence_length(text, i);
    auto byte = [&] {
      return "(byte 0x" + std::string(1, "0123456789abcdef"[uint8_t(text[i]) >> 4]) +
             std::string(1, "0123456789abcdef"[uint8_t(text[i]) & 15]) + ")";
    };
    if (n == 0) return SyntaxError{SourcePos{line, column}, "invalid UTF-8 " + byte()};
    if (json && is_raw_json_control(text[i])) {
      return SyntaxError{SourcePos{line, column}, "unescaped control character " + byte()};
    }
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += n;
  }
  return std::nullopt;
}

}  // namespace

std::optional<SyntaxError> find_invalid_utf8(std::string_view text) { return find_invalid(text, false); }

std::optional<SyntaxError> find_invalid_json_bytes(std::string_view text) { return find_invalid(text, true); }

}  // namespace herd::api
