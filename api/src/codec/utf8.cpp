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

// The offset of the first invalid sequence (or, with `json`, byte 0x1A-0x1F),
// or text.size(). ASCII without control characters, most of any manifest or
// event, is passed over 16 bytes at a time.
std::size_t first_invalid(std::string_view text, bool json) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  auto below_space = [&](uint64_t w) { return (w - kOnes * 0x20) & ~w & kHigh; };
  std::size_t i = 0;
  while (i < text.size()) {
    if (i + 16 <= text.size()) {
      uint64_t words[2];
      std::memcpy(words, text.data() + i, 16);
      uint64_t flags = (words[0] | words[1]) & kHigh;
      if (json) flags |= below_space(words[0]) | below_space(words[1]);
      if (flags == 0) {
        i += 16;
        continue;
      }
    }
    if (json && is_raw_json_control(text[i])) return i;
    std::size_t n = sequence_length(text, i);
    if (n == 0) return i;
    i += n;
  }
  return text.size();
}

std::optional<SyntaxError> find_invalid(std::string_view text, bool json) {
  if (first_invalid(text, json) == text.size()) return std::nullopt;
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
