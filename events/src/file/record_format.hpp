#pragma once

// One record of a segment file of the embedded log: the unit that is
// checksummed, appended and recovered. Grammar in record_format.cpp and
// docs/formats/embedded-log.md.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace herd::events::file {

/// Bytes before the payload: u32 length, u32 CRC-32C.
inline constexpr std::size_t kRecordHeaderSize = 8;

/// The largest payload a record may hold (one encoded event). A length field
/// above it is damage, never a real record.
inline constexpr std::size_t kMaxRecordPayload = 16u << 20;  // 16 MiB

/// Appends the record for `payload` to `out`.
/// Requires: 0 < payload.size() <= kMaxRecordPayload.
void append_record(std::string& out, std::string_view payload);

/// What decode_record found at the start of its input.
enum class RecordStatus {
  kOk,         ///< A whole record whose CRC matches.
  kTruncated,  ///< The input ends inside the header or the payload.
  kBadLength,  ///< The length field is 0 or above kMaxRecordPayload.
  kBadCrc,     ///< The payload does not match its checksum.
};

/// Returns "ok", "truncated", "bad length" or "bad checksum".
std::string_view record_status_name(RecordStatus status);

/// The outcome of decode_record.
struct DecodedRecord {
  RecordStatus status = RecordStatus::kTruncated;
  /// The payload (kOk only); points into decode_record's input.
  std::string_view payload;
  /// Header plus declared payload length (kOk, kBadCrc, kTruncated with a
  /// whole header); 0 when the header itself is incomplete or kBadLength.
  std::size_t record_size = 0;
};

/// Decodes the record at the start of `bytes` (which may hold more records
/// after it). Pure; never reads outside `bytes`.
DecodedRecord decode_record(std::string_view bytes);

/// Little-endian helpers shared by the index and snapshot formats.
void put_u32(std::string& out, uint32_t v);
void put_u64(std::string& out, uint64_t v);
/// Requires: at least 4 (8) readable bytes at `p`.
uint32_t get_u32(const char* p);
uint64_t get_u64(const char* p);

}  // namespace herd::events::file
