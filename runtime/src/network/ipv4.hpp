#pragma once

// IPv4 addresses and subnets, as far as the CNI network needs them: checking
// the configured subnet and range, and telling whether a pod's address lies
// in the subnet.

#include <cstdint>
#include <string>
#include <string_view>

#include "herd/base/result.hpp"

namespace herd::runtime::network {

/// Parses a dotted quad ("10.244.0.7"); kInvalidArgument otherwise. Host order.
Result<uint32_t> parse_ipv4(std::string_view text);

/// "10.244.0.7" from its host-order value.
std::string format_ipv4(uint32_t address);

/// An IPv4 subnet: network address and prefix length.
struct Ipv4Subnet {
  uint32_t network = 0;  ///< Host order, host bits zero.
  int prefix = 0;        ///< 0..32.

  /// Parses "10.244.0.0/16". The host bits must be zero; kInvalidArgument otherwise.
  static Result<Ipv4Subnet> parse(std::string_view cidr);
  bool contains(uint32_t address) const;
  /// network + 1: where the bridge (the pods' gateway) sits.
  uint32_t first_host() const { return network + 1; }
  /// The broadcast address (all host bits set).
  uint32_t broadcast() const;
  std::string to_string() const;
};

/// An address with a prefix, as CNI results write them ("10.244.0.7/16"):
/// the address part. kInvalidArgument when it is not IPv4 address/prefix.
Result<std::string> address_of_cidr(std::string_view cidr);

}  // namespace herd::runtime::network
