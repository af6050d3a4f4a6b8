// The record of the embedded log's segment files.
//
//   record  := length:u32 crc:u32 payload:byte[length]
//   length  := 1 .. kMaxRecordPayload (16 MiB), the payload's size in bytes
//   crc     := CRC-32C (Castagnoli) of payload, as crc32c.hpp computes it
//   payload := one event envelope, compact JSON (encode_event, event.hpp)
//
// All integers little-endian. A segment is nothing but records back to back;
// a record's offset is its segment's first offset plus the number of records
// before it in the file. The checksum covers only the payload: a damaged
// length shows up either as an impossible length or as a checksum mismatch
// over the wrong bytes. docs/formats/embedded-log.md has the whole layout and
// the recovery rules.

#include "file/record_format.hpp"

#include "file/crc32c.hpp"
#include "herd/base/check.hpp"

namespace herd::events::file {

void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
}

void put_u64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
}

uint32_t get_u32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<uint32_t>(u[0]) | static_cast<uint32_t>(u[1]) << 8 |
         static_cast<uint32_t>(u[2]) << 16 | static_cast<uint32_t>(u[3]) << 24;
}

uint64_t get_u64(const char* p) {
  return static_cast<uint64_t>(get_u32(p)) | static_cast<uint64_t>(get_u32(p + 4)) << 32;
}

void append_record(std::string& out, std::string_view payload) {
  HERD_CHECK(!payload.empty() && payload.size() <= kMaxRecordPayload)
      << "record payload of " << payload.size() << " bytes";
  put_u32(out, static_cast<uint32_t>(payload.size()));
  put_u32(out, crc32c(payload));
  out.append(payload);
}

std::string_view record_status_name(RecordStatus status) {
  switch (status) {
    case RecordStatus::kOk:
      return "ok";
    case RecordStatus::kTruncated:
      return "truncated";
    case RecordStatus::kBadLength:
      return "bad length";
    case RecordStatus::kBadCrc:
      return "bad checksum";
  }
  return "unknown";
}

DecodedRecord decode_record(std::string_view bytes) {
  DecodedRecord out;
  if (bytes.size() < kRecordHeaderSize) {
    out.status = RecordStatus::kTruncated;
    return out;
  }
  uint32_t length = get_u32(bytes.data());
  if (length == 0 || length > kMaxRecordPayload) {
    out.status = RecordStatus::kBadLength;
    return out;
  }
  out.record_size = kRecordHeaderSize + length;
  if (bytes.size() < out.record_size) {
    out.status = RecordStatus::kTruncated;
    return out;
  }
  std::string_view payload = bytes.substr(kRecordHeaderSize, length);
  if (crc32c(payload) != get_u32(bytes.data() + 4)) {
    out.status = RecordStatus::kBadCrc;
    return out;
  }
  out.status = RecordStatus::kOk;
  out.payload = payload;
  return out;
}

}  // namespace herd::events::file
