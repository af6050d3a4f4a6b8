#include "image/registry_hosts.hpp"

namespace herd::runtime::image {
namespace {

constexpr std::string_view kDockerHub = "docker.io";
constexpr std::string_view kDockerHubApiHost = "registry-1.docker.io";

// The host of "host[:port]" or "[v6]:port", without brackets.
std::string_view host_of(std::string_view authority) {
  if (!authority.empty() && authority.front() == '[') {
    return authority.substr(1, authority.find(']') - 1);
  }
  return authority.substr(0, authority.rfind(':'));
}

bool is_loopback(std::string_view host) {
  return host == "localhost" || host == "::1" || host.substr(0, 4) == "127.";
}

Result<Endpoint> mirror_endpoint(const RegistryConfig& config, std::string_view domain,
                                 const std::string& text) {
  auto invalid = [&](const std::string& what) {
    return Status::invalid_argument("mirror \"" + text + "\" for " + std::string(domain) + ": " +
                                    what);
  };
  std::string with_scheme = text;
  if (text.find("://") == std::string::npos) {
    std::string_view authority = std::string_view(text).substr(0, text.find('/'));
    with_scheme = (allows_plain_http(config, authority) ? "http://" : "https://") + text;
  }
  auto url = Url::parse(with_scheme);
  if (!url.ok()) {
    return invalid(url.status().message());
  }
  if (url->target.find('?') != std::string::npos) {
    return invalid("a query is not allowed");
  }
  if (url->scheme == "http" && !allows_plain_http(config, url->authority())) {
    return invalid("plain http is allowed only for loopback hosts and insecureHosts");
  }
  std::string prefix = url->target;
  while (!prefix.empty() && prefix.back() == '/') {
    prefix.pop_back();
  }
  if (prefix.size() >= 3 && prefix.compare(prefix.size() - 3, 3, "/v2") == 0) {
    prefix.resize(prefix.size() - 3);  // "http://mirror/v2" means the API root
  }
  url->target = prefix;
  return Endpoint{*std::move(url), true};
}

}  // namespace

Url Endpoint::url(std::string_view api_path) const {
  Url out = base;
  out.target = base.target + "/v2/" + std::string(api_path);
  return out;
}

bool allows_plain_http(const RegistryConfig& config, std::string_view authority) {
  std::string_view host = host_of(authority);
  return is_loopback(host) || config.insecure_hosts.contains(authority) ||
         config.insecure_hosts.contains(host);
}

Result<std::vector<Endpoint>> endpoints_for(const RegistryConfig& config, std::string_view domain) {
  std::vector<Endpoint> out;
  bool origin = true;
  if (auto it = config.mirrors.find(domain); it != config.mirrors.end()) {
    for (const std::string& text : it->second.endpoints) {
      HERD_ASSIGN_OR_RETURN(Endpoint endpoint, mirror_endpoint(config, domain, text));
      out.push_back(std::move(endpoint));
    }
    origin = it->second.fallback_to_origin;
  }
  if (origin) {
    std::string host(domain == kDockerHub ? kDockerHubApiHost : domain);
    auto url = Url::parse((allows_plain_http(config, host) ? "http://" : "https://") + host);
    if (!url.ok()) {
      return Status::invalid_argument("registry host \"" + std::string(domain) +
                                      "\": " + url.status().message());
    }
    url->target = "";
    out.push_back(Endpoint{*std::move(url), false});
  }
  if (out.empty()) {
    return Status::invalid_argument("no endpoints for " + std::string(domain) +
                                    ": its mirror config has none and fallbackToOrigin is false");
  }
  return out;
}

Status validate_registry_config(const RegistryConfig& config) {
  for (const auto& [domain, mirror] : config.mirrors) {
    HERD_RETURN_IF_ERROR(endpoints_for(config, domain).status());
  }
  return Status();
}

}  // namespace herd::runtime::image
