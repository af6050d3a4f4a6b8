#pragma once

// IP addresses and CIDR blocks as API fields spell them: "10.96.0.10",
// "fd00:10:96::e16", "10.244.0.0/16", "2001:db8::/64" (Service clusterIPs and
// externalIPs, Endpoints addresses, Node podCIDRs, NetworkPolicy ipBlocks).
//
// Addresses are parsed by the C library's inet_pton, so the accepted text is
// the POSIX one: IPv4 as four decimal octets ("10.0.0.1"; no shorthand such as
// "10.1"), IPv6 as RFC 4291 text, with "::" compression and an optional
// trailing dotted quad ("::ffff:10.0.0.1", which counts as IPv6). Zone ids
// ("fe80::1%eth0") and surrounding brackets or spaces are not accepted.
//
// Every function here is pure and safe to call from any thread.

#include <array>
#include <optional>
#include <string_view>

#include "herd/base/result.hpp"

namespace herd::api {

/// The family of an address or CIDR block.
enum class IpFamily {
  kIPv4,
  kIPv6,
};

/// The spelling of `family` in ServiceSpec.ipFamilies: "IPv4" or "IPv6".
[[nodiscard]] std::string_view ip_family_name(IpFamily family);

/// True when `value` is an IPv4 address in dotted-quad form ("10.96.0.1").
[[nodiscard]] bool is_ipv4(std::string_view value);

/// True when `value` is an IPv6 address ("fd00::1", "::ffff:10.0.0.1").
[[nodiscard]] bool is_ipv6(std::string_view value);

/// True when `value` is an IPv4 or an IPv6 address.
[[nodiscard]] bool is_ip(std::string_view value);

/// The family of the address `value`, or std::nullopt when it is not an address
/// (a CIDR such as "10.0.0.0/8" is not an address).
[[nodiscard]] std::optional<IpFamily> ip_family(std::string_view value);

/// A parsed CIDR block, "address/prefix".
struct Cidr {
  IpFamily family = IpFamily::kIPv4;
  /// The address in network byte order: the first 4 bytes for IPv4, all 16 for IPv6.
  /// Host bits are kept as written ("10.0.0.1/8" keeps the 1).
  std::array<unsigned char, 16> bytes{};
  /// Prefix length: 0-32 for IPv4, 0-128 for IPv6.
  int prefix = 0;
  bool operator==(const Cidr&) const = default;
};

/// Parses "address/prefix": an address as is_ip() accepts it, a '/', and a
/// prefix length of 1 to 3 decimal digits no larger than the family allows
/// (32 for IPv4, 128 for IPv6).
/// Returns kInvalidArgument naming `value` when it is not such a block.
[[nodiscard]] Result<Cidr> parse_cidr(std::string_view value);

/// True when parse_cidr(value) succeeds.
[[nodiscard]] bool is_cidr(std::string_view value);

/// The family of the CIDR block `value`, or std::nullopt when it is not one.
[[nodiscard]] std::optional<IpFamily> cidr_family(std::string_view value);

/// True when `inner` lies inside `outer` and is smaller than it: same family,
/// a longer prefix, and the first `outer.prefix` bits equal. A block is not a
/// strict subset of itself, and blocks of different families never nest.
[[nodiscard]] bool is_strict_subset(const Cidr& outer, const Cidr& inner);

}  // namespace herd::api
