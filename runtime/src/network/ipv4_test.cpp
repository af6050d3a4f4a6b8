#include "network/ipv4.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::network {
namespace {

TEST(Ipv4, ParsesAndFormatsDottedQuads) {
  Result<uint32_t> address = parse_ipv4("10.244.0.7");
  ASSERT_TRUE(address.ok());
  EXPECT_EQ(*address, 0x0af40007u);
  EXPECT_EQ(format_ipv4(*address), "10.244.0.7");
  EXPECT_EQ(format_ipv4(*parse_ipv4("255.255.255.255")), "255.255.255.255");
}

TEST(Ipv4, RefusesWhatIsNotADottedQuad) {
  for (const char* text : {"", "10.244.0", "10.244.0.7.1", "10.244.0.256", "10.244.0.-1", "10.244..7",
                           "010.244.0.7", "10.244.0.7 ", "a.b.c.d", "::1"}) {
    Result<uint32_t> address = parse_ipv4(text);
    EXPECT_FALSE(address.ok()) << text;
    if (!address.ok()) {
      EXPECT_EQ(address.status().code(), StatusCode::kInvalidArgument) << text;
    }
  }
}

TEST(Ipv4Subnet, ParsesACidrAndKnowsItsAddresses) {
  Result<Ipv4Subnet> subnet = Ipv4Subnet::parse("10.244.0.0/16");
  ASSERT_TRUE(subnet.ok()) << subnet.status().to_string();
  EXPECT_EQ(subnet->prefix, 16);
  EXPECT_EQ(subnet->to_string(), "10.244.0.0/16");
  EXPECT_EQ(format_ipv4(subnet->first_host()), "10.244.0.1");
  EXPECT_EQ(format_ipv4(subnet->broadcast()), "10.244.255.255");
  EXPECT_TRUE(subnet->contains(*parse_ipv4("10.244.200.3")));
  EXPECT_FALSE(subnet->contains(*parse_ipv4("10.245.0.1")));
  EXPECT_TRUE(Ipv4Subnet::parse("0.0.0.0/0")->contains(*parse_ipv4("192.0.2.1")));
}

TEST(Ipv4Subnet, RefusesHostBitsAndBadPrefixes) {
  Result<Ipv4Subnet> host_bits = Ipv4Subnet::parse("10.244.0.1/16");
  ASSERT_FALSE(host_bits.ok());
  EXPECT_NE(host_bits.status().message().find("did you mean 10.244.0.0/16?"), std::string::npos)
      << host_bits.status().to_string();
  for (const char* text : {"10.244.0.0", "10.244.0.0/", "10.244.0.0/33", "10.244.0.0/-1", "10.244.0.0/1x"}) {
    EXPECT_FALSE(Ipv4Subnet::parse(text).ok()) << text;
  }
}

TEST(Ipv4, AddressOfCidrDropsThePrefix) {
  EXPECT_EQ(*address_of_cidr("10.244.0.7/16"), "10.244.0.7");
  EXPECT_FALSE(address_of_cidr("10.244.0.7").ok());
  EXPECT_FALSE(address_of_cidr("fd00::7/64").ok());
}

}  // namespace
}  // namespace herd::runtime::network
