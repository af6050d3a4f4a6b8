#include "herd/base/base64.hpp"

#include <gtest/gtest.h>

namespace herd {
namespace {

TEST(Base64, EncodesWithPaddingAndDecodesBack) {
  EXPECT_EQ(base64_encode("portus"), "cG9ydHVz");
  EXPECT_EQ(base64_encode("ab"), "YWI=");
  EXPECT_EQ(base64_encode("a"), "YQ==");
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", std::string("\0\xff\x10", 3)}) {
    EXPECT_EQ(base64_decode(base64_encode(s)).value(), s);
  }
}

TEST(Base64, IgnoresLineBreaksAsWrappedOutputHasThem) {
  EXPECT_EQ(base64_decode("cG9y\ndHVz\r\n").value(), "portus");
}

TEST(Base64, NamesTheFirstIllegalByte) {
  Result<std::string> r = base64_decode("cG9y!HVz");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "illegal base64 data at input byte 4");
  EXPECT_FALSE(base64_decode("abc").ok());
  EXPECT_FALSE(base64_decode("a=bc").ok());
}

}  // namespace
}  // namespace herd
