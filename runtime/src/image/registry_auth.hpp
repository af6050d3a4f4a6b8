#pragma once

// The pieces of registry authentication that need no network: reading a
// 401's WWW-Authenticate challenges (RFC 7235), building the token request
// the Docker token protocol asks for, and reading the token that comes back.
//
//   401  WWW-Authenticate: Bearer realm="https://auth.docker.io/token",
//                          service="registry.docker.io",scope="repository:library/busybox:pull"
//   GET  https://auth.docker.io/token?service=registry.docker.io&scope=repository%3A...
//   200  {"token": "...", "expires_in": 300}
//   then the request again with "Authorization: Bearer <token>".

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "herd/base/result.hpp"

namespace herd::runtime::image {

/// One challenge of a WWW-Authenticate header.
struct AuthChallenge {
  std::string scheme;                         ///< Lower-cased: "bearer", "basic".
  std::map<std::string, std::string> params;  ///< Names lower-cased, values unquoted.

  /// The parameter's value, or "" when absent.
  std::string param(const std::string& name) const;
};

/// Parses a WWW-Authenticate value into its challenges, in order. Several
/// challenges may share one value ("Basic realm=x, Bearer realm=y").
/// Malformed text gives what could be read before it; never fails.
std::vector<AuthChallenge> parse_www_authenticate(std::string_view header);

/// The token endpoint URL for a Bearer challenge: realm, with service and
/// scope (the challenge's, else `default_scope`) as query parameters.
/// Returns kInvalidArgument when the challenge has no realm.
Result<std::string> token_url(const AuthChallenge& challenge, std::string_view default_scope);

/// The token of a token endpoint's JSON answer ("token", else
/// "access_token"). Returns kInvalidArgument when there is none.
Result<std::string> parse_token_response(std::string_view body);

/// "%"-encodes everything but RFC 3986's unreserved characters.
std::string url_encode(std::string_view text);

/// Base64 of "user:password", for "Authorization: Basic ...".
std::string basic_credentials(std::string_view user, std::string_view password);

}  // namespace herd::runtime::image
