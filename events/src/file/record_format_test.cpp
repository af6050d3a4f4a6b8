#include "file/record_format.hpp"

#include <gtest/gtest.h>

#include "file/crc32c.hpp"

namespace herd::events::file {
namespace {

TEST(RecordFormat, LayoutIsLengthThenChecksumThenPayloadLittleEndian) {
  std::string out;
  append_record(out, "hello");
  ASSERT_EQ(out.size(), kRecordHeaderSize + 5);
  EXPECT_EQ(out.substr(0, 4), std::string("\x05\x00\x00\x00", 4));
  EXPECT_EQ(get_u32(out.data() + 4), crc32c("hello"));
  EXPECT_EQ(static_cast<unsigned char>(out[4]), crc32c("hello") & 0xFF);
  EXPECT_EQ(out.substr(8), "hello");
}

TEST(RecordFormat, DecodesConsecutiveRecords) {
  std::string bytes;
  append_record(bytes, "first");
  append_record(bytes, std::string(70'000, 'x'));
  DecodedRecord a = decode_record(bytes);
  ASSERT_EQ(a.status, RecordStatus::kOk);
  EXPECT_EQ(a.payload, "first");
  EXPECT_EQ(a.record_size, kRecordHeaderSize + 5);
  DecodedRecord b = decode_record(std::string_view(bytes).substr(a.record_size));
  ASSERT_EQ(b.status, RecordStatus::kOk);
  EXPECT_EQ(b.payload, std::string(70'000, 'x'));
}

TEST(RecordFormat, EveryTruncationIsReportedAsTruncated) {
  std::string bytes;
  append_record(bytes, "{\"id\":\"payload\"}");
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_EQ(decode_record(std::string_view(bytes).substr(0, n)).status, RecordStatus::kTruncated)
        << n << " bytes";
  }
}

TEST(RecordFormat, ImpossibleLengthsAreBadLength) {
  std::string zero(12, '\0');
  EXPECT_EQ(decode_record(zero).status, RecordStatus::kBadLength);
  std::string huge;
  put_u32(huge, static_cast<uint32_t>(kMaxRecordPayload + 1));
  put_u32(huge, 0);
  huge += "abc";
  EXPECT_EQ(decode_record(huge).status, RecordStatus::kBadLength);
}

TEST(RecordFormat, AnyFlippedByteIsDetected) {
  std::string bytes;
  append_record(bytes, "{\"kind\":\"Pod\",\"name\":\"web-1\"}");
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
    EXPECT_NE(decode_record(damaged).status, RecordStatus::kOk) << "byte " << i;
  }
}

TEST(RecordFormat, LittleEndianHelpersRoundTrip) {
  std::string out;
  put_u64(out, 0x0102030405060708ull);
  EXPECT_EQ(static_cast<unsigned char>(out[0]), 0x08);
  EXPECT_EQ(get_u64(out.data()), 0x0102030405060708ull);
}

}  // namespace
}  // namespace herd::events::file
