#include "image/http_transport.hpp"

#include <algorithm>
#include <cctype>

namespace herd::runtime::image {
namespace {

uint16_t default_port(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

}  // namespace

Result<Url> Url::parse(std::string_view text) {
  auto invalid = [text](std::string_view what) {
    return Status::invalid_argument("invalid URL \"" + std::string(text) +
                                    "\": " + std::string(what));
  };
  std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    return invalid("no scheme (want http:// or https://)");
  }
  Url url;
  url.scheme = std::string(text.substr(0, scheme_end));
  std::transform(url.scheme.begin(), url.scheme.end(), url.scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (url.scheme != "http" && url.scheme != "https") {
    return invalid("scheme is not http or https");
  }
  std::string_view rest = text.substr(scheme_end + 3);
  std::size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return invalid("unterminated IPv6 address");
    }
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        return invalid("junk after IPv6 address");
      }
      port = after.substr(1);
    }
  } else if (std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    url.host = std::string(authority.substr(0, colon));
    port = authority.substr(colon + 1);
  } else {
    url.host = std::string(authority);
  }
  if (url.host.empty() || url.host.find('@') != std::string::npos) {
    return invalid("no host (or user info, which is not supported)");
  }
  url.port = default_port(url.scheme);
  if (!port.empty()) {
    if (port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(std::string(port)) == 0 || std::stoi(std::string(port)) > 65535) {
      return invalid("bad port");
    }
    url.port = static_cast<uint16_t>(std::stoi(std::string(port)));
  }
  std::string_view target =
      authority_end == std::string_view::npos ? "" : rest.substr(authority_end);
  target = target.substr(0, target.find('#'));
  url.target =
      target.empty() || target.front() != '/' ? "/" + std::string(target) : std::string(target);
  return url;
}

std::string Url::authority() const {
  std::string out = host.find(':') == std::string::npos ? host : "[" + host + "]";
  if (port != default_port(scheme)) {
    out += ":" + std::to_string(port);
  }
  return out;
}

std::string Url::to_string() const { return scheme + "://" + authority() + target; }

Result<Url> Url::resolve(std::string_view location) const {
  if (location.find("://") != std::string_view::npos) {
    return Url::parse(location);
  }
  if (location.substr(0, 2) == "//") {
    return Url::parse(scheme + ":" + std::string(location));
  }
  Url out = *this;
  if (!location.empty() && location.front() == '/') {
    out.target = std::string(location);
  } else {
    std::string base = target.substr(0, target.find('?'));
    out.target = base.substr(0, base.rfind('/') + 1) + std::string(location);
  }
  return out;
}

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) {
      return value;
    }
  }
  return std::nullopt;
}

std::vector<std::string> HttpResponse::headers_named(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : headers) {
    if (key == name) {
      out.push_back(value);
    }
  }
  return out;
}

}  // namespace herd::runtime::image
