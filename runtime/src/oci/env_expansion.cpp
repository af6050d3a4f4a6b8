#include "oci/env_expansion.hpp"

namespace herd::runtime::oci {

// The grammar, as the Go original scans it left to right:
//
//   "$$"            -> "$"
//   "$(" name ")"   -> lookup(name), or the reference unchanged when unknown
//   "$(" no ")"     -> "$(" (and scanning goes on after the "(")
//   "$" other char  -> both characters unchanged
//   "$" at the end  -> "$"
std::string expand_env_refs(std::string_view input, const EnvLookup& lookup) {
  std::string out;
  out.reserve(input.size());
  std::size_t i = 0;
  while (i < input.size()) {
    if (input[i] != '$' || i + 1 == input.size()) {
      out += input[i++];
      continue;
    }
    const char next = input[i + 1];
    if (next == '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next != '(') {
      out += '$';
      out += next;
      i += 2;
      continue;
    }
    const std::size_t close = input.find(')', i + 2);
    if (close == std::string_view::npos) {
      out += "$(";
      i += 2;
      continue;
    }
    const std::string_view name = input.substr(i + 2, close - i - 2);
    if (std::optional<std::string> value = lookup(name)) {
      out += *value;
    } else {
      out += input.substr(i, close - i + 1);
    }
    i = close + 1;
  }
  return out;
}

}  // namespace herd::runtime::oci
