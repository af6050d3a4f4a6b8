#include "network/ipv4.hpp"

#include <charconv>

namespace herd::runtime::network {
namespace {

// Reads a decimal number of at most `max` from the front of `text`; no signs,
// no leading zeros (they mean octal to some parsers).
bool take_number(std::string_view& text, uint32_t max, uint32_t* out) {
  if (text.empty() || (text.size() > 1 && text[0] == '0' && text[1] >= '0' && text[1] <= '9')) {
    return false;
  }
  uint32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data() || value > max) {
    return false;
  }
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  *out = value;
  return true;
}

uint32_t prefix_mask(int prefix) { return prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix); }

}  // namespace

Result<uint32_t> parse_ipv4(std::string_view text) {
  std::string_view rest = text;
  uint32_t address = 0;
  for (int i = 0; i < 4; ++i) {
    uint32_t octet = 0;
    if (!take_number(rest, 255, &octet) || (i < 3 && (rest.empty() || rest[0] != '.'))) {
      return Status::invalid_argument("not an IPv4 address: \"" + std::string(text) + "\"");
    }
    if (i < 3) rest.remove_prefix(1);
    address = (address << 8) | octet;
  }
  if (!rest.empty()) {
    return Status::invalid_argument("not an IPv4 address: \"" + std::string(text) + "\"");
  }
  return address;
}

std::string format_ipv4(uint32_t address) {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xff) + "." +
         std::to_string((address >> 8) & 0xff) + "." + std::to_string(address & 0xff);
}

Result<Ipv4Subnet> Ipv4Subnet::parse(std::string_view cidr) {
  const std::size_t slash = cidr.find('/');
  std::string_view prefix_text = slash == std::string_view::npos ? "" : cidr.substr(slash + 1);
  uint32_t prefix = 0;
  if (slash == std::string_view::npos || !take_number(prefix_text, 32, &prefix) ||
      !prefix_text.empty()) {
    return Status::invalid_argument("not an IPv4 subnet (address/prefix): \"" + std::string(cidr) +
                                    "\"");
  }
  HERD_ASSIGN_OR_RETURN(uint32_t address, parse_ipv4(cidr.substr(0, slash)));
  Ipv4Subnet subnet{address, static_cast<int>(prefix)};
  const uint32_t mask = prefix_mask(subnet.prefix);
  if ((address & ~mask) != 0) {
    return Status::invalid_argument("subnet \"" + std::string(cidr) + "\" has host bits set (did you mean " +
                                    format_ipv4(address & mask) + "/" + std::to_string(prefix) + "?)");
  }
  return subnet;
}

bool Ipv4Subnet::contains(uint32_t address) const {
  return (address & prefix_mask(prefix)) == network;
}

uint32_t Ipv4Subnet::broadcast() const {
  return network | ~prefix_mask(prefix);
}

std::string Ipv4Subnet::to_string() const { return format_ipv4(network) + "/" + std::to_string(prefix); }

Result<std::string> address_of_cidr(std::string_view cidr) {
  const std::size_t slash = cidr.find('/');
  std::string_view address = cidr.substr(0, slash);
  if (slash == std::string_view::npos || !parse_ipv4(address).ok()) {
    return Status::invalid_argument("not an IPv4 address/prefix: \"" + std::string(cidr) + "\"");
  }
  return std::string(address);
}

}  // namespace herd::runtime::network
