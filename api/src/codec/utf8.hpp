#pragma once

// Internal: manifests are Unicode text; invalid UTF-8 is rejected up front
// with its position, rather than passed on to parsers and printers that
// would each treat it differently.

#include <optional>
#include <string_view>

#include "herd/api/codec.hpp"

namespace herd::api {

/// The position and description of the first invalid UTF-8 sequence, if any.
std::optional<SyntaxError> find_invalid_utf8(std::string_view text);

/// As find_invalid_utf8, and the bytes 0x1A-0x1F are refused too ("unescaped
/// control character"): no JSON text holds them raw, but RapidJSON's SSE2
/// string scan would let them pass (json_codec.cpp).
std::optional<SyntaxError> find_invalid_json_bytes(std::string_view text);

}  // namespace herd::api
