#pragma once

// Internal: standard base64 (RFC 4648, with padding), as Kubernetes encodes
// Secret and binaryData values.

#include <string>
#include <string_view>

#include "herd/base/result.hpp"

namespace herd::api::schema {

std::string base64_encode(std::string_view bytes);

/// Ignores line breaks. Returns kInvalidArgument naming the first bad byte
/// ("illegal base64 data at input byte 4"), like Go's encoding/base64.
Result<std::string> base64_decode(std::string_view text);

}  // namespace herd::api::schema
