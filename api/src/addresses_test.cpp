#include "herd/api/addresses.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace herd::api {
namespace {

Cidr cidr(std::string_view text) {
  Result<Cidr> parsed = parse_cidr(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.status().to_string();
  return parsed.ok() ? *parsed : Cidr{};
}

TEST(IpAddress, AcceptsBothFamilies) {
  for (const char* v4 : {"10.96.0.1", "0.0.0.0", "255.255.255.255", "192.168.1.10"}) {
    EXPECT_TRUE(is_ipv4(v4)) << v4;
    EXPECT_FALSE(is_ipv6(v4)) << v4;
    EXPECT_TRUE(is_ip(v4)) << v4;
    EXPECT_EQ(ip_family(v4), IpFamily::kIPv4) << v4;
  }
  for (const char* v6 : {"fd00:10:96::e16", "::", "::1", "2001:db8::ffff", "::ffff:10.0.0.1"}) {
    EXPECT_TRUE(is_ipv6(v6)) << v6;
    EXPECT_FALSE(is_ipv4(v6)) << v6;
    EXPECT_TRUE(is_ip(v6)) << v6;
    EXPECT_EQ(ip_family(v6), IpFamily::kIPv6) << v6;
  }
}

TEST(IpAddress, RejectsWhatIsNotAnAddress) {
  for (std::string bad : {"", "10.0.0.300", "10.1", "10.0.0.1 ", " 10.0.0.1", "10.0.0.0/8",
                          "fd00::1::2", "fe80::1%eth0", "[::1]", "None", "example.com"}) {
    EXPECT_FALSE(is_ip(bad)) << "'" << bad << "'";
    EXPECT_EQ(ip_family(bad), std::nullopt) << "'" << bad << "'";
  }
}

TEST(IpAddress, RejectsAnEmbeddedNul) {
  // inet_pton would stop at the NUL and accept the prefix.
  EXPECT_FALSE(is_ip(std::string("10.0.0.1\0junk", 13)));
  EXPECT_FALSE(is_cidr(std::string("10.0.0.0\0/8", 11)));
}

TEST(IpFamilyName, SpellsServiceIpFamilies) {
  EXPECT_EQ(ip_family_name(IpFamily::kIPv4), "IPv4");
  EXPECT_EQ(ip_family_name(IpFamily::kIPv6), "IPv6");
}

TEST(Cidr, ParsesAddressAndPrefix) {
  Cidr v4 = cidr("10.244.0.0/16");
  EXPECT_EQ(v4.family, IpFamily::kIPv4);
  EXPECT_EQ(v4.prefix, 16);
  EXPECT_EQ(v4.bytes[0], 10);
  EXPECT_EQ(v4.bytes[1], 244);
  Cidr v6 = cidr("2001:db8::/64");
  EXPECT_EQ(v6.family, IpFamily::kIPv6);
  EXPECT_EQ(v6.prefix, 64);
  EXPECT_EQ(v6.bytes[0], 0x20);
  EXPECT_EQ(v6.bytes[3], 0xb8);
}

TEST(Cidr, PrefixIsBoundedByTheFamily) {
  for (const char* good : {"0.0.0.0/0", "10.0.0.1/32", "::/0", "fd00::1/128", "10.0.0.0/008"}) {
    EXPECT_TRUE(is_cidr(good)) << good;
  }
  for (const char* bad : {"10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0", "/8", "10.0.0.0/-1",
                          "10.0.0.0/+8", "10.0.0.0/ 8", "10.0.0.0/0008", "10.0.0.0/8/8", "10.0.0/8",
                          "fd00::/64x"}) {
    EXPECT_FALSE(is_cidr(bad)) << bad;
  }
}

TEST(Cidr, FailureNamesTheValue) {
  Result<Cidr> parsed = parse_cidr("10.0.0.0/33");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(parsed.status().message().find("10.0.0.0/33"), std::string::npos);
}

TEST(Cidr, FamilyOfABlock) {
  EXPECT_EQ(cidr_family("10.0.0.0/24"), IpFamily::kIPv4);
  EXPECT_EQ(cidr_family("fd00::/64"), IpFamily::kIPv6);
  EXPECT_EQ(cidr_family("10.0.0.1"), std::nullopt);
  EXPECT_EQ(cidr_family("10.0.0.0/40"), std::nullopt);
}

TEST(Cidr, StrictSubsetIsInsideAndSmaller) {
  EXPECT_TRUE(is_strict_subset(cidr("10.0.0.0/8"), cidr("10.1.0.0/16")));
  EXPECT_TRUE(is_strict_subset(cidr("0.0.0.0/0"), cidr("192.168.0.1/32")));
  EXPECT_TRUE(is_strict_subset(cidr("fd00::/8"), cidr("fd00:10::/32")));
  // The bits beyond the outer prefix do not matter, even inside a byte.
  EXPECT_TRUE(is_strict_subset(cidr("10.0.0.0/12"), cidr("10.15.0.0/16")));
  EXPECT_FALSE(is_strict_subset(cidr("10.0.0.0/12"), cidr("10.16.0.0/16")));
}

TEST(Cidr, StrictSubsetExcludesEqualLargerAndOtherFamilies) {
  EXPECT_FALSE(is_strict_subset(cidr("10.0.0.0/8"), cidr("10.0.0.0/8")));
  EXPECT_FALSE(is_strict_subset(cidr("10.1.0.0/16"), cidr("10.0.0.0/8")));
  EXPECT_FALSE(is_strict_subset(cidr("11.0.0.0/8"), cidr("10.1.0.0/16")));
  EXPECT_FALSE(is_strict_subset(cidr("0.0.0.0/0"), cidr("::/64")));
  EXPECT_FALSE(is_strict_subset(cidr("::/0"), cidr("10.0.0.0/8")));
}

}  // namespace
}  // namespace herd::api
