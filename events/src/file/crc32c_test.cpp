#include "file/crc32c.hpp"

#include <gtest/gtest.h>

#include <string>

namespace herd::events::file {
namespace {

// RFC 3720 (iSCSI), appendix B.4 "CRC Examples".
TEST(Crc32c, Rfc3720Vectors) {
  EXPECT_EQ(crc32c(std::string(32, '\0')), 0x8A9136AAu);
  EXPECT_EQ(crc32c(std::string(32, '\xFF')), 0x62A8AB43u);
  std::string ascending, descending;
  for (int i = 0; i < 32; ++i) {
    ascending.push_back(static_cast<char>(i));
    descending.push_back(static_cast<char>(31 - i));
  }
  EXPECT_EQ(crc32c(ascending), 0x46DD794Eu);
  EXPECT_EQ(crc32c(descending), 0x113FDB5Cu);
  const unsigned char read_pdu[48] = {
      0x01, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
      0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18, 0x28, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  EXPECT_EQ(crc32c_extend(0, read_pdu, sizeof read_pdu), 0xD9963A56u);
}

TEST(Crc32c, CheckValueOfTheCatalogue) {
  EXPECT_EQ(crc32c("123456789"), 0xE3069283u);
  EXPECT_EQ(crc32c(""), 0u);
}

TEST(Crc32c, ExtendingEqualsOneCallAtEverySplitAndAlignment) {
  std::string data;
  for (int i = 0; i < 300; ++i) {
    data.push_back(static_cast<char>(i * 37 + 11));
  }
  for (std::size_t start = 0; start < 9; ++start) {
    std::string_view view = std::string_view(data).substr(start);
    uint32_t whole = crc32c(view);
    for (std::size_t split = 0; split <= view.size(); split += 7) {
      uint32_t first = crc32c_extend(0, view.data(), split);
      EXPECT_EQ(crc32c_extend(first, view.data() + split, view.size() - split), whole)
          << "start " << start << " split " << split;
    }
  }
}

TEST(Crc32c, HardwareAndPortableCodeAgree) {
  std::string data;
  for (int i = 0; i < 5000; ++i) {
    data.push_back(static_cast<char>((i * 131) ^ (i >> 3)));
  }
  for (std::size_t start : {0, 1, 3, 7}) {
    for (std::size_t size : {0, 1, 7, 8, 9, 63, 64, 65, 1000, 4993}) {
      EXPECT_EQ(crc32c_extend(0x12345678, data.data() + start, size),
                crc32c_extend_portable(0x12345678, data.data() + start, size))
          << start << "+" << size;
    }
  }
  EXPECT_EQ(crc32c_extend_portable(0, "123456789", 9), 0xE3069283u);
}

TEST(Crc32c, EveryBitFlipChangesTheChecksum) {
  std::string data = "{\"v\":1,\"id\":\"abc\",\"kind\":\"Pod\"}";
  uint32_t good = crc32c(data);
  for (std::size_t i = 0; i < data.size() * 8; ++i) {
    std::string flipped = data;
    flipped[i / 8] = static_cast<char>(flipped[i / 8] ^ (1 << (i % 8)));
    EXPECT_NE(crc32c(flipped), good) << "bit " << i;
  }
}

}  // namespace
}  // namespace herd::events::file
