#include "herd/runtime/image_reference.hpp"

// The grammar is docker/distribution's reference/regexp.go, written out by
// hand so that each rule can say what is wrong in words:
//
//   reference  := name [ ":" tag ] [ "@" digest ]
//   name       := [ domain "/" ] component ( "/" component )*
//   domain     := host [ ":" port ]     host: DNS labels, or "[" IPv6 "]"
//   component  := alnum+ ( separator alnum+ )*      alnum: [a-z0-9]
//   separator  := "." | "_" | "__" | "-"+
//   tag        := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
//   digest     := "sha256:" hex{64} | "sha512:" hex{128}   (lower-case hex)

#include <algorithm>
#include <cctype>
#include <string>

namespace herd::runtime {
namespace {

constexpr std::size_t kMaxNameLength = 255;
constexpr std::size_t kMaxTagLength = 128;

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

bool valid_component(std::string_view c) {
  std::size_t i = 0;
  if (c.empty() || !is_lower_alnum(c[0])) {
    return false;
  }
  while (true) {
    while (i < c.size() && is_lower_alnum(c[i])) {
      ++i;
    }
    if (i == c.size()) {
      return true;
    }
    if (c[i] == '.') {
      ++i;
    } else if (c[i] == '_') {
      i += (i + 1 < c.size() && c[i + 1] == '_') ? 2 : 1;
    } else if (c[i] == '-') {
      while (i < c.size() && c[i] == '-') {
        ++i;
      }
    } else {
      return false;
    }
    if (i == c.size() || !is_lower_alnum(c[i])) {
      return false;
    }
  }
}

bool valid_dns_label(std::string_view label) {
  if (label.empty() || !is_alnum(label.front()) || !is_alnum(label.back())) {
    return false;
  }
  return std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

bool valid_port(std::string_view port) {
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  return std::stoi(std::string(port)) <= 65535;
}

bool valid_domain(std::string_view domain) {
  std::string_view host = domain;
  std::string_view port;
  if (!domain.empty() && domain.front() == '[') {
    std::size_t close = domain.find(']');
    if (close == std::string_view::npos || close == 1) {
      return false;
    }
    std::string_view v6 = domain.substr(1, close - 1);
    if (!std::all_of(v6.begin(), v6.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c)) || c == ':';
        })) {
      return false;
    }
    std::string_view rest = domain.substr(close + 1);
    if (rest.empty()) {
      return true;
    }
    return rest.front() == ':' && valid_port(rest.substr(1));
  }
  if (std::size_t colon = domain.rfind(':'); colon != std::string_view::npos) {
    host = domain.substr(0, colon);
    port = domain.substr(colon + 1);
    if (!valid_port(port)) {
      return false;
    }
  }
  std::size_t start = 0;
  while (true) {
    std::size_t dot = host.find('.', start);
    if (!valid_dns_label(host.substr(start, dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) {
      return true;
    }
    start = dot + 1;
  }
}

// Empty when `digest` is valid, else what is wrong with it.
std::string check_digest(std::string_view digest) {
  std::size_t colon = digest.find(':');
  if (colon == std::string_view::npos) {
    return "invalid digest \"" + std::string(digest) + "\": want <algorithm>:<hex>";
  }
  std::string_view algorithm = digest.substr(0, colon);
  std::string_view hex = digest.substr(colon + 1);
  std::size_t want = 0;
  if (algorithm == "sha256") {
    want = 64;
  } else if (algorithm == "sha512") {
    want = 128;
  } else {
    return "unsupported digest algorithm \"" + std::string(algorithm) + "\" (sha256 or sha512)";
  }
  if (hex.size() != want || !std::all_of(hex.begin(), hex.end(), is_lower_hex)) {
    return "invalid digest \"" + std::string(digest) + "\": " + std::string(algorithm) + " wants " +
           std::to_string(want) + " lower-case hex digits";
  }
  return "";
}

std::string check_tag(std::string_view tag) {
  if (tag.empty()) {
    return "empty tag after ':'";
  }
  bool ok = tag.size() <= kMaxTagLength && (is_alnum(tag[0]) || tag[0] == '_') &&
            std::all_of(tag.begin(), tag.end(),
                        [](char c) { return is_alnum(c) || c == '_' || c == '.' || c == '-'; });
  if (!ok) {
    return "invalid tag \"" + std::string(tag) +
           "\" (letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-')";
  }
  return "";
}

// Empty when every '/'-separated component of `path` is valid.
std::string check_path(std::string_view path) {
  std::size_t start = 0;
  while (true) {
    std::size_t slash = path.find('/', start);
    std::string_view component = path.substr(start, slash - start);
    if (component.empty()) {
      return "empty path component";
    }
    if (!valid_component(component)) {
      if (std::any_of(component.begin(), component.end(),
                      [](char c) { return c >= 'A' && c <= 'Z'; })) {
        return "repository name must be lowercase";
      }
      return "invalid path component \"" + std::string(component) +
             "\" (lower-case letters and digits, separated by '.', '_', '__' or '-')";
    }
    if (slash == std::string_view::npos) {
      return "";
    }
    start = slash + 1;
  }
}

// A 64-hex name is an image ID, which Docker refuses as a repository name.
bool looks_like_image_id(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), is_lower_hex);
}

}  // namespace

