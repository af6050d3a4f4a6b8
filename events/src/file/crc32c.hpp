#pragma once

// CRC-32C (Castagnoli), the checksum of every record and snapshot of the
// embedded log (docs/formats/embedded-log.md).

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace herd::events::file {

/// Extends `crc` (the CRC-32C of some earlier bytes, 0 for none) with the
/// `size` bytes at `data` and returns the CRC-32C of the concatenation.
/// Polynomial 0x1EDC6F41 (reflected 0x82F63B78), initial value and final XOR
/// 0xFFFFFFFF, as in RFC 3720 (iSCSI) B.4. Uses the SSE4.2 crc32
/// instruction when the CPU has it, else crc32c_extend_portable. Pure and
/// thread-safe.
uint32_t crc32c_extend(uint32_t crc, const void* data, std::size_t size);

/// The same in portable code (table-driven, slicing-by-8); for tests.
uint32_t crc32c_extend_portable(uint32_t crc, const void* data, std::size_t size);

/// The CRC-32C of `bytes`.
inline uint32_t crc32c(std::string_view bytes) {
  return crc32c_extend(0, bytes.data(), bytes.size());
}

}  // namespace herd::events::file
