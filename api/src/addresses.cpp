#include "herd/api/addresses.hpp"

#include <arpa/inet.h>

#include <string>

namespace herd::api {
namespace {

// inet_pton reads a C string, so a value with an embedded NUL would be judged
// by its prefix alone ("10.0.0.1\0junk"); such a value is never an address.
bool parse_address(std::string_view value, int af, unsigned char* out) {
  if (value.find('\0') != std::string_view::npos) return false;
  std::string text(value);
  return inet_pton(af, text.c_str(), out) == 1;
}

// The prefix length after the '/': 1 to 3 decimal digits, no sign or spaces.
std::optional<int> parse_prefix(std::string_view digits) {
  if (digits.empty() || digits.size() > 3) return std::nullopt;
  int prefix = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    prefix = prefix * 10 + (c - '0');
  }
  return prefix;
}

}  // namespace

std::string_view ip_family_name(IpFamily family) {
  return family == IpFamily::kIPv4 ? "IPv4" : "IPv6";
}

bool is_ipv4(std::string_view value) {
  std::array<unsigned char, 4> bytes{};
  return parse_address(value, AF_INET, bytes.data());
}

bool is_ipv6(std::string_view value) {
  std::array<unsigned char, 16> bytes{};
  return parse_address(value, AF_INET6, bytes.data());
}

bool is_ip(std::string_view value) { return ip_family(value).has_value(); }

std::optional<IpFamily> ip_family(std::string_view value) {
  if (is_ipv4(value)) return IpFamily::kIPv4;
  if (is_ipv6(value)) return IpFamily::kIPv6;
  return std::nullopt;
}

Result<Cidr> parse_cidr(std::string_view value) {
  auto invalid = [&] {
    return Status::invalid_argument("invalid CIDR address: \"" + std::string(value) + "\"");
  };
  std::size_t slash = value.find('/');
  if (slash == std::string_view::npos) return invalid();
  std::optional<int> prefix = parse_prefix(value.substr(slash + 1));
  if (!prefix) return invalid();
  Cidr cidr;
  cidr.prefix = *prefix;
  std::string_view address = value.substr(0, slash);
  if (parse_address(address, AF_INET, cidr.bytes.data())) {
    cidr.family = IpFamily::kIPv4;
  } else if (parse_address(address, AF_INET6, cidr.bytes.data())) {
    cidr.family = IpFamily::kIPv6;
  } else {
    return invalid();
  }
  if (cidr.prefix > (cidr.family == IpFamily::kIPv4 ? 32 : 128)) return invalid();
  return cidr;
}

bool is_cidr(std::string_view value) { return parse_cidr(value).ok(); }

std::optional<IpFamily> cidr_family(std::string_view value) {
  Result<Cidr> cidr = parse_cidr(value);
  if (!cidr.ok()) return std::nullopt;
  return cidr->family;
}

bool is_strict_subset(const Cidr& outer, const Cidr& inner) {
  if (outer.family != inner.family || inner.prefix <= outer.prefix) return false;
  for (int bit = 0; bit < outer.prefix; ++bit) {
    unsigned mask = 0x80u >> (bit % 8);
    if ((outer.bytes[bit / 8] & mask) != (inner.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

}  // namespace herd::api
