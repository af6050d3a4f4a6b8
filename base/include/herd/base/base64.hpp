#pragma once

// Standard base64 (RFC 4648, with padding): Kubernetes' encoding of Secret
// and binaryData values, and of herd's sealed Secret data.

#include <string>
#include <string_view>

#include "herd/base/result.hpp"

namespace herd {

std::string base64_encode(std::string_view bytes);

/// Ignores line breaks. Returns kInvalidArgument naming the first bad byte
/// ("illegal base64 data at input byte 4"), like Go's encoding/base64.
Result<std::string> base64_decode(std::string_view text);

}  // namespace herd
