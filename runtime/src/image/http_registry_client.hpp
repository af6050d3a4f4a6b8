#pragma once

// HttpRegistryClient: RegistryClient over an HttpTransport (Beast in
// production, an in-memory fake in tests). The protocol, per endpoint:
//
//   GET /v2/<path>/manifests/<tag|digest>   Accept: the four manifest types
//     401 + WWW-Authenticate: Bearer ...  -> GET <realm>?service=..&scope=..
//                                            (Basic credentials if configured),
//                                            then the request again with the token
//     an index / list                     -> GET .../manifests/<platform's digest>
//   GET /v2/<path>/blobs/<digest>            3xx -> follow Location (without
//                                            Authorization when the host changes)

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "herd/runtime/registry_client.hpp"
#include "image/blob_verifier.hpp"
#include "image/http_transport.hpp"
#include "image/manifest.hpp"
#include "image/registry_auth.hpp"
#include "image/registry_hosts.hpp"

namespace herd::runtime::image {

class HttpRegistryClient final : public RegistryClient {
 public:
  /// Requires: validate_registry_config(config) is OK.
  HttpRegistryClient(RegistryConfig config, std::unique_ptr<HttpTransport> transport);

  Result<ResolvedImage> resolve(const ImageReference& ref) override;
  Status fetch_blob(const ImageReference& ref, const Descriptor& blob, BlobSink& sink) override;

 private:
  struct Answer {
    HttpResponse response;
    std::string from;  ///< host[:port] that gave the final answer
  };
  struct Manifest {
    Descriptor descriptor;
    std::string bytes;
    ParsedManifest parsed;
  };

  Result<ResolvedImage> resolve_at(const Endpoint& endpoint, const ImageReference& ref);
  Result<Manifest> get_manifest(const Endpoint& endpoint, const ImageReference& ref,
                                const std::string& reference);
  Status fetch_blob_at(const Endpoint& endpoint, const ImageReference& ref, const Descriptor& blob,
                       VerifyingSink& sink);
  /// Sends `request` to `endpoint` for `repository`: authenticates on a 401
  /// and follows redirects. Transport failures come back as "registry
  /// unreachable: ..."; a failure of request.body_sink unchanged.
  Result<Answer> send(const Endpoint& endpoint, const std::string& repository, HttpRequest request);
  /// The Authorization value answering the 401 `response`.
  Result<std::string> authenticate(const Endpoint& endpoint, const HttpResponse& response,
                                   const std::string& scope);
  Result<std::string> fetch_token(const Endpoint& endpoint, const AuthChallenge& challenge,
                                  const std::string& scope);
  const RegistryCredentials* credentials_for(const std::string& authority) const;

  std::string cached_authorization(const std::string& key);
  void cache_authorization(const std::string& key, std::string value);

  const RegistryConfig config_;
  const std::unique_ptr<HttpTransport> transport_;
  std::mutex mutex_;
  std::map<std::string, std::string>
      authorizations_;  ///< "endpoint scope" -> header value; guarded by mutex_
};

/// The Status for a registry's non-2xx answer: its JSON error message (or
/// reason phrase) and "(<status> from <host>)"; 404 is kNotFound, 401/403
/// kInvalidArgument, 5xx and 429 kUnavailable.
Status registry_error(const HttpResponse& response, const std::string& from);

}  // namespace herd::runtime::image
