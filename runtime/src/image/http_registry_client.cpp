#include "image/http_registry_client.hpp"

#include <cctype>

#include "herd/api/codec.hpp"
#include "image/blob_verifier.hpp"
#include "image/sha256.hpp"

namespace herd::runtime::image {
namespace {

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string scope_for(const std::string& repository) {
  return "repository:" + repository + ":pull";
}

// The message of a registry's JSON error body ({"errors":[{"code","message"}]}),
// or "" when the body is not one.
std::string error_body_message(const std::string& body) {
  auto document = api::parse_json_value(body);
  if (!document.ok()) {
    return "";
  }
  const api::Value* errors = document->find("errors");
  if (errors == nullptr || !errors->is_array() || errors->as_array().empty()) {
    return "";
  }
  const api::Value& first = errors->as_array().front();
  const api::Value* message = first.find("message");
  if (message != nullptr && message->is_string() && !message->as_string().empty()) {
    return message->as_string();
  }
  const api::Value* code = first.find("code");
  return code != nullptr && code->is_string() ? code->as_string() : "";
}

std::string lower(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

// Several endpoints' failures as one Status: each reason in the order tried,
// with the first one's code (the first endpoint is the preferred one).
Status combine(const std::vector<Status>& failures, const std::string& context) {
  std::string message;
  for (const Status& failure : failures) {
    message += (message.empty() ? "" : "; ") + failure.message();
  }
  return Status(failures.front().code(), context + ": " + message);
}

// Forwards to the caller's sink and remembers whether it failed, so that its
// Status is returned as it is rather than as the registry's fault.
class CallerSink final : public BlobSink {
 public:
  explicit CallerSink(BlobSink& inner) : inner_(inner) {}
  Status write(std::string_view chunk) override {
    Status status = inner_.write(chunk);
    failed_ = !status.ok();
    return status;
  }
  bool failed() const { return failed_; }

 private:
  BlobSink& inner_;
  bool failed_ = false;
};

}  // namespace

Status registry_error(const HttpResponse& response, const std::string& from) {
  std::string what = error_body_message(response.body);
  if (what.empty()) {
    what = response.reason.empty() ? "HTTP error" : lower(response.reason);
  }
  std::string message = what + " (" + std::to_string(response.status) + " from " + from + ")";
  switch (response.status) {
    case 404:
      return Status::not_found(message);
    case 401:
    case 403:
      return Status::invalid_argument("unauthorized: " + message);
    case 429:
      return Status::unavailable(message);
    default:
      return response.status >= 500 ? Status::unavailable(message)
                                    : Status::invalid_argument(message);
  }
}

HttpRegistryClient::HttpRegistryClient(RegistryConfig config,
                                       std::unique_ptr<HttpTransport> transport)
    : config_(std::move(config)), transport_(std::move(transport)) {}

Result<ResolvedImage> HttpRegistryClient::resolve(const ImageReference& ref) {
  std::string context = "pull " + ref.to_string();
  auto endpoints = endpoints_for(config_, ref.domain);
  if (!endpoints.ok()) {
    return endpoints.status().with_context(context);
  }
  std::vector<Status> failures;
  for (const Endpoint& endpoint : *endpoints) {
    auto resolved = resolve_at(endpoint, ref);
    if (resolved.ok()) {
      return resolved;
    }
    failures.push_back(resolved.status());
  }
  return combine(failures, context);
}

Result<ResolvedImage> HttpRegistryClient::resolve_at(const Endpoint& endpoint,
                                                     const ImageReference& ref) {
  HERD_ASSIGN_OR_RETURN(Manifest top, get_manifest(endpoint, ref, ref.manifest_reference()));
  ResolvedImage out;
  out.name = ref.to_string();
  out.endpoint = endpoint.name();
  out.target = top.descriptor;
  out.target_bytes = top.bytes;
  if (top.parsed.kind == ParsedManifest::Kind::kIndex) {
    HERD_ASSIGN_OR_RETURN(Descriptor wanted,
                          select_platform(top.parsed.manifests, config_.platform));
    HERD_ASSIGN_OR_RETURN(top, get_manifest(endpoint, ref, wanted.digest));
    if (top.parsed.kind != ParsedManifest::Kind::kImage) {
      return Status::corrupt("the index's manifest for " + platform_string(config_.platform) +
                             " (" + wanted.digest + ") is itself an index");
    }
    if (top.descriptor.size != wanted.size) {
      return Status::corrupt("size mismatch for manifest " + wanted.digest + ": got " +
                             std::to_string(top.descriptor.size) + " bytes, want " +
                             std::to_string(wanted.size));
    }
  }
  out.manifest = top.descriptor;
  out.manifest_bytes = std::move(top.bytes);
  out.config = top.parsed.config;
  out.layers = std::move(top.parsed.layers);
  return out;
}

Result<HttpRegistryClient::Manifest> HttpRegistryClient::get_manifest(
    const Endpoint& endpoint, const ImageReference& ref, const std::string& reference) {
  HttpRequest request;
  request.url = endpoint.url(ref.path + "/manifests/" + reference);
  request.headers.emplace_back("Accept", manifest_accept_header());
  request.max_body = config_.max_manifest_bytes;
  HERD_ASSIGN_OR_RETURN(Answer answer, send(endpoint, ref.path, std::move(request)));
  if (answer.response.status != 200) {
    return registry_error(answer.response, answer.from);
  }
  Manifest out;
  out.bytes = std::move(answer.response.body);
  out.descriptor.digest = sha256_digest(out.bytes);
  out.descriptor.size = static_cast<int64_t>(out.bytes.size());
  if (reference.find(':') != std::string::npos && reference != out.descriptor.digest) {
    return Status::corrupt("digest mismatch for manifest " + reference + ": got " +
                           out.descriptor.digest + " from " + answer.from);
  }
  auto parsed = parse_manifest(answer.response.header("content-type").value_or(""), out.bytes);
  if (!parsed.ok()) {
    return parsed.status().with_context("manifest " + reference + " from " + answer.from);
  }
  out.parsed = *std::move(parsed);
  out.descriptor.media_type = out.parsed.media_type;
  return out;
}

Status HttpRegistryClient::fetch_blob(const ImageReference& ref, const Descriptor& blob,
                                      BlobSink& sink) {
  std::string context = "pull " + ref.to_string();
  HERD_RETURN_IF_ERROR(VerifyingSink::check_supported(blob).with_context(context));
  auto endpoints = endpoints_for(config_, ref.domain);
  if (!endpoints.ok()) {
    return endpoints.status().with_context(context);
  }
  std::vector<Status> failures;
  CallerSink caller(sink);
  for (const Endpoint& endpoint : *endpoints) {
    VerifyingSink verifying(blob, caller);
    Status status = fetch_blob_at(endpoint, ref, blob, verifying);
    if (status.ok()) {
      return status;
    }
    if (caller.failed()) {
      return status;  // the caller's own error, as it gave it
    }
    failures.push_back(status);
    if (verifying.bytes_written() > 0) {
      break;  // the sink has part of the blob: another endpoint cannot continue it
    }
  }
  return combine(failures, context);
}

Status HttpRegistryClient::fetch_blob_at(const Endpoint& endpoint, const ImageReference& ref,
                                         const Descriptor& blob, VerifyingSink& sink) {
  HttpRequest request;
  request.url = endpoint.url(ref.path + "/blobs/" + blob.digest);
  request.body_sink = [&sink](std::string_view chunk) { return sink.write(chunk); };
  HERD_ASSIGN_OR_RETURN(Answer answer, send(endpoint, ref.path, std::move(request)));
  if (answer.response.status / 100 != 2) {
    return registry_error(answer.response, answer.from);
  }
  return sink.finish();
}

Result<HttpRegistryClient::Answer> HttpRegistryClient::send(const Endpoint& endpoint,
                                                            const std::string& repository,
                                                            HttpRequest request) {
  const std::string scope = scope_for(repository);
  const std::string key = endpoint.name() + " " + scope;
  std::string authorization = cached_authorization(key);
  bool authenticated = false;
  bool sink_failed = false;
  if (request.body_sink) {
    request.body_sink = [inner = std::move(request.body_sink),
                         &sink_failed](std::string_view chunk) {
      Status status = inner(chunk);
      sink_failed = !status.ok();
      return status;
    };
  }
  for (int redirects = 0;;) {
    HttpRequest attempt = request;
    // Credentials go only to the endpoint, never to where it redirects (a
    // storage service would refuse them, or learn them).
    bool at_endpoint =
        attempt.url.scheme == endpoint.base.scheme && attempt.url.authority() == endpoint.name();
    if (at_endpoint && !authorization.empty()) {
      attempt.headers.emplace_back("Authorization", authorization);
    }
    auto response = transport_->send(attempt);
    if (!response.ok()) {
      if (sink_failed) {
        return response.status();
      }
      return Status(response.status().code(),
                    "registry unreachable: " + response.status().message());
    }
    if (response->status == 401 && at_endpoint && !authenticated) {
      HERD_ASSIGN_OR_RETURN(authorization, authenticate(endpoint, *response, scope));
      cache_authorization(key, authorization);
      authenticated = true;
      continue;
    }
    if (is_redirect(response->status)) {
      auto location = response->header("location");
      if (!location.has_value()) {
        return Status::unavailable("redirect without Location (" +
                                   std::to_string(response->status) + " from " +
                                   attempt.url.authority() + ")");
      }
      if (++redirects > config_.max_redirects) {
        return Status::unavailable("more than " + std::to_string(config_.max_redirects) +
                                   " redirects (last to " + *location + ")");
      }
      auto next = request.url.resolve(*location);
      if (!next.ok()) {
        return Status::unavailable("redirect from " + attempt.url.authority() + ": " +
                                   next.status().message());
      }
      request.url = *std::move(next);
      continue;
    }
    return Answer{*std::move(response), attempt.url.authority()};
  }
}

Result<std::string> HttpRegistryClient::authenticate(const Endpoint& endpoint,
                                                     const HttpResponse& response,
                                                     const std::string& scope) {
  std::vector<AuthChallenge> challenges;
  for (const std::string& header : response.headers_named("www-authenticate")) {
    for (AuthChallenge& challenge : parse_www_authenticate(header)) {
      challenges.push_back(std::move(challenge));
    }
  }
  for (const AuthChallenge& challenge : challenges) {
    if (challenge.scheme == "bearer") {
      HERD_ASSIGN_OR_RETURN(std::string token, fetch_token(endpoint, challenge, scope));
      return "Bearer " + token;
    }
  }
  for (const AuthChallenge& challenge : challenges) {
    const RegistryCredentials* credentials = credentials_for(endpoint.name());
    if (challenge.scheme == "basic" && credentials != nullptr) {
      return "Basic " + basic_credentials(credentials->username, credentials->password);
    }
  }
  return registry_error(response, endpoint.name());
}

Result<std::string> HttpRegistryClient::fetch_token(const Endpoint& endpoint,
                                                    const AuthChallenge& challenge,
                                                    const std::string& scope) {
  auto fail = [&endpoint](const std::string& what) {
    return Status::invalid_argument("unauthorized: token for " + endpoint.name() + ": " + what);
  };
  auto text = token_url(challenge, scope);
  if (!text.ok()) {
    return fail(text.status().message());
  }
  auto url = Url::parse(*text);
  if (!url.ok()) {
    return fail(url.status().message());
  }
  HttpRequest request;
  request.url = *url;
  request.max_body = 1 << 20;
  // The realm's own credentials, else the registry's: Docker Hub's tokens
  // come from auth.docker.io for credentials of registry-1.docker.io.
  const RegistryCredentials* credentials = credentials_for(url->authority());
  if (credentials == nullptr) {
    credentials = credentials_for(endpoint.name());
  }
  if (credentials != nullptr) {
    if (url->scheme == "http" && !allows_plain_http(config_, url->authority())) {
      return fail("will not send credentials over plain http to " + url->authority());
    }
    request.headers.emplace_back(
        "Authorization",
        "Basic " + basic_credentials(credentials->username, credentials->password));
  }
  auto response = transport_->send(request);
  if (!response.ok()) {
    return Status(response.status().code(), "registry unreachable: token from " + url->authority() +
                                                ": " + response.status().message());
  }
  if (response->status != 200) {
    Status error = registry_error(*response, url->authority());
    std::string message = error.message();
    const std::string unauthorized = "unauthorized: ";
    bool denied = message.rfind(unauthorized, 0) == 0;
    if (denied) {
      message.erase(0, unauthorized.size());
    }
    return Status(error.code(), (denied ? unauthorized : "") + "token request: " + message);
  }
  auto token = parse_token_response(response->body);
  if (!token.ok()) {
    return fail(token.status().message() + " (from " + url->authority() + ")");
  }
  return token;
}

const RegistryCredentials* HttpRegistryClient::credentials_for(const std::string& authority) const {
  auto it = config_.credentials.find(authority);
  return it == config_.credentials.end() ? nullptr : &it->second;
}

std::string HttpRegistryClient::cached_authorization(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = authorizations_.find(key);
  return it == authorizations_.end() ? "" : it->second;
}

void HttpRegistryClient::cache_authorization(const std::string& key, std::string value) {
  std::lock_guard lock(mutex_);
  authorizations_[key] = std::move(value);
}

}  // namespace herd::runtime::image

namespace herd::runtime {

Result<std::unique_ptr<RegistryClient>> make_registry_client(RegistryConfig config) {
  HERD_RETURN_IF_ERROR(image::validate_registry_config(config));
  image::TransportOptions options{config.connect_timeout, config.read_timeout};
  return std::unique_ptr<RegistryClient>(std::make_unique<image::HttpRegistryClient>(
      std::move(config), image::make_beast_transport(options)));
}

}  // namespace herd::runtime