Result<ImageReference> ImageReference::parse(std::string_view text) {
  auto invalid = [text](const std::string& what) {
    return Status::invalid_argument("invalid image reference \"" + std::string(text) +
                                    "\": " + what);
  };
  if (text.empty()) {
    return invalid("empty");
  }
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) ||
        std::iscntrl(static_cast<unsigned char>(c))) {
      return invalid("contains a space or control character");
    }
  }
  ImageReference ref;
  std::string_view rest = text;
  if (std::size_t at = rest.find('@'); at != std::string_view::npos) {
    ref.digest = std::string(rest.substr(at + 1));
    rest = rest.substr(0, at);
    if (std::string what = check_digest(ref.digest); !what.empty()) {
      return invalid(what);
    }
  }
  std::size_t last_slash = rest.rfind('/');
  std::size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || colon > last_slash)) {
    ref.tag = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
    if (std::string what = check_tag(ref.tag); !what.empty()) {
      return invalid(what);
    }
  }
  if (rest.empty()) {
    return invalid("no repository name");
  }
  std::size_t slash = rest.find('/');
  std::string_view first = rest.substr(0, slash);
  bool first_is_domain =
      slash != std::string_view::npos &&
      (first.find_first_of(".:") != std::string_view::npos || first == "localhost" ||
       std::any_of(first.begin(), first.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
  if (first_is_domain) {
    if (!valid_domain(first)) {
      return invalid("invalid registry host \"" + std::string(first) + "\"");
    }
    ref.domain = first == "index.docker.io" ? "docker.io" : std::string(first);
    ref.path = std::string(rest.substr(slash + 1));
  } else {
    ref.domain = "docker.io";
    ref.path = std::string(rest);
  }
  if (std::string what = check_path(ref.path); !what.empty()) {
    return invalid(what);
  }
  if (ref.domain == "docker.io" && ref.path.find('/') == std::string::npos) {
    if (looks_like_image_id(ref.path)) {
      return invalid("a 64-digit hex string is an image ID, not a repository name");
    }
    ref.path = "library/" + ref.path;
  }
  if (ref.name().size() > kMaxNameLength) {
    return invalid("repository name longer than 255 characters");
  }
  if (ref.tag.empty() && ref.digest.empty()) {
    ref.tag = "latest";
  }
  return ref;
}

std::string ImageReference::name() const { return domain + "/" + path; }

std::string ImageReference::to_string() const {
  std::string out = name();
  if (!tag.empty()) {
    out += ":" + tag;
  }
  if (!digest.empty()) {
    out += "@" + digest;
  }
  return out;
}

}  // namespace herd::runtime
